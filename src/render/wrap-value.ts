/**
 * A value from a dump as lines of at most `width` cells, nothing cut: `tracectl span` is opened to
 * read a stack trace or an SQL statement whole, and the file and line at the end of a frame are what
 * is looked for. The value's own line breaks start new lines (a stack trace keeps one frame a line);
 * tabs become four spaces (the indentation of Java frames); each line is sanitized, then broken at
 * the last space that fits, or between graphemes when that space would leave less than half a line
 * (`    at com.example.Very.long(Name.java:12)` stays together rather than leaving `    at` alone).
 */
import { sanitize } from './sanitize.js';
import { displayWidth } from './text.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SEGMENTER = new Intl.Segmenter();

export function wrapValue(raw: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  for (const part of raw.split(/\r?\n/)) {
    const text = sanitize(part.replace(/\t/g, '    '));
    for (const line of breakLine(text, room)) lines.push(line);
  }
  return lines;
}

/** One sanitized line in pieces of at most `width` cells. */
function breakLine(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const units = PRINTABLE_ASCII.test(text) ? [...text] : Array.from(SEGMENTER.segment(text), (s) => s.segment);
  const out: string[] = [];
  let start = 0;
  while (start < units.length) {
    let used = 0;
    let end = start;
    let lastSpace = -1;
    while (end < units.length) {
      const w = displayWidth(units[end]!);
      if (used + w > width && end > start) break;
      if (units[end] === ' ') lastSpace = end;
      used += w;
      end++;
    }
    if (end < units.length && units[end] === ' ') {
      out.push(units.slice(start, end).join(''));
      start = end + 1;
    } else if (end < units.length && lastSpace > start && cells(units, start, lastSpace) * 2 >= width) {
      out.push(units.slice(start, lastSpace).join(''));
      start = lastSpace + 1;
    } else {
      out.push(units.slice(start, end).join(''));
      start = end;
    }
  }
  return out;
}

function cells(units: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += displayWidth(units[i]!);
  return n;
}
