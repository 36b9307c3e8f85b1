/**
 * Tree guides (├─ └─ │) for rows listed depth-first, computed from the depths alone. Two cells per
 * level. A trace can be thousands of levels deep, so guides wider than `maxWidth` keep only their
 * innermost levels behind the number of levels left out ("12›"); and nothing here walks a row's
 * ancestors further than the levels it shows: a backward pass finds which rows are the last of their
 * siblings, a forward pass links each row to its parent row and places the window of levels shown.
 * Rows must list every ancestor before its descendants (depth rises by at most one per row).
 *
 * `TreeGuideModel` keeps only those passes' typed arrays and draws a row's guide when asked, so a
 * screen showing 40 rows of a million-row tree draws 40 guides; `treeGuides` draws them all.
 */

export interface TreeGuides {
  /** Guide before each row's label ("│ ├─"). */
  readonly row: string[];
  /** Guide for lines under a row (messages, attributes): continues the lines passing by. */
  readonly below: string[];
}

export function treeGuides(depths: ArrayLike<number>, maxWidth: number): TreeGuides {
  const model = new TreeGuideModel(depths, maxWidth);
  const n = depths.length;
  const row: string[] = new Array<string>(n);
  const below: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    row[i] = model.row(i);
    below[i] = model.below(i);
  }
  return { row, below };
}

export class TreeGuideModel {
  private readonly depths: Int32Array;
  /** 1 when no later sibling follows the row. */
  private readonly isLast: Uint8Array;
  /** The row of the parent (the latest row one level up); -1 for a root. */
  private readonly parentRow: Int32Array;
  /** Levels left out before the row's guide (0: none). */
  private readonly base: Int32Array;
  private readonly markWidth: number;

  /** An Int32Array of depths is kept as it is (a million rows need not be copied): the caller must not change it. */
  constructor(depths: ArrayLike<number>, maxWidth: number) {
    const n = depths.length;
    this.depths = depths instanceof Int32Array ? depths : Int32Array.from(depths);
    let deepest = 0;
    for (let i = 0; i < n; i++) if (this.depths[i]! > deepest) deepest = this.depths[i]!;
    this.isLast = new Uint8Array(n);
    const pending = new Uint8Array(deepest + 2);
    let top = -1;
    for (let i = n - 1; i >= 0; i--) {
      const d = this.depths[i]!;
      for (let k = d + 1; k <= top; k++) pending[k] = 0;
      this.isLast[i] = pending[d] === 1 ? 0 : 1;
      pending[d] = 1;
      top = d;
    }

    this.markWidth = String(deepest).length + 1;
    this.parentRow = new Int32Array(n);
    this.base = new Int32Array(n);
    const lastAt = new Int32Array(deepest + 1).fill(-1);
    const window = new LevelWindow(maxWidth, this.markWidth);
    for (let i = 0; i < n; i++) {
      const d = this.depths[i]!;
      this.parentRow[i] = d === 0 ? -1 : lastAt[d - 1]!;
      lastAt[d] = i;
      this.base[i] = window.baseFor(d);
    }
  }

  get length(): number {
    return this.depths.length;
  }

  /** The guide before row i's label. */
  row(i: number): string {
    const d = this.depths[i]!;
    if (d === 0) return '';
    return this.levels(i).slice(0, -2) + (this.isLast[i] === 1 ? '└─' : '├─');
  }

  /** The guide for lines under row i. */
  below(i: number): string {
    const hasChildren = i + 1 < this.depths.length && this.depths[i + 1]! > this.depths[i]!;
    return this.levels(i) + (hasChildren ? '│ ' : '  ');
  }

  /** Cells of row i's guide. */
  rowWidth(i: number): number {
    const d = this.depths[i]!;
    if (d === 0) return 0;
    const base = this.base[i]!;
    return (base > 0 ? this.markWidth : 0) + 2 * (d - base);
  }

  /**
   * Levels base+1..d of row i: "│ " where the level's line goes on (the ancestor at that level, or
   * the row itself, has a later sibling), else "  "; after a "12›" mark when levels are cut.
   */
  private levels(i: number): string {
    const d = this.depths[i]!;
    const base = this.base[i]!;
    let out = '';
    let at = i;
    for (let k = d; k > base; k--) {
      out = (this.isLast[at] === 1 ? '  ' : '│ ') + out;
      at = this.parentRow[at]!;
    }
    return base > 0 ? `${base}›`.padStart(this.markWidth) + out : out;
  }
}

/**
 * Which levels deep rows show. A row at depth d needs levels 1..d+1 (its connector, and the line
 * down to its children); when they do not fit, a window of levels is shown behind a mark saying how
 * many levels are left out. The window stays put while rows fit in it, so a run of deep rows lines
 * up; when a row falls off its right edge it moves right by half its size, when a row is left of it,
 * it moves back.
 */
class LevelWindow {
  private base = 0;
  private readonly full: number;
  private readonly slots: number;
  private readonly step: number;

  /** `markWidth`: cells for the "12›" mark (digits of the deepest depth, and one). */
  constructor(maxWidth: number, markWidth: number) {
    const width = Math.max(markWidth + 4, maxWidth);
    this.full = Math.floor(width / 2);
    this.slots = Math.floor((width - markWidth) / 2);
    this.step = Math.max(1, Math.floor(this.slots / 2));
  }

  /** How many levels are left out for a row at depth d (0: none). */
  baseFor(d: number): number {
    if (d + 1 <= this.full) return (this.base = 0);
    if (d + 1 - this.base > this.slots) this.base = d + 1 - this.slots + this.step - 1;
    else if (d <= this.base) this.base = Math.max(0, d - this.step);
    if (this.base > 0 && d + 1 - this.base > this.slots) this.base = d + 1 - this.slots;
    return this.base;
  }
}
