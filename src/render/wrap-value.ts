/**
 * A value from a dump as lines of at most `width` cells, nothing cut: `tracectl span` is opened to
 * read a stack trace or an SQL statement whole, and the file and line at the end of a frame are what
 * is looked for. The value's own line breaks start new lines (a stack trace keeps one frame a line);
 * tabs become four spaces (the indentation of Java frames); each line is sanitized, then broken at
 * the last space that fits, or between graphemes when that space would leave less than half a line
 * (`    at com.example.Very.long(Name.java:12)` stays together rather than leaving `    at` alone).
 * A value longer than WRAP_LIMIT (no stack trace is; a 10 MB attribute is) shows its first
 * WRAP_LIMIT characters and says how many more there are: --json has it whole.
 */
import { sanitize } from './sanitize.js';
import { displayWidth } from './text.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SEGMENTER = new Intl.Segmenter();

/** Characters of one value shown by `span`. */
export const WRAP_LIMIT = 64 * 1024;

export function wrapValue(raw: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let shown = raw;
  if (raw.length > WRAP_LIMIT) {
    // Not between the two halves of a surrogate pair.
    const cut = isHighSurrogate(raw.charCodeAt(WRAP_LIMIT - 1)) ? WRAP_LIMIT - 1 : WRAP_LIMIT;
    shown = raw.slice(0, cut);
  }
  for (const part of shown.split(/\r?\n/)) {
    const text = sanitize(part.replace(/\t/g, '    '));
    for (const line of breakLine(text, room)) lines.push(line);
  }
  if (shown.length < raw.length) {
    for (const line of breakLine(`… ${(raw.length - shown.length).toLocaleString('en-US')} more characters (--json has the whole value)`, room)) lines.push(line);
  }
  return lines;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Code units a grapheme search looks at in one go: ICU's segmenter takes time quadratic in the text it is given. */
const PIECE = 4096;

/**
 * The graphemes of `text`, segmented a piece at a time. A piece ends between two printable ASCII
 * characters, which no grapheme cluster spans (neither is a prefix, an extending mark or a joiner);
 * a run of PIECE × 4 units without such a place is cut where it stands.
 */
function graphemes(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + PIECE);
    while (to < text.length && to - from < 4 * PIECE && !(isPrintableAscii(text.charCodeAt(to - 1)) && isPrintableAscii(text.charCodeAt(to)))) to++;
    for (const { segment } of SEGMENTER.segment(text.slice(from, to))) out.push(segment);
    from = to;
  }
  return out;
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/** One sanitized line in pieces of at most `width` cells. */
function breakLine(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const units = PRINTABLE_ASCII.test(text) ? [...text] : graphemes(text);
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
