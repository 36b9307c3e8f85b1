/**
 * Text helpers for terminal output. Every string from a dump is untrusted: control characters
 * (C0, DEL, C1 — including ESC, which starts terminal escape sequences) and bidi overrides, which can
 * reorder what a reader sees, are shown as visible escapes instead of being interpreted.
 */
import stringWidth from 'string-width';

// C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Display width in terminal cells, measured with string-width: every layout (tables, bars, cut
 * names) uses this one measure, so a line fitted to the width is that wide on the terminal.
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
