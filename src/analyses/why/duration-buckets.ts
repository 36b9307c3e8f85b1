/**
 * Durations cut at three significant digits, the resolution `--slow pN` works at.
 *
 * `why --slow p90` needs the p90 of the spans compared before it knows which spans are slow, but it
 * reads the dump once. So every span is counted under its duration's bucket, and once the dump is
 * read the threshold is the lower edge of the bucket that holds the nearest-rank p90: the p90 rounded
 * down to three significant digits (412.7ms → 412ms). "Slow" is then `duration >= 412ms`, exactly,
 * for every count shown, and the same text pasted into `--where` selects the same spans.
 *
 * Buckets: 0..999 are whole nanoseconds; above, each decade has 900 buckets, one per three-digit
 * mantissa (100..999). A bucket's index grows with its lower edge, so "slow" is a range of indexes.
 */

/** Enough for 2^53 ns (104 days) and more: 1000 + 13 decades × 900. */
export const DURATION_BUCKETS = 1000 + 14 * 900;

const POW10: readonly number[] = Array.from({ length: 20 }, (_, i) => 10 ** i);

/** The bucket of a duration in nanoseconds (fractions are cut; negative or non-finite count as 0). */
export function durationBucket(durationNs: number): number {
  if (!(durationNs >= 1)) return 0;
  const d = Math.floor(durationNs);
  if (d < 1000) return d;
  // The exponent that leaves three digits: d has e + 3 digits.
  let e = 1;
  while (e < 17 && d >= POW10[e + 3]!) e++;
  const unit = POW10[e]!;
  let m = Math.floor(d / unit);
  // Division may round up at the very top of a bucket for huge d: step back onto the edge.
  if (m * unit > d) m--;
  if (m > 999) m = 999;
  const bucket = 1000 + (e - 1) * 900 + (m - 100);
  return bucket < DURATION_BUCKETS ? bucket : DURATION_BUCKETS - 1;
}

/** The lower edge of a bucket, in nanoseconds: the duration rounded down to three significant digits. */
export function bucketEdgeNs(bucket: number): number {
  if (bucket < 1000) return bucket;
  const k = bucket - 1000;
  const e = Math.floor(k / 900) + 1;
  const m = (k % 900) + 100;
  return m * POW10[e]!;
}
