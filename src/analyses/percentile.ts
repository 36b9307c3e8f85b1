/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or below
 * it. Always one of the observed values (no interpolation), so "p99 = 120ms" means a real request
 * took 120ms. The rank is computed in exact integer arithmetic from p as written in decimal, because
 * floating point gets it wrong at the edges (99.9 / 100 × 1000 is 999.0000000000001 in doubles, which
 * would move the 99.9th percentile of 1000 values one rank up).
 */

/**
 * The p-th percentile (p in (0, 100]) of values already sorted ascending, by the nearest-rank method:
 * the value at 1-based rank ⌈p/100 × n⌉. Throws a RangeError on an empty list or p outside (0, 100].
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('nearestRank: no values');
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`nearestRank: p must be in (0, 100], got ${p}`);
  return sortedAscending[nearestRankIndex(n, p)]!;
}

/**
 * The 0-based index of the nearest rank among n values: ⌈p·n/100⌉ − 1, exactly. Exported for counts
 * kept as a histogram (`why --slow pN`), which walk their buckets to this index.
 */
export function nearestRankIndex(n: number, p: number): number {
  const { numerator, denominator } = percentileFraction(p);
  // rank = ceil(numerator * n / (denominator * 100)), in integers.
  const top = numerator * BigInt(n);
  const bottom = denominator * 100n;
  const rank = (top + bottom - 1n) / bottom;
  const clamped = rank < 1n ? 1n : rank > BigInt(n) ? BigInt(n) : rank;
  return Number(clamped) - 1;
}

/**
 * p as the exact fraction its shortest decimal form denotes ("99.9" → 999/10, "1e-7" → 1/10^7).
 * The rank is ⌈numerator·n / (denominator·100)⌉, clamped to [1, n]: in integers here, and in the
 * SQL that computes the same rank where the spans are (src/backends/clickhouse/nearest-rank-sql.ts).
 */
export function percentileFraction(p: number): { numerator: bigint; denominator: bigint } {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(p));
  if (!m) throw new RangeError(`nearestRank: cannot read p = ${p}`);
  const digits = `${m[1]}${m[2] ?? ''}`;
  const exponent = Number(m[3] ?? 0) - (m[2] ?? '').length;
  const value = BigInt(digits);
  return exponent >= 0 ? { numerator: value * 10n ** BigInt(exponent), denominator: 1n } : { numerator: value, denominator: 10n ** BigInt(-exponent) };
}
