/**
 * Span and log times in both Jaeger dialects: UI JSON writes epoch microseconds and microsecond
 * durations as numbers; api_v2 protobuf-JSON writes RFC 3339 timestamps and Go/protobuf duration
 * strings ("100000ns", "1.5s"). Everything becomes epoch nanoseconds (bigint) and nanosecond
 * durations. A start of 0 is no start. Missing values are not warned here: `timing` says what was
 * known and the tree builder warns; only an implausible start and a negative duration are this
 * layer's to report. A span without a start keeps the duration it states.
 */
import type { Span } from '../../model/span.js';
import {
  isPlausibleEpochNanos,
  microsDurationToNanos,
  microsToNanos,
  parseDurationString,
  parseNumberish,
  parseRfc3339,
} from '../../model/time.js';
import { type WarningSink, warn } from './warn.js';

export interface SpanTiming {
  readonly startNs: bigint;
  readonly durationNs: number;
  readonly timing: Span['timing'];
}

/** An instant: µs since epoch (number or decimal string) or RFC 3339; undefined when unreadable. */
export function readInstant(raw: unknown): bigint | undefined {
  if (typeof raw === 'string') {
    const rfc = parseRfc3339(raw);
    if (rfc !== undefined) return rfc;
  }
  const micros = parseNumberish(raw);
  return micros === undefined ? undefined : microsToNanos(micros);
}

/** A duration in ns: µs (number or decimal string) or a unit-suffixed string; undefined when unreadable. */
function readDuration(raw: unknown): number | undefined {
  if (typeof raw === 'string') {
    const parsed = parseDurationString(raw);
    if (parsed !== undefined) return parsed;
  }
  const micros = parseNumberish(raw);
  return micros === undefined ? undefined : microsDurationToNanos(micros);
}

export function decodeTiming(
  rawStart: unknown,
  rawDuration: unknown,
  sink: WarningSink,
  traceId: string,
  spanId: string,
): SpanTiming {
  // 0 is the Unix epoch, which no real span starts at: a writer that had no time wrote its zero
  // value (as Zipkin and OTLP do by definition), so it means "missing", as jaeger-ui reads it.
  const read = readInstant(rawStart);
  const start = read === 0n ? undefined : read;
  let duration = readDuration(rawDuration);
  if (start !== undefined && !isPlausibleEpochNanos(start)) {
    warn(sink, 'suspect-timestamp', `span ${spanId}: startTime ${String(rawStart)} lies outside 2000-2100 (wrong unit?)`, traceId, spanId);
  }
  if (duration !== undefined && (!Number.isFinite(duration) || duration > Number.MAX_SAFE_INTEGER)) {
    // Beyond 2^53 ns (104 days): a unit mix-up or garbage, which the model cannot hold exactly.
    warn(sink, 'suspect-timestamp', `span ${spanId}: duration ${String(rawDuration)} is implausibly long: ignored`, traceId, spanId);
    duration = undefined;
  }
  if (duration !== undefined && duration < 0) {
    warn(sink, 'suspect-timestamp', `span ${spanId}: negative duration ${String(rawDuration)} clamped to 0`, traceId, spanId);
    duration = 0;
  }
  if (start === undefined) return { startNs: 0n, durationNs: duration ?? 0, timing: 'missing' };
  if (duration === undefined) return { startNs: start, durationNs: 0, timing: 'no-duration' };
  return { startNs: start, durationNs: duration, timing: 'exact' };
}
