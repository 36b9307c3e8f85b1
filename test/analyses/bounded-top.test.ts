import { describe, expect, it } from 'vitest';
import { BoundedTop } from '../../src/analyses/bounded-top.js';

/** A small deterministic generator (xorshift32), so a failure names the same numbers every run. */
function numbers(count: number, seed: number): number[] {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push((x >>> 0) % 1000);
  }
  return out;
}

const desc = (a: number, b: number): number => b - a;

describe('BoundedTop', () => {
  it('keeps the first n of a stream in the order, the same as sorting everything', () => {
    for (const [count, limit, seed] of [
      [10_000, 50, 1],
      [10_000, 1, 7],
      [30, 50, 3],
      [1000, 999, 11],
    ] as const) {
      const values = numbers(count, seed);
      const top = new BoundedTop(limit, desc);
      for (const v of values) top.add(v);
      expect(top.sorted()).toEqual([...values].sort(desc).slice(0, limit));
      expect(top.offered).toBe(count);
    }
  });

  it('never holds more than its limit, however many items pass', () => {
    const top = new BoundedTop<number>(50, desc);
    let most = 0;
    for (const v of numbers(100_000, 5)) {
      top.add(v);
      most = Math.max(most, top.size);
    }
    expect(most).toBe(50);
    expect(top.offered).toBe(100_000);
  });

  it('with a limit of 0 keeps every item', () => {
    const values = numbers(500, 9);
    const top = new BoundedTop(0, desc);
    for (const v of values) top.add(v);
    expect(top.size).toBe(500);
    expect(top.sorted()).toEqual([...values].sort(desc));
  });

  it('with a total order, keeps the same items whatever order they come in', () => {
    const items = numbers(2000, 13).map((v, i) => ({ v, i }));
    const order = (a: { v: number; i: number }, b: { v: number; i: number }): number => b.v - a.v || a.i - b.i;
    const forward = new BoundedTop(20, order);
    const backward = new BoundedTop(20, order);
    for (const item of items) forward.add(item);
    for (const item of [...items].reverse()) backward.add(item);
    expect(backward.sorted()).toEqual(forward.sorted());
  });
});
