/**
 * Text helpers for terminal output. Every string from a dump is untrusted: control characters
 * (C0, DEL, C1 — including ESC, which starts terminal escape sequences) and bidi overrides, which can
 * reorder what a reader sees, are shown as visible escapes instead of being interpreted.
 */

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

/** Display width in terminal cells: code points, counting wide East Asian and emoji as 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0; // combining marks
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Cuts `text` to at most `width` cells, ending in an ellipsis when cut. Reads no further than it needs. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  let used = 0;
  let keep = -1; // code-unit index where the cut (with room for the ellipsis) would fall
  let i = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
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
