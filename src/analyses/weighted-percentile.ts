/**
 * The nearest-rank percentile of weighted values (a sampled span stands for its adjusted count of
 * spans): the smallest value such that at least p% of the total weight lies at or below it. With
 * equal weights this is exactly percentile.ts's nearest rank, and it is computed that way then, so
 * the float sums of equal weights cannot move a rank at the edges.
 */
import { nearestRank } from './percentile.js';

/** `values` and `weights` aligned (not sorted); p in (0, 100]. */
export function weightedNearestRank(values: ArrayLike<number>, weights: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('weightedNearestRank: no values');
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`weightedNearestRank: p must be in (0, 100], got ${p}`);
  let equal = true;
  for (let i = 1; i < n && equal; i++) equal = weights[i] === weights[0];
  if (equal) return nearestRank(Float64Array.from(values).sort() as unknown as readonly number[], p);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const target = (p / 100) * total;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += weights[order[k]!]!;
    if (sum >= target) return values[order[k]!]!;
  }
  return values[order[n - 1]!]!;
}
