import { describe, expect, it } from 'vitest';
import { holmSignificant } from '../../src/diff/holm.js';
import { EXACT_MAX, mannWhitneyU } from '../../src/diff/mann-whitney.js';
import { twoSidedNormalTail } from '../../src/diff/normal-tail.js';
import { twoProportionTest } from '../../src/diff/two-proportion.js';

/** Exact two-sided p by brute force: U over every way to choose which ranks the first sample holds. */
function bruteForceP(first: number[], second: number[]): number {
  const all = [...first, ...second].sort((a, b) => a - b);
  const n1 = first.length;
  const uOf = (a: number[], b: number[]): number => b.reduce((u, y) => u + a.filter((x) => x < y).length + a.filter((x) => x === y).length / 2, 0);
  const observed = uOf(first, second);
  const us: number[] = [];
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === n1) {
      const a = picked.map((i) => all[i]!);
      const b = all.filter((_, i) => !picked.includes(i));
      us.push(uOf(a, b));
      return;
    }
    for (let i = start; i < all.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  const below = us.filter((u) => u <= observed).length;
  const above = us.filter((u) => u >= observed).length;
  return Math.min(1, (2 * Math.min(below, above)) / us.length);
}

describe('mannWhitneyU', () => {
  it('every head value above every base value: U = n1·n2, effect 1, exact p = 2 / C(6,3) = 0.1', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toMatchObject({ u: 9, effect: 1, method: 'exact', pValue: 0.1 });
  });

  it('exact p-values equal a brute-force count over every arrangement', () => {
    const cases: [number[], number[]][] = [
      [[1, 4, 6, 9], [2, 3, 5, 7, 8, 10, 11]],
      [[10, 20, 30, 40, 50], [15, 25, 35, 45, 55]],
      [[3], [1, 2, 4, 5]],
      [[1, 2, 5, 8, 13, 21], [3, 4, 6, 7]],
      [[7, 8, 9, 10, 11, 12, 13], [1, 2, 3, 4, 5, 6, 14]],
    ];
    for (const [a, b] of cases) {
      const r = mannWhitneyU(a, b);
      expect(r.method).toBe('exact');
      expect(r.pValue).toBeCloseTo(bruteForceP(a, b), 12);
    }
  });

  it('ties: average ranks, tie-corrected variance, continuity correction (worked by hand)', () => {
    // base 1 2 2 3, head 2 3 4 5 6. Ranks: 1→1, the three 2s → 3, the two 3s → 5.5, 4 5 6 → 7 8 9.
    // Head rank sum 3 + 5.5 + 7 + 8 + 9 = 32.5, U = 32.5 − 5·6/2 = 17.5 of 20 pairs; effect 2·17.5/20 − 1.
    // σ² = 20/12 · (10 − (3³−3 + 2³−2) / (9·8)) = 15.97222…; z = (17.5 − 10 − 0.5) / σ = 1.751521…
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 5, 6]);
    expect(r.u).toBe(17.5);
    expect(r.effect).toBe(0.75);
    expect(r.method).toBe('normal');
    expect(r.z).toBeCloseTo(7 / Math.sqrt((20 / 12) * (10 - 30 / 72)), 12);
    expect(r.z).toBeCloseTo(1.751521, 6);
    // 2 · (1 − Φ(1.751521)) = 0.0798562 (by the erf series)
    expect(r.pValue).toBeCloseTo(0.0798562, 6);
  });

  it('every value equal: no evidence of anything (z 0, p 1, effect 0)', () => {
    expect(mannWhitneyU([5, 5], [5, 5, 5])).toEqual({ u: 3, z: 0, pValue: 1, method: 'normal', effect: 0 });
  });

  it('swapping the samples flips the direction and keeps the p-value', () => {
    const a = [1, 3, 3, 6, 7, 9, 12];
    const b = [2, 3, 8, 10, 11, 13, 14, 15];
    const ab = mannWhitneyU(a, b);
    const ba = mannWhitneyU(b, a);
    expect(ba.effect).toBeCloseTo(-ab.effect, 12);
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });

  it('exact up to EXACT_MAX values without ties, the normal approximation beyond', () => {
    const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + 2 * i);
    expect(mannWhitneyU(range(0, 25), range(1, EXACT_MAX - 25)).method).toBe('exact');
    expect(mannWhitneyU(range(0, 25), range(1, EXACT_MAX - 24)).method).toBe('normal');
  });

  it('large samples: a shift is overwhelming, identical samples are not', () => {
    const base = Float64Array.from({ length: 2000 }, (_, i) => i);
    const shifted = Float64Array.from({ length: 2000 }, (_, i) => i + 300);
    const r = mannWhitneyU(base, shifted);
    expect(r.pValue).toBeLessThan(1e-20);
    expect(r.effect).toBeGreaterThan(0);
    expect(mannWhitneyU(base, base).pValue).toBe(1);
  });

  it('needs a value on each side', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});

describe('twoSidedNormalTail', () => {
  it('the familiar critical values', () => {
    expect(twoSidedNormalTail(0)).toBeCloseTo(1, 7);
    expect(twoSidedNormalTail(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedNormalTail(-2.575829)).toBeCloseTo(0.01, 6);
    // 2·(1 − Φ(5)) = 5.733033e-7 (by the erf series), to about 1e-7 relative.
    expect(twoSidedNormalTail(5) / 5.733033e-7).toBeCloseTo(1, 6);
    expect(twoSidedNormalTail(Infinity)).toBe(0);
  });
});

describe('twoProportionTest', () => {
  it('0 of 100 failing, then 30 of 100: z = 0.3 / √(0.15·0.85·0.02)', () => {
    const r = twoProportionTest(0, 100, 30, 100);
    expect(r.z).toBeCloseTo(0.3 / Math.sqrt(0.15 * 0.85 * 0.02), 12);
    expect(r.pValue).toBeLessThan(1e-8);
  });
  it('nothing to compare: equal rates, no failures at all, an empty side', () => {
    expect(twoProportionTest(5, 100, 5, 100)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionTest(0, 10, 0, 10)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionTest(0, 0, 3, 10)).toEqual({ z: 0, pValue: 1 });
  });
});

describe('holmSignificant', () => {
  it('compares the k-th smallest p with alpha / (m − k) and stops at the first miss', () => {
    // Sorted: 0.005 < 0.05/4, 0.01 < 0.05/3, 0.03 ≥ 0.05/2: stop (0.04 is not significant either).
    expect(holmSignificant([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
    expect(holmSignificant([0.04], 0.05)).toEqual([true]);
    expect(holmSignificant([0.04, 0.04], 0.05)).toEqual([false, false]);
    expect(holmSignificant([], 0.05)).toEqual([]);
  });
});
