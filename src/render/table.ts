/**
 * Aligned tables for the terminal, without borders: columns separated by two spaces, numbers
 * right-aligned, a bold header. The widths are decided so the table fits the width it is given:
 * shrinkable columns (names, messages) are cut with an ellipsis, widest first, down to their
 * minimum; if that is not enough, optional columns are dropped in the order they say, and as a last
 * resort shrinkable columns go below their minimum. Cells are cut before they are coloured, so
 * colour codes never count towards a width or get cut in half. Dump strings must be sanitized by the
 * caller.
 *
 * The layout is cli-table3's borderless one, done here in one pass: cli-table3 is quadratic in the
 * rows (20,000 rows took seconds, a critical path of 100,000 sections a minute), and once the widths
 * are decided, padding cells to them is all it did (fixtures/render/ holds its output, which this
 * layout reproduces byte for byte).
 */
import { displayWidth, truncate } from './text.js';
import type { Theme } from './theme.js';

export interface TableColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** May be cut with an ellipsis to make the table fit. */
  readonly shrink?: boolean;
  /** The narrowest a shrinkable column gets (default: 8, or its header if wider). */
  readonly minWidth?: number;
  /** Dropped when the table cannot fit otherwise: lower numbers go first. */
  readonly dropOrder?: number;
}

interface StyledCell {
  readonly text: string;
  /** Applied after the text is cut to the column's width (colour). */
  readonly style?: (text: string) => string;
}

export type TableCell = string | StyledCell;

const GAP = '  ';
const DEFAULT_MIN = 8;

export interface TableOptions {
  /** Print the header row (default true). */
  readonly header?: boolean;
}

export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[],
  width: number,
  theme: Theme,
  options: TableOptions = {},
): string[] {
  const text = (cell: TableCell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? cell : cell.text);
  const headerWidth = (col: TableColumn): number => (options.header === false ? 0 : displayWidth(col.header));
  // A loop, not Math.max(...cells): a spread of many thousand rows overflows the call stack.
  const natural = columns.map((col, c) => rows.reduce((w, row) => Math.max(w, displayWidth(text(row[c]))), Math.max(1, headerWidth(col))));
  const keep = columns.map(() => true);
  const widths = fitWidths(columns, natural, keep, width, options.header !== false);

  const shown = columns.map((_, c) => c).filter((c) => keep[c]);
  const cells = (row: readonly TableCell[]): string[] =>
    shown.map((c) => {
      const cell = row[c];
      const cut = truncate(text(cell), widths[c]!);
      return typeof cell === 'object' && cell.style !== undefined ? cell.style(cut) : cut;
    });
  const head = options.header === false ? [] : shown.map((c) => theme.bold(truncate(columns[c]!.header, widths[c]!)));
  return layout(shown.map((c) => ({ width: widths[c]!, align: columns[c]!.align ?? 'left' })), head, rows, cells);
}

/** Cells padded to their column, two spaces apart, no trailing spaces. */
function layout(
  cols: readonly { width: number; align: 'left' | 'right' }[],
  head: readonly string[],
  rows: readonly (readonly TableCell[])[],
  cells: (row: readonly TableCell[]) => string[],
): string[] {
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => {
        const pad = ' '.repeat(Math.max(0, cols[i]!.width - displayWidth(stripStyle(v))));
        return cols[i]!.align === 'right' ? pad + v : v + pad;
      })
      .join(GAP)
      .trimEnd();
  const out: string[] = [];
  if (head.length > 0) out.push(line(head));
  for (const row of rows) out.push(line(cells(row)));
  return out;
}

// Colour codes take no room on the screen; cell text from dumps is sanitized, so every ESC here is ours.
const SGR = /\u001b\[[0-9;]*m/g;
function stripStyle(text: string): string {
  return text.includes('\u001b') ? text.replace(SGR, '') : text;
}

/** Column widths that fit `width`: shrink the widest shrinkable column first (the rightmost of equals: names before messages keep their room), then drop columns. */
function fitWidths(columns: readonly TableColumn[], natural: number[], keep: boolean[], width: number, header: boolean): number[] {
  const widths = [...natural];
  const total = (): number => {
    const shown = widths.filter((_, c) => keep[c]);
    return shown.reduce((a, b) => a + b, 0) + GAP.length * Math.max(0, shown.length - 1);
  };
  const minOf = (c: number): number =>
    Math.min(natural[c]!, Math.max(columns[c]!.minWidth ?? DEFAULT_MIN, header ? displayWidth(columns[c]!.header) : 0));
  const droppable = columns
    .map((col, c) => ({ c, order: col.dropOrder }))
    .filter((d): d is { c: number; order: number } => d.order !== undefined)
    .sort((a, b) => a.order - b.order);

  // Take from the widest shrinkable column still above `floor`. Equal widest columns give one cell
  // at a time (the rightmost first), so they shrink evenly; a column wider than all others jumps
  // straight down to the next width (a 10 MB name must not cost ten million turns).
  const shrink = (floor: (c: number) => number): void => {
    let excess = total() - width;
    while (excess > 0) {
      let top = -1;
      for (let c = 0; c < columns.length; c++) {
        if (keep[c] && columns[c]!.shrink === true && widths[c]! > floor(c)) top = Math.max(top, widths[c]!);
      }
      if (top === -1) return;
      const group: number[] = []; // the widest columns, left to right
      let next = 0;
      for (let c = 0; c < columns.length; c++) {
        if (!keep[c] || columns[c]!.shrink !== true || widths[c]! <= floor(c)) continue;
        if (widths[c] === top) {
          group.push(c);
          next = Math.max(next, floor(c));
        } else {
          next = Math.max(next, widths[c]!);
        }
      }
      const room = (top - next) * group.length;
      if (room <= excess) {
        for (const c of group) widths[c] = next;
        excess -= room;
        continue;
      }
      // Not all the room is needed: each gives the same, and the rightmost give one cell more.
      const each = Math.floor(excess / group.length);
      const extra = excess % group.length;
      group.forEach((c, k) => {
        widths[c]! -= each + (k >= group.length - extra ? 1 : 0);
      });
      excess = 0;
    }
  };

  for (;;) {
    shrink(minOf);
    if (total() <= width) return widths;
    const next = droppable.shift();
    if (next === undefined) break;
    keep[next.c] = false;
    // Give shrunk columns their room back and fit again without the dropped one.
    for (let c = 0; c < columns.length; c++) widths[c] = natural[c]!;
  }
  // Last resort on a very narrow terminal: shrinkable columns below their minimum, to one cell.
  shrink(() => 1);
  return widths;
}
