/**
 * Text helpers for terminal output: widths in terminal cells, cutting and padding to them. Strings
 * from a dump are sanitized (sanitize.ts) before they get here.
 */
import stringWidth from 'string-width';

/**
 * Display width in terminal cells. Measured with string-width, the same measure cli-table3 lays its
 * tables out with: if the two disagreed (a CJK hexagram, an emoji), a table row fitted to the width
 * would come out one cell wider.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

function charWidth(ch: string): number {
  return ch.length === 1 && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f ? 1 : stringWidth(ch);
}

/** Cuts `text` to at most `width` cells, ending in an ellipsis when cut. Reads no further than it needs. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  let used = 0;
  let keep = -1; // code-unit index where the cut (with room for the ellipsis) would fall
  let i = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (keep < 0 && used + w > width - 1) keep = i;
    used += w;
    if (used > width) return `${text.slice(0, keep)}…`;
    i += ch.length;
  }
  return text;
}

export function padEnd(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

export function padStart(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : ' '.repeat(width - w) + text;
}
