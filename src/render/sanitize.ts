/**
 * Every string from a dump is untrusted: control characters (C0, DEL, C1 — including ESC, which
 * starts terminal escape sequences) and bidi overrides, which can reorder what a reader sees, are
 * shown as visible escapes instead of being interpreted. Apart from the width helpers (text.ts) so
 * the error path, loaded at start-up, does not load a width table.
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
