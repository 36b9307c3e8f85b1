/**
 * One OTLP ResourceSpans (what the framer hands over for each element of `resourceSpans` or Tempo's
 * `batches`) to spans: the resource gives service, host and resource attributes; each scope group
 * gives the instrumentation scope; each span is mapped by decode-span.ts.
 *
 * Scope groups are read from `scopeSpans`, or, when that is absent or empty, from the pre-0.15
 * `instrumentationLibrarySpans` (the rule trace.proto gave during the rename, and what the
 * Collector's pdata MigrateTraces does): a sender may double-publish both during the transition,
 * and reading both would duplicate every span.
 */
import type { Span } from '../../model/span.js';
import { TAIL_POLICY_KEY } from '../../model/span-sampling.js';
import type { TraceWarning } from '../../model/warnings.js';
import { isObject } from '../decoder.js';
import { attributesOf } from './any-value.js';
import type { SpanContext } from './decode-span.js';
import { decodeSpan } from './decode-span.js';
import { hostFromResource } from '../host-key.js';
import { serviceOf } from './resource.js';
import { describeRaw, warning } from './warn.js';
import type { WireResource, WireResourceSpans, WireScope, WireScopeSpans } from './wire.js';

/** Whether an object has the keys of a ResourceSpans. Cheap: `accepts` runs it per record. */
export function looksLikeResourceSpans(record: Record<string, unknown>): boolean {
  return 'scopeSpans' in record || 'instrumentationLibrarySpans' in record || 'resource' in record;
}

function nonEmptyText(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

function scopeGroups(wire: WireResourceSpans): { readonly field: string; readonly groups: readonly unknown[] } {
  if (Array.isArray(wire.scopeSpans) && wire.scopeSpans.length > 0) return { field: 'scopeSpans', groups: wire.scopeSpans };
  if (Array.isArray(wire.instrumentationLibrarySpans)) {
    return { field: 'instrumentationLibrarySpans', groups: wire.instrumentationLibrarySpans };
  }
  return { field: 'scopeSpans', groups: [] };
}

/** The Collector's tail sampler names the policy that kept a trace in a scope attribute (feature gate recordpolicy). */
function tailPolicyOf(raw: unknown): string | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  return nonEmptyText(attributesOf(raw)[TAIL_POLICY_KEY]);
}

export interface Sink {
  readonly spans: Span[];
  readonly warnings: TraceWarning[];
}

/** Decodes a record the caller has checked with looksLikeResourceSpans. */
export function decodeResourceSpans(record: Record<string, unknown>, file: string, sink: Sink, lean = false): void {
  const wire = record as WireResourceSpans;
  const resourceWire: WireResource = isObject(wire.resource) ? wire.resource : {};
  const resource = attributesOf(resourceWire.attributes);
  const service = serviceOf(resource);
  const host = hostFromResource(resource);

  const { field, groups } = scopeGroups(wire);
  groups.forEach((group, index) => {
    if (!isObject(group)) {
      sink.warnings.push(warning('skipped-record', `${field}[${index}] is ${describeRaw(group)}, not an object: skipped`, { file }));
      return;
    }
    const scopeWire = group as WireScopeSpans;
    const scopeRaw = scopeWire.scope !== undefined ? scopeWire.scope : scopeWire.instrumentationLibrary;
    const scope: WireScope = isObject(scopeRaw) ? scopeRaw : {};
    const ctx: SpanContext = {
      file,
      resource,
      service,
      host,
      scopeName: nonEmptyText(scope.name),
      scopeVersion: nonEmptyText(scope.version),
      tailPolicy: tailPolicyOf(scope.attributes),
      lean,
    };
    if (scopeWire.spans === undefined || scopeWire.spans === null) return;
    if (!Array.isArray(scopeWire.spans)) {
      const message = `${field}[${index}].spans is ${describeRaw(scopeWire.spans)}, not an array: skipped`;
      sink.warnings.push(warning('skipped-span', message, { file }));
      return;
    }
    for (const spanRaw of scopeWire.spans) {
      const span = decodeSpan(spanRaw, ctx, sink.warnings);
      if (span !== undefined) sink.spans.push(span);
    }
  });
}
