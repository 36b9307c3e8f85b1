/**
 * Zipkin's `shared` flag marks the server half of an RPC whose client half has the same span id.
 * Jaeger and OTLP have no such flag; tracectl (like Jaeger) recognizes a pair by the shared id and
 * the kinds, so the flag is only really lost on a server half whose client half is not in the trace.
 */
import type { Span } from '../../model/span.js';

/** How many spans flagged `shared` have no client span with their id in the trace. */
export function lonelySharedHalves(spans: readonly Span[]): number {
  let flagged = 0;
  for (const span of spans) if (span.shared === true) flagged++;
  if (flagged === 0) return 0;
  const clients = new Set(spans.filter((s) => s.kind === 'client').map((s) => s.spanId));
  return spans.filter((s) => s.shared === true && !clients.has(s.spanId)).length;
}
