import { describe, expect, it } from 'vitest';
import { nearestRank } from '../../src/analyses/percentile.js';

describe('nearestRank', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it.each([
    [10, 1],
    [10.0001, 2],
    [50, 5],
    [50.1, 6],
    [90, 9],
    [99, 10],
    [100, 10],
    [0.0001, 1],
  ])('p%s of 1..10 is %s', (p, expected) => {
    expect(nearestRank(ten, p)).toBe(expected);
  });

  it('a single value is every percentile', () => {
    expect([nearestRank([7], 1), nearestRank([7], 50), nearestRank([7], 100)]).toEqual([7, 7, 7]);
  });

  it('is exact where floating point is not: p99.9, p57.7 and p1.1 of 1..1000', () => {
    // 99.9 / 100 * 1000 is 999.0000000000001 in doubles; the rank is 999 exactly.
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(nearestRank(thousand, 99.9)).toBe(999);
    expect(nearestRank(thousand, 57.7)).toBe(577);
    expect(nearestRank(thousand, 1.1)).toBe(11);
    expect(nearestRank(thousand, 99.95)).toBe(1000);
  });

  it('p50 of an even count is the lower middle value, not an average', () => {
    expect(nearestRank([10, 20, 30, 40], 50)).toBe(20);
  });

  it('returns observed values only (duplicates included)', () => {
    expect(nearestRank([3, 3, 3, 9], 75)).toBe(3);
    expect(nearestRank([3, 3, 3, 9], 76)).toBe(9);
  });

  it('refuses an empty list and p outside (0, 100]', () => {
    expect(() => nearestRank([], 50)).toThrow('nearestRank: no values');
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 100.5)).toThrow(RangeError);
    expect(() => nearestRank([1], Number.NaN)).toThrow(RangeError);
  });
});
