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

/** A duration in ns that is never negative: a negative one is clamped to 0 with a warning. */
function clampDuration(durationNs: number, sink: WarnSink, where: SpanWhere): number {
  if (durationNs >= 0) return durationNs;
  sink.add('suspect-timestamp', `negative duration ${durationNs} ns: clamped to 0`, where);
  return 0;
}

/** Timing from the span's own fields: `exact`, or `no-duration` when the duration is unknown. */
export function timingFromFields(startUs: number, durationUs: number | undefined, sink: WarnSink, where: SpanWhere): Timing {
  const startNs = microsToNanos(startUs);
  if (durationUs === undefined) return { startNs, durationNs: 0, timing: 'no-duration' };
  return { startNs, durationNs: clampDuration(microsDurationToNanos(durationUs), sink, where), timing: 'exact' };
}

/** Timing between two annotations (v1 cs→cr, sr→ss, ...): `derived`, or `no-duration` without an end. */
export function timingBetween(begin: Annotation, end: Annotation | undefined, sink: WarnSink, where: SpanWhere): Timing {
  if (end === undefined) return { startNs: begin.timeNs, durationNs: 0, timing: 'no-duration' };
  return { startNs: begin.timeNs, durationNs: clampDuration(Number(end.timeNs - begin.timeNs), sink, where), timing: 'derived' };
}

/**
 * Timing of a span without a start: from its earliest annotation to its latest (`derived`), or to
 * the span's own duration when it has one. Without annotations the start is unknown: `missing`,
 * keeping whatever duration the span stated.
 */
export function timingFromAnnotations(
  annotations: readonly Annotation[],
  durationUs: number | undefined,
  sink: WarnSink,
  where: SpanWhere,
): Timing {
  const first = annotations[0];
  if (first === undefined) {
    const durationNs = durationUs === undefined ? 0 : clampDuration(microsDurationToNanos(durationUs), sink, where);
    return { startNs: 0n, durationNs, timing: 'missing' };
  }
  let min = first.timeNs;
  let max = first.timeNs;
  for (const a of annotations) {
    if (a.timeNs < min) min = a.timeNs;
    if (a.timeNs > max) max = a.timeNs;
  }
  const durationNs = durationUs === undefined ? Number(max - min) : clampDuration(microsDurationToNanos(durationUs), sink, where);
  return { startNs: min, durationNs, timing: 'derived' };
}
