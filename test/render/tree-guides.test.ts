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

  it('deep rows keep their innermost levels behind the count of levels left out, within the width', () => {
    const depths = Array.from({ length: 30 }, (_, i) => i);
    const g = treeGuides(depths, 14);
    // Depth 7 with its line below no longer fits 14 cells: levels 5-8 are shown after " 4›"; depth 8
    // still fits that window and lines up under depth 7; depth 9 moves the window on by two levels.
    expect(g.row.slice(0, 11)).toEqual([
      '',
      '└─',
      '  └─',
      '    └─',
      '      └─',
      '        └─',
      '          └─',
      ' 4›    └─',
      ' 4›      └─',
      ' 6›    └─',
      ' 6›      └─',
    ]);
    expect(Math.max(...g.row.map((s) => s.length), ...g.below.map((s) => s.length))).toBeLessThanOrEqual(14);
  });
});
