/**
 * Text helpers for terminal output: widths in terminal cells, cutting and padding to them. Strings
 * from a dump are sanitized (sanitize.ts) before they get here.
 */
import stringWidth from 'string-width';

/**
 * Display width in terminal cells, measured with string-width: East Asian wide characters and emoji
 * take two, combining and zero-width characters none, escape sequences none.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  // string-width segments the text into graphemes and runs property regexes on each, several
  // times the cost of a lookup, and tables measure every cell. Only characters that join their
  // neighbours make a grapheme wider or narrower than its code points: text without them is
  // measured code point by code point, from the cache truncate uses.
  if (CLUSTERING.test(text)) return stringWidth(text);
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * Escape sequences, joiners, variation selectors, the keycap, marks, emoji modifiers, regional
 * indicators (flags), Hangul jamo, tag characters, and the few letters that join a grapheme before
 * or after them (Thai and Lao sara am, prepended reph signs): every code point up to U+3FFFF for
 * which string-width measures a pair of characters otherwise than the two alone, found by trying
 * each beside Latin, CJK, Hangul, Thai, Devanagari and emoji bases (test/render/text-width.test.ts
 * compares the two measures on mixed text).
 */
const CLUSTERING =
  /[\u001b\u009b\u200d\ufe00-\ufe0f\u20e3\p{M}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u{e0000}-\u{e01ef}\u0d4e\u0e33\u0eb3\u{111c2}\u{111c3}\u{113d1}\u{1193f}\u{11941}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u;

// Widths of the characters (and graphemes) met so far: string-width runs its property regexes on
// every call, which made cutting CJK text eight times slower than a lookup. Bounded, so a dump of
// every code point cannot grow it without end.
const CHAR_WIDTHS = new Map<string, number>();
const MAX_CACHED = 1 << 16;

/** Cells of one code point or grapheme. */
function charWidth(ch: string): number {
  if (ch.length === 1 && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f) return 1;
  let w = CHAR_WIDTHS.get(ch);
  if (w === undefined) {
    w = stringWidth(ch);
    if (CHAR_WIDTHS.size < MAX_CACHED) CHAR_WIDTHS.set(ch, w);
  }
  return w;
}

/** The graphemes of text with joining characters; the code points of any other (the same units, found faster). */
function units(text: string): Iterable<string> {
  return CLUSTERING.test(text) ? graphemes(text) : text;
}

const SEGMENTER = new Intl.Segmenter();

function* graphemes(text: string): Generator<string> {
  for (const { segment } of SEGMENTER.segment(text)) yield segment;
}

/**
 * Cuts `text` (sanitized: no escape sequences) to at most `width` cells, ending in an ellipsis when
 * cut; never inside a grapheme. Reads no further than it needs.
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  let used = 0;
  let keep = -1; // code-unit index where the cut (with room for the ellipsis) would fall
  let i = 0;
  for (const ch of units(text)) {
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
