/**
 * `isoFromNanos` that never throws. A Date holds ±8.64e15 ms (about 275,000 years around 1970); a
 * dump with a garbage timestamp (a "huge number" where microseconds belong) lands outside it, and
 * `toISOString` throws a RangeError. One bad span must not take down a report, so such a time is
 * written as its raw epoch-nanosecond count instead.
 */
import { isoFromNanos } from '../model/time.js';

const MAX_DATE_NS = 8_640_000_000_000_000_000_000n;

export function isoTime(ns: bigint): string {
  if (ns > MAX_DATE_NS || ns < -MAX_DATE_NS) return `epoch+${ns}ns`;
  try {
    return isoFromNanos(ns);
  } catch {
    return `epoch+${ns}ns`;
  }
}
