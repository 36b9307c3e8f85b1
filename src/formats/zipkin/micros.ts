/**
 * Zipkin times are epoch microseconds and durations microseconds. Zipkin treats 0 (and, for
 * timestamps, anything at or before the epoch is invalid anyway) as "not set", so a 0 reads as
 * absent here too. Values are sometimes written as decimal strings by hand-made exporters.
 */
import { parseNumberish } from '../../model/time.js';

/** A span or annotation timestamp in µs, or undefined when absent or 0. */
export function readTimestampMicros(value: unknown): number | undefined {
  const us = parseNumberish(value);
  return us === undefined || us === 0 ? undefined : us;
}

/** A duration in µs, or undefined when absent or 0. Negative values are returned for the caller to clamp. */
export function readDurationMicros(value: unknown): number | undefined {
  const us = parseNumberish(value);
  return us === undefined || us === 0 ? undefined : us;
}
