/**
 * denseWindow against a brute force over every pair of start and end, on hand-made cases and on
 * generated ones (a fixed seed): the shortest window holding the share of intervals.
 */
import { describe, expect, it } from 'vitest';
import { denseWindow, type Interval } from '../../src/analyses/dense-window.js';

function bruteForce(intervals: readonly Interval[], k: number): number {
  let best = Infinity;
  for (const a of intervals) {
    for (const b of intervals) {
      const inside = intervals.filter((i) => i.startMs >= a.startMs && i.endMs <= b.endMs).length;
      if (inside >= k && b.endMs >= a.startMs) best = Math.min(best, b.endMs - a.startMs);
    }
  }
  return best;
}

describe('denseWindow', () => {
  it('one late interval: the window is the early cluster', () => {
    //   |0-10| |2-4| |5-9| ... |100-101|
    const intervals = [
      { startMs: 0, endMs: 10 },
      { startMs: 2, endMs: 4 },
      { startMs: 5, endMs: 9 },
      { startMs: 100, endMs: 101 },
    ];
    expect(denseWindow(intervals, 0.75)).toEqual({ startMs: 0, endMs: 10, count: 3 });
    expect(denseWindow(intervals, 0.5)).toEqual({ startMs: 2, endMs: 9, count: 2 });
    expect(denseWindow(intervals, 1)).toEqual({ startMs: 0, endMs: 101, count: 4 });
    expect(denseWindow([], 0.9)).toBeUndefined();
  });

  it('agrees with a brute force on generated intervals', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 12);
      const intervals = Array.from({ length: n }, () => {
        const startMs = Math.floor(random() * 100);
        return { startMs, endMs: startMs + Math.floor(random() * 30) };
      });
      for (const share of [0.5, 0.9, 1]) {
        const got = denseWindow(intervals, share)!;
        const k = Math.ceil(share * n);
        expect(got.endMs - got.startMs).toBe(bruteForce(intervals, k));
        expect(intervals.filter((i) => i.startMs >= got.startMs && i.endMs <= got.endMs).length).toBeGreaterThanOrEqual(k);
      }
    }
  });
});
