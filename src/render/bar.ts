/**
 * A span's bar on the timeline. Cells are coarse (a 1,000-span trace on an 80-column terminal gives
 * each cell a fortieth of the trace), so the bar's end uses the eighth-block characters ▏▎▍▌▋▊▉ for
 * sub-cell resolution. Every span gets at least a sliver, so a 0 ns span is still visible where it
 * happened. The start is rounded down to its cell: left-aligned eighth blocks cannot start mid-cell.
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const FULL = '█';

/**
 * The bar for an interval of the timeline, `start` and `end` as fractions (0..1) of the trace,
 * in a track `width` cells wide: leading spaces, then the bar; nothing after it.
 */
export function renderBar(start: number, end: number, width: number): string {
  if (width <= 0) return '';
  const from = clamp(Number.isFinite(start) ? start : 0, 0, 1);
  const to = clamp(Number.isFinite(end) ? end : from, from, 1);
  const startCell = Math.min(width - 1, Math.floor(from * width));
  const startEighth = startCell * 8;
  // The length is kept (so bars compare), not the end: rounding the start down may shift a bar
  // left by less than a cell, never stretch it.
  const length = Math.min(width * 8 - startEighth, Math.max(1, Math.round((to - from) * width * 8)));
  return ' '.repeat(startCell) + FULL.repeat(Math.floor(length / 8)) + EIGHTHS[length % 8]!;
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
