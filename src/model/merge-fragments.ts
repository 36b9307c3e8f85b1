/**
 * Zipkin collects a span in pieces: a reporter may send the same span (same id, same service)
 * twice, once with its timing and kind and once with only late annotations or tags. zipkin-lens
 * merges such pieces before building the tree; so does tracectl, or the untimed piece would show up
 * as a duplicate id with no time. Only a piece that carries no time of its own, and no kind that
 * contradicts the other's, is merged: client/server halves of one RPC stay two spans.
 */
import type { Span } from './span.js';

function isFragmentOf(piece: Span, whole: Span): boolean {
  return (
    piece !== whole &&
    piece.service === whole.service &&
    piece.timing === 'missing' &&
    whole.timing !== 'missing' &&
    (piece.kind === 'internal' || piece.kind === 'unspecified' || piece.kind === whole.kind) &&
    (piece.parentId === undefined || piece.parentId === whole.parentId)
  );
}

function merge(whole: Span, piece: Span): Span {
  return {
    ...whole,
    operation: whole.operation !== '' ? whole.operation : piece.operation,
    attributes: { ...piece.attributes, ...whole.attributes },
    resource: { ...piece.resource, ...whole.resource },
    events: [...whole.events, ...piece.events].sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0)),
    ...(whole.status === 'unset' && piece.status !== 'unset' ? { status: piece.status } : {}),
    ...(whole.statusMessage === undefined && piece.statusMessage !== undefined ? { statusMessage: piece.statusMessage } : {}),
  };
}

/** Spans of one trace with untimed Zipkin fragments folded into the timed span they belong to. */
export function mergeZipkinFragments(spans: Span[]): Span[] {
  const byId = new Map<string, number>();
  let collisions: Set<string> | undefined;
  for (const span of spans) {
    if (span.format !== 'zipkin') continue;
    const n = (byId.get(span.spanId) ?? 0) + 1;
    byId.set(span.spanId, n);
    if (n > 1) (collisions ??= new Set()).add(span.spanId);
  }
  if (collisions === undefined) return spans;
  const replaced = new Map<Span, Span>();
  const dropped = new Set<Span>();
  for (const id of collisions) {
    const group = spans.filter((s) => s.spanId === id && s.format === 'zipkin');
    for (const piece of group) {
      const whole = group.find((w) => !dropped.has(w) && isFragmentOf(piece, w));
      if (whole === undefined) continue;
      replaced.set(whole, merge(replaced.get(whole) ?? whole, piece));
      dropped.add(piece);
    }
  }
  const out: Span[] = [];
  for (const span of spans) {
    if (dropped.has(span)) continue;
    out.push(replaced.get(span) ?? span);
  }
  return out;
}
