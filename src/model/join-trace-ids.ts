/**
 * Zipkin reads a 64-bit trace id and a 128-bit one with the same low 64 bits as one trace (its
 * default, non-strict trace ids: some B3 instrumentation truncated an incoming 128-bit id to 64
 * bits) and keeps the 128-bit id. tracectl does the same for Zipkin spans, and says so: the spans of
 * the 64-bit trace join the 128-bit one, with a `joined-trace-id` warning. Only when exactly one
 * 128-bit id has those low bits: two would be two traces, and which one the 64-bit spans belong to
 * is not known.
 */
import type { Span } from './span.js';
import type { TraceWarning } from './warnings.js';

const HEX16 = /^[0-9a-f]{16}$/;
const HEX32 = /^[0-9a-f]{32}$/;

/** 64-bit trace id → the one 128-bit id with the same low half, among `traceIds`. */
function partners(traceIds: Iterable<string>): Map<string, string> {
  const short = new Set<string>();
  const long = new Map<string, string | null>(); // low half → the 128-bit id, or null when several
  for (const id of traceIds) {
    if (id.length === 16) {
      if (HEX16.test(id)) short.add(id);
    } else if (id.length === 32 && HEX32.test(id)) {
      const low = id.slice(16);
      long.set(low, long.has(low) ? null : id);
    }
  }
  const out = new Map<string, string>();
  for (const id of short) {
    const full = long.get(id);
    if (typeof full === 'string') out.set(id, full);
  }
  return out;
}

const isZipkin = (spans: readonly Span[]): boolean => spans.some((s) => s.format === 'zipkin');

/**
 * The groups (trace id and its spans, traces in the order first seen), with each 64-bit Zipkin
 * trace joined into its 128-bit partner: the joined trace comes when the later of the two would.
 */
export function* joinTraceIds(groups: Iterable<[string, Span[]]>, traceIds: Iterable<string>, warnings: TraceWarning[]): Generator<[string, Span[]]> {
  const shortToLong = partners(traceIds);
  if (shortToLong.size === 0) {
    yield* groups;
    return;
  }
  const longToShort = new Map<string, string>();
  for (const [s, l] of shortToLong) longToShort.set(l, s);
  const waiting = new Map<string, Span[]>();
  for (const [traceId, spans] of groups) {
    const partner = shortToLong.get(traceId) ?? longToShort.get(traceId);
    if (partner === undefined) {
      yield [traceId, spans];
      continue;
    }
    const other = waiting.get(partner);
    if (other === undefined) {
      waiting.set(traceId, spans);
      continue;
    }
    waiting.delete(partner);
    const [shortId, shortSpans, longId, longSpans] = traceId.length === 16 ? [traceId, spans, partner, other] : [partner, other, traceId, spans];
    if (!isZipkin(shortSpans) || !isZipkin(longSpans)) {
      yield [partner, other];
      yield [traceId, spans];
      continue;
    }
    warnings.push({
      code: 'joined-trace-id',
      message: `trace ${shortId} is the low 64 bits of trace ${longId}: its ${shortSpans.length} span(s) joined that trace, as Zipkin reads them`,
      traceId: longId,
    });
    yield [longId, [...longSpans, ...shortSpans.map((s) => ({ ...s, traceId: longId }))]];
  }
  for (const [traceId, spans] of waiting) yield [traceId, spans];
}
