/**
 * A ResourceSpans cut off by the end of the input: its whole ScopeSpans, and the whole spans of the
 * ScopeSpans in progress, still count (old OTLP names ScopeSpans `instrumentationLibrarySpans`).
 */
import type { SalvageRule } from '../record-salvage.js';

export const OTLP_SALVAGE: SalvageRule = {
  units: [['scopeSpans'], ['instrumentationLibrarySpans'], ['scopeSpans', 'spans'], ['instrumentationLibrarySpans', 'spans']],
  spans: [['scopeSpans', 'spans'], ['instrumentationLibrarySpans', 'spans']],
};
