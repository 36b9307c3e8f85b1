/**
 * The width of printed text in terminal cells, measured independently of the code under test: with
 * string-width (current major) directly, not with src/render/text.ts's `displayWidth` or the
 * layout's own arithmetic. A width check that measured with the code's own function would agree
 * with any mistake in it.
 */
import stringWidth from 'string-width';

/** Cells `line` takes on a terminal (colour codes count as none). */
export function cells(line: string): number {
  return stringWidth(line);
}

/** The widest line of `text`, in cells. */
export function widest(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, cells(line));
  return max;
}

/** The lines of `text` wider than `width` cells (what a width test expects to be empty). */
export function linesWiderThan(text: string, width: number): string[] {
  return text.split('\n').filter((line) => cells(line) > width);
}
