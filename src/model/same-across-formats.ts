/**
 * One span exported twice by one SDK, once as OTLP and once as Zipkin: the same ids and parent, the
 * same name but for case (Zipkin servers lowercase names), start and duration within a microsecond
 * (Zipkin has microseconds where OTLP has nanoseconds). Trace assembly and the compact span store
 * keep the OTLP copy of such a pair and drop the Zipkin one with a `merged-duplicate` note.
 */
import type { Span } from './span.js';

const MICROSECOND = 1000;

export function sameAcrossFormats(a: Span, b: Span): boolean {
  if (a.format === b.format || (a.format !== 'otlp' && a.format !== 'zipkin') || (b.format !== 'otlp' && b.format !== 'zipkin')) return false;
  if (a.parentId !== b.parentId || a.operation.toLowerCase() !== b.operation.toLowerCase()) return false;
  const startGap = a.startNs > b.startNs ? a.startNs - b.startNs : b.startNs - a.startNs;
  return startGap < BigInt(MICROSECOND) && Math.abs(a.durationNs - b.durationNs) < MICROSECOND;
}
