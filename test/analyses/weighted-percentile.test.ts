import { describe, expect, it } from 'vitest';
import { weightedNearestRank } from '../../src/analyses/weighted-percentile.js';

describe('weightedNearestRank', () => {
  it('the smallest value at or below which p% of the weight lies', () => {
    // 10 (weight 1), 40 (weight 4), 90 (weight 4): total 9. p50 → 4.5 reached at 40; p90 → 8.1 at 90; p10 → 0.9 at 10.
    expect([10, 50, 90, 100].map((p) => weightedNearestRank([40, 90, 10], [4, 4, 1], p))).toEqual([10, 40, 90, 90]);
  });

  it('with equal weights, exactly the nearest rank (even where float sums would miss it: 99.9% of 1000)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(weightedNearestRank(values, new Array(1000).fill(0.1), 99.9)).toBe(999);
    expect(weightedNearestRank(values, new Array(1000).fill(10), 50)).toBe(500);
  });
});
