/**
 * Start and duration from OTLP's `startTimeUnixNano` / `endTimeUnixNano`.
 *
 * They are int64 nanoseconds, written as decimal strings by protobuf JSON and as numbers by some
 * writers; both go through BigInt so a 250 ns span stays 250 ns. In proto3 a zero value is the same
 * as an absent one (protobuf JSON omits it), so 0 is "not recorded", not 1970.
 */
import type { Span } from '../../model/span.js';
import { finiteNanos, isPlausibleEpochNanos, parseNanos } from '../../model/time.js';

export interface SpanTiming {
  readonly startNs: bigint;
  readonly durationNs: number;
  readonly timing: Span['timing'];
  /** The start is recorded but outside 2000..2100: probably the wrong unit. */
  readonly implausibleStart: boolean;
  /** The end is before the start: the duration was clamped to 0. */
  readonly endBeforeStart: boolean;
}

function recorded(raw: unknown): bigint | undefined {
  const ns = parseNanos(raw);
  return ns === undefined || ns === 0n ? undefined : ns;
}

export function spanTimingOf(startRaw: unknown, endRaw: unknown): SpanTiming {
  const start = recorded(startRaw);
  if (start === undefined) {
    return { startNs: 0n, durationNs: 0, timing: 'missing', implausibleStart: false, endBeforeStart: false };
  }
  const implausibleStart = !isPlausibleEpochNanos(start);
  const end = recorded(endRaw);
  if (end === undefined) {
    return { startNs: start, durationNs: 0, timing: 'no-duration', implausibleStart, endBeforeStart: false };
  }
  const endBeforeStart = end < start;
  const durationNs = endBeforeStart ? 0 : finiteNanos(end - start);
  return { startNs: start, durationNs, timing: 'exact', implausibleStart, endBeforeStart };
}
