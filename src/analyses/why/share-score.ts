/**
 * How strongly one value separates the selection from the baseline: the lower confidence bound of
 * the difference between its two shares (Newcombe's hybrid score interval, "method 10", built from
 * the Wilson score interval of each share), at a confidence that accounts for every value compared.
 *
 * Why this measure:
 * - It is an effect size first: 0.6 reads as "at least 60 points more of the selection has it than
 *   of the baseline", which is what a person ranks causes by. A test statistic alone (chi-square, a
 *   p-value) grows with the number of spans, so on a big dump a tiny but certain difference would
 *   outrank a large one.
 * - It is discounted by uncertainty: a value seen on one or two spans has a wide interval, so its
 *   bound is near or below 0 even when its share difference looks large. A request id (one span,
 *   share 1/n against 0) can never score, whatever n is; neither can a value of a tiny selection.
 * - The confidence accounts for the number of candidates m (every value and every numeric threshold
 *   compared): z = Φ⁻¹(1 − α/m) with α = 0.05 (Bonferroni, one-sided: only values over-represented in
 *   the selection are findings). With a thousand customer ids, one of them is bound to look 3σ
 *   different by chance; at z for α/m none is, unless it really is.
 * - Wilson and Newcombe intervals behave at 0 and at 1 and for small counts, where the plain normal
 *   interval collapses to a width of zero and would make "2 of 2" look certain.
 *
 * Scores below 0 are reported as 0: nothing shows that the value is more common in the selection.
 */
import { normalQuantile } from './normal-quantile.js';

/** Family-wise error rate over all candidates compared. */
const ALPHA = 0.05;

export interface ShareCounts {
  /** Selection spans with the value, and selection spans in all. */
  readonly selectionCount: number;
  readonly selectionSpans: number;
  readonly baselineCount: number;
  readonly baselineSpans: number;
}

/** The Wilson score interval of x successes in n at z. */
export function wilson(x: number, n: number, z: number): { lo: number; hi: number } {
  if (n <= 0) return { lo: 0, hi: 1 };
  const z2 = z * z;
  const p = x / n;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/** Newcombe's lower bound of (selection share − baseline share) at z; may be negative. */
export function differenceLowerBound(c: ShareCounts, z: number): number {
  const p1 = c.selectionCount / c.selectionSpans;
  const p2 = c.baselineCount / c.baselineSpans;
  const a = wilson(c.selectionCount, c.selectionSpans, z);
  const b = wilson(c.baselineCount, c.baselineSpans, z);
  return p1 - p2 - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2);
}

/** The z for `candidates` one-sided comparisons at a family-wise ALPHA. */
export function bonferroniZ(candidates: number): number {
  return -normalQuantile(ALPHA / Math.max(1, candidates));
}

/** The score of a value: the lower bound, clamped at 0, rounded to 4 decimals so ties are real ties. */
export function shareScore(c: ShareCounts, z: number): number {
  const bound = differenceLowerBound(c, z);
  return bound > 0 ? Math.round(bound * 10_000) / 10_000 : 0;
}
