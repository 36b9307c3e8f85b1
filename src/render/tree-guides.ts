/**
 * Tree guides (├─ └─ │) for rows listed depth-first, computed from the depths alone. Two cells per
 * level. A trace can be thousands of levels deep, so guides wider than `maxWidth` keep only their
 * innermost levels behind the number of levels left out ("12›"); and nothing here walks a row's
 * ancestors: a backward pass finds
 * which rows are the last of their siblings, a forward pass keeps one "has a later sibling" flag per
 * level. Rows must list every ancestor before its descendants (depth rises by at most one per row).
 */

export interface TreeGuides {
  /** Guide before each row's label ("│ ├─"). */
  readonly row: string[];
  /** Guide for lines under a row (messages, attributes): continues the lines passing by. */
  readonly below: string[];
}

export function treeGuides(depths: readonly number[], maxWidth: number): TreeGuides {
  const n = depths.length;
  const isLast = new Uint8Array(n);
  const pending: number[] = [];
  let top = -1;
  for (let i = n - 1; i >= 0; i--) {
    const d = depths[i]!;
    for (let k = d + 1; k <= top; k++) pending[k] = 0;
    isLast[i] = pending[d] === 1 ? 0 : 1;
    pending[d] = 1;
    top = d;
  }

  const open: boolean[] = [];
  const row: string[] = new Array<string>(n);
  const below: string[] = new Array<string>(n);
  let deepest = 0;
  for (const d of depths) if (d > deepest) deepest = d;
  const window = new LevelWindow(maxWidth, String(deepest).length + 1);
  for (let i = 0; i < n; i++) {
    const d = depths[i]!;
    open[d] = isLast[i] === 0;
    const hasChildren = i + 1 < n && depths[i + 1]! > d;
    const lines = levels(open, window.baseFor(d), d, window.markWidth);
    row[i] = d === 0 ? '' : lines.slice(0, -2) + (isLast[i] === 1 ? '└─' : '├─');
    below[i] = lines + (hasChildren ? '│ ' : '  ');
  }
  return { row, below };
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
  constructor(
    maxWidth: number,
    readonly markWidth: number,
  ) {
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

/** Levels base+1..d: "│ " where the level's line goes on, else "  "; after a "12›" mark when levels are cut. */
function levels(open: readonly boolean[], base: number, d: number, markWidth: number): string {
  let out = base > 0 ? `${base}›`.padStart(markWidth) : '';
  for (let k = base + 1; k <= d; k++) out += open[k] === true ? '│ ' : '  ';
  return out;
}
