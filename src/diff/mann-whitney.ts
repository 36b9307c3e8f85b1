/**
 * The Mann-Whitney U test (Wilcoxon rank-sum): did one sample of latencies tend to be larger than the
 * other? It compares ranks, not values, so it makes no assumption about the shape of the distribution
 * (latencies are skewed and long-tailed, where a t-test on means is misled by a few outliers), and one
 * huge outlier counts as one rank.
 *
 * U counts, over every pair (base value, head value), how often the head value is the larger, a tie
 * counting one half. Under "no change" U is about n1·n2/2. The p-value is two-sided:
 * - exact, from the distribution of U counted over every arrangement of the ranks, when there are no
 *   ties and n1 + n2 <= EXACT_MAX (small samples, where the normal curve is a poor fit);
 * - otherwise from the normal approximation with the tie correction of the variance,
 *     σ² = n1·n2/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1)))   (t: the size of each group of equal values)
 *   and a continuity correction of ½.
 * Both samples must be sorted ascending: the ranks then come from one merge walk, O(n1 + n2).
 */
import { twoSidedNormalTail } from './normal-tail.js';

export interface MannWhitneyResult {
  /** U of the second sample: pairs where its value is larger, ties counting ½. */
  readonly u: number;
  /** (U − n1·n2/2) / σ with continuity correction; 0 when every value is equal. */
  readonly z: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
  /**
   * Rank-biserial correlation 2U/(n1·n2) − 1, from −1 to 1: the share of pairs where the second
   * sample is larger minus the share where it is smaller. > 0: the second tends to be larger.
   */
  readonly effect: number;
}

/** Exact p-values up to this many values in all (C(50, 25) ≈ 1.3e14 arrangements: still exact in a double). */
export const EXACT_MAX = 50;

export function mannWhitneyU(first: ArrayLike<number>, second: ArrayLike<number>): MannWhitneyResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU: both samples need at least one value');

  // Merge walk over distinct values: U of `second`, and Σ(t³ − t) over groups of equal values.
  let u = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let firstBelow = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && first[i]! <= second[j]!) ? first[i]! : second[j]!;
    let a = 0;
    let b = 0;
    while (i < n1 && first[i] === v) {
      i++;
      a++;
    }
    while (j < n2 && second[j] === v) {
      j++;
      b++;
    }
    u += b * (firstBelow + a / 2);
    firstBelow += a;
    const t = a + b;
    if (t > 1) tieTerm += t * t * t - t;
  }

  const pairs = n1 * n2;
  const n = n1 + n2;
  const mean = pairs / 2;
  const variance = (pairs / 12) * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = variance > 0 ? (Math.sign(u - mean) * distance) / Math.sqrt(variance) : 0;
  const effect = (2 * u) / pairs - 1;
  if (tieTerm === 0 && n <= EXACT_MAX) return { u, z, pValue: exactPValue(u, n1, n2), method: 'exact', effect };
  return { u, z, pValue: variance > 0 ? twoSidedNormalTail(z) : 1, method: 'normal', effect };
}

/**
 * Two-sided exact p-value of U (an integer: no ties) for samples of m and n values. The number of
 * arrangements with each U is the coefficient of the Gaussian binomial [m+n choose m]_q, built up as
 * ∏ (1 − q^(n+i)) / (1 − q^i) for i = 1..m: every intermediate is itself such a coefficient list, so
 * the counts stay exact integers.
 */
function exactPValue(u: number, m: number, n: number): number {
  let counts = [1];
  for (let i = 1; i <= m; i++) {
    const step = n + i;
    const degree = i * n;
    const product = new Array<number>(degree + i + 1).fill(0);
    for (let k = 0; k < counts.length; k++) {
      product[k]! += counts[k]!;
      product[k + step]! -= counts[k]!;
    }
    const next = new Array<number>(degree + 1).fill(0);
    for (let k = 0; k <= degree; k++) next[k] = product[k]! + (k >= i ? next[k - i]! : 0);
    counts = next;
  }
  let total = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k]!;
    if (k <= u) atOrBelow += counts[k]!;
    if (k >= u) atOrAbove += counts[k]!;
  }
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / total);
}
