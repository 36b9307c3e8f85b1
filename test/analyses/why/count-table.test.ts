import { describe, expect, it } from 'vitest';
import { CountTable } from '../../../src/analyses/why/count-table.js';

/** Every (slot, class, count) of a table, sorted. */
function entries(t: CountTable): number[][] {
  const out: number[][] = [];
  t.forEach((slot, cls, n) => out.push([slot, cls, n]));
  return out.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
}

describe('CountTable', () => {
  it('counts by (slot, class), growing as entries come', () => {
    const t = new CountTable();
    const model = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      t.add(i % 1000, i % 3, 1 + (i % 2));
      const k = `${i % 1000},${i % 3}`;
      model.set(k, (model.get(k) ?? 0) + 1 + (i % 2));
    }
    expect(t.size).toBe(model.size);
    expect(entries(t)).toEqual([...model].map(([k, n]) => [...k.split(',').map(Number), n]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('removeWhere hands each dropped entry over once and keeps the rest, emptied or shrunk, and counts on after', () => {
    for (const keep of [0, 3, 900]) {
      const t = new CountTable();
      for (let slot = 0; slot < 1000; slot++) for (let cls = 0; cls < 4; cls++) t.add(slot, cls, slot + cls);
      const removed: number[][] = [];
      t.removeWhere(
        (slot) => slot >= keep,
        (slot, cls, n) => void removed.push([slot, cls, n]),
      );
      expect(removed.length).toBe((1000 - keep) * 4);
      expect(removed.every(([slot, cls, n]) => n === slot! + cls!)).toBe(true);
      expect(t.size).toBe(keep * 4);
      expect(entries(t)).toEqual(Array.from({ length: keep * 4 }, (_, i) => [i >> 2, i & 3, (i >> 2) + (i & 3)]));
      // The table counts on as before: old entries add up, new ones appear.
      t.add(0, 0, 5);
      t.add(5000, 1);
      expect(entries(t)).toContainEqual([0, 0, 5]); // 0 + 0 kept, or new
      expect(entries(t)).toContainEqual([5000, 1, 1]);
      expect(t.size).toBe(keep * 4 + (keep > 0 ? 1 : 2));
    }
  });

  it('removeSlots drops every class of the slots named', () => {
    const t = new CountTable();
    for (let slot = 0; slot < 100; slot++) t.add(slot, slot % 7, 1);
    t.removeSlots((slot) => slot % 2 === 1);
    expect(entries(t).map(([slot]) => slot)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });
});
