import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/analyses/why/normal-quantile.js';
import { bonferroniZ, differenceLowerBound, shareScore, wilson } from '../../../src/analyses/why/share-score.js';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959964],
    [0.95, 1.644854],
    [0.05, -1.644854],
    [1e-3, -3.090232],
    [1e-6, -4.753424],
    [1e-12, -7.034484],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
});

describe('the score: Newcombe-Wilson lower bound of the share difference', () => {
  it("matches Newcombe's worked example (56/70 against 48/80: 95% interval 0.0524 to 0.3339)", () => {
    // Newcombe, Statistics in Medicine 1998, 17:873-890, table II, example (a), method 10.
    const z = normalQuantile(0.975);
    expect(wilson(56, 70, z).lo).toBeCloseTo(0.6918, 4);
    expect(differenceLowerBound({ selectionCount: 56, selectionSpans: 70, baselineCount: 48, baselineSpans: 80 }, z)).toBeCloseTo(0.0524, 4);
  });

  it('z grows with the number of values compared (Bonferroni, one-sided at 5%)', () => {
    expect(bonferroniZ(1)).toBeCloseTo(1.6449, 4);
    expect(bonferroniZ(1000)).toBeCloseTo(3.8906, 3);
    expect(bonferroniZ(0)).toBeCloseTo(1.6449, 4);
  });

  it('a request id (one span of the selection, none of the baseline) scores 0 whatever the sizes', () => {
    for (const [nS, nB] of [
      [10, 90],
      [100, 900],
      [10_000, 90_000],
    ] as const) {
      expect(shareScore({ selectionCount: 1, selectionSpans: nS, baselineCount: 0, baselineSpans: nB }, bonferroniZ(nS + nB))).toBe(0);
    }
  });

  it('a value with no effect (the same share on both sides) scores 0; a strong one scores close to its difference', () => {
    const z = bonferroniZ(500);
    expect(shareScore({ selectionCount: 250, selectionSpans: 1000, baselineCount: 2250, baselineSpans: 9000 }, z)).toBe(0);
    const strong = shareScore({ selectionCount: 900, selectionSpans: 1000, baselineCount: 900, baselineSpans: 9000 }, z);
    expect(strong).toBeGreaterThan(0.72);
    expect(strong).toBeLessThan(0.8);
  });

  it('a small selection gets a lower score than a large one with the same shares', () => {
    const z = bonferroniZ(100);
    const small = shareScore({ selectionCount: 8, selectionSpans: 10, baselineCount: 100, baselineSpans: 1000 }, z);
    const large = shareScore({ selectionCount: 800, selectionSpans: 1000, baselineCount: 10_000, baselineSpans: 100_000 }, z);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small + 0.3);
  });
});
