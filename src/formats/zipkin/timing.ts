/**
 * Start, duration and how sure we are of them. Zipkin spans may lack a timestamp or a duration
 * (incomplete spans, v1 spans whose timing lives in the cs/cr/sr/ss annotations), so every span
 * states whether its times are `exact`, `derived` from annotations, `no-duration` or `missing`;
 * the tree builder, not the decoder, warns about the last two.
 */
import type { Span } from '../../model/span.js';
import { isPlausibleEpochNanos, microsDurationToNanos, microsToNanos } from '../../model/time.js';
import type { Annotation } from './annotations.js';
import { readTimestampMicros } from './micros.js';
import type { SpanWhere, WarnSink } from './warn-sink.js';

export interface Timing {
  readonly startNs: bigint;
  readonly durationNs: number;
  readonly timing: Span['timing'];
}

/** The span-level `timestamp` in µs (absent when 0), with a warning when it is not a plausible epoch time. */
export function readSpanTimestamp(value: unknown, sink: WarnSink, where: SpanWhere): number | undefined {
  const us = readTimestampMicros(value);
  if (us !== undefined && !isPlausibleEpochNanos(microsToNanos(us))) {
    sink.add('suspect-timestamp', `span timestamp ${us} µs is not a plausible epoch time`, where);
  }
  return us;
}

/**
 * A duration in ns the model can hold: a negative one is clamped to 0, and one beyond 2^53 ns
 * (104 days; a seconds-for-microseconds mix-up, or garbage) is dropped as unknown, each with a warning.
 */
function usableDuration(durationNs: number, sink: WarnSink, where: SpanWhere): number | undefined {
  if (!Number.isFinite(durationNs) || durationNs > Number.MAX_SAFE_INTEGER) {
    sink.add('suspect-timestamp', `duration ${Number.isFinite(durationNs) ? `${durationNs} ns` : 'beyond any number'} is implausibly long: ignored`, where);
    return undefined;
  }
  if (durationNs >= 0) return durationNs;
  sink.add('suspect-timestamp', `negative duration ${durationNs} ns: clamped to 0`, where);
  return 0;
}

/** Timing from the span's own fields: `exact`, or `no-duration` when the duration is unknown. */
export function timingFromFields(startUs: number, durationUs: number | undefined, sink: WarnSink, where: SpanWhere): Timing {
  const startNs = microsToNanos(startUs);
  const durationNs = durationUs === undefined ? undefined : usableDuration(microsDurationToNanos(durationUs), sink, where);
  if (durationNs === undefined) return { startNs, durationNs: 0, timing: 'no-duration' };
  return { startNs, durationNs, timing: 'exact' };
}

/** Timing between two annotations (v1 cs→cr, sr→ss, ...): `derived`, or `no-duration` without an end. */
export function timingBetween(begin: Annotation, end: Annotation | undefined, sink: WarnSink, where: SpanWhere): Timing {
  const durationNs = end === undefined ? undefined : usableDuration(Number(end.timeNs - begin.timeNs), sink, where);
  if (durationNs === undefined) return { startNs: begin.timeNs, durationNs: 0, timing: 'no-duration' };
  return { startNs: begin.timeNs, durationNs, timing: 'derived' };
}

/**
 * Timing of a span without a start: from its earliest annotation to its latest (`derived`), or to
 * the span's own duration when it has one (the producer measured it; annotations only bracket it). Without annotations the start is unknown: `missing`,
 * keeping whatever duration the span stated.
 */
export function timingFromAnnotations(
  annotations: readonly Annotation[],
  durationUs: number | undefined,
  sink: WarnSink,
  where: SpanWhere,
): Timing {
  const stated = durationUs === undefined ? undefined : usableDuration(microsDurationToNanos(durationUs), sink, where);
  // An annotation with a wrong-magnitude time (already warned about) would stretch the span over
  // decades: when some times are plausible, only those place the span.
  const plausible = annotations.filter((a) => isPlausibleEpochNanos(a.timeNs));
  const basis = plausible.length > 0 ? plausible : annotations;
  const first = basis[0];
  if (first === undefined) return { startNs: 0n, durationNs: stated ?? 0, timing: 'missing' };
  let min = first.timeNs;
  let max = first.timeNs;
  for (const a of basis) {
    if (a.timeNs < min) min = a.timeNs;
    if (a.timeNs > max) max = a.timeNs;
  }
  const durationNs = stated ?? usableDuration(Number(max - min), sink, where) ?? 0;
  return { startNs: min, durationNs, timing: 'derived' };
}
