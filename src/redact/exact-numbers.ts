/**
 * Keeps number literals exactly as written through JSON.parse and JSON.stringify. A redacted dump
 * must keep its timings to the nanosecond, and OTLP writers put int64 nanoseconds as JSON numbers
 * (1.7e18, beyond 2^53: JSON.parse would round them); `1.50` or `1e3` would come back as `1.5` and
 * `1000`. Before parsing, every number whose text would not survive is wrapped in a marked string;
 * after writing, the marks are taken off again. A plain loop, not a regular expression: strings in a
 * dump can be megabytes long.
 */
import { randomBytes } from 'node:crypto';

/** A private-use character and a per-run nonce: no real string starts with this. */
const MARK = `\ue000${randomBytes(4).toString('hex')}:`;
const MARKED = new RegExp(`"${MARK}(-?[0-9.eE+-]+)"`, 'g');

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/** The text with fragile numbers marked (outside strings only). */
export function protectNumbers(text: string): string {
  const parts: string[] = [];
  let from = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: find its closing quote, not escaped.
      let j = text.indexOf('"', i + 1);
      while (j > 0) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      i = j < 0 ? n : j + 1;
    } else if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
      let j = i + 1;
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      if (String(Number(token)) !== token) {
        parts.push(text.slice(from, i), `"${MARK}${token}"`);
        from = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/** JSON text with the marked numbers written back as the literals they were. */
export function restoreNumbers(json: string): string {
  return json.includes(MARK) ? json.replace(MARKED, '$1') : json;
}

/** The literal of a marked number, or undefined when `value` is not one. */
export function markedNumber(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : undefined;
}
