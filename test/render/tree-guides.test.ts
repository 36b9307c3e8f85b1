import { describe, expect, it } from 'vitest';
import { treeGuides } from '../../src/render/tree-guides.js';

describe('treeGuides', () => {
  it('draws ├─ └─ │ from depths alone', () => {
    // r
    // ├─a
    // │ └─a1
    // └─b
    //   ├─b1
    //   └─b2
    // o        (a second root)
    const g = treeGuides([0, 1, 2, 1, 2, 2, 0], 40);
    expect(g.row).toEqual(['', '├─', '│ └─', '└─', '  ├─', '  └─', '']);
    // Lines under a row (its message, attributes) start one level in, beside its children's line.
    expect(g.below).toEqual(['│ ', '│ │ ', '│     ', '  │ ', '  │   ', '      ', '  ']);
  });

  it('deep rows keep their innermost levels behind "…", within the width', () => {
    const depths = Array.from({ length: 30 }, (_, i) => i);
    const g = treeGuides(depths, 10);
    // Depth 5 with its line below no longer fits 10 cells: a window of levels 4-6 behind "…" steps
    // back left; depth 6 still fits that window and lines up under depth 5; depth 7 moves it on.
    expect(g.row.slice(0, 8)).toEqual(['', '└─', '  └─', '    └─', '      └─', '…  └─', '…    └─', '…  └─']);
    expect(Math.max(...g.row.map((s) => s.length), ...g.below.map((s) => s.length))).toBeLessThanOrEqual(10);
  });

  it('is linear on a 1,000,000-deep chain (no recursion, no per-row walk up)', () => {
    const depths = Array.from({ length: 1_000_000 }, (_, i) => i);
    const g = treeGuides(depths, 20);
    expect(g.row[999_999]!.length).toBeLessThanOrEqual(20);
  });
});
