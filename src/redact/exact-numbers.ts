/**
 * Keeps number literals exactly as written through JSON.parse and JSON.stringify. A redacted dump
 * must keep its timings to the nanosecond, and OTLP writers put int64 nanoseconds as JSON numbers
 * (1.7e18, beyond 2^53: JSON.parse would round them); `1.50` or `1e3` would come back as `1.5` and
 * `1000`. Before parsing, every number whose text would not survive is wrapped in a marked string;
 * after writing, the marks are taken off again.
 */
import { randomBytes } from 'node:crypto';

/** A private-use character and a per-run nonce: no real string starts with this. */
const MARK = `\ue000${randomBytes(4).toString('hex')}:`;
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const MARKED = new RegExp(`"${MARK}(-?[0-9.eE+-]+)"`, 'g');

/** The text with fragile numbers marked (outside strings only). */
export function protectNumbers(text: string): string {
  return text.replace(TOKENS, (token) => (token.charCodeAt(0) === 0x22 || String(Number(token)) === token ? token : `"${MARK}${token}"`));
}

/** JSON text with the marked numbers written back as the literals they were. */
export function restoreNumbers(json: string): string {
  return json.includes(MARK) ? json.replace(MARKED, '$1') : json;
}

/** The literal of a marked number, or undefined when `value` is not one. */
export function markedNumber(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : undefined;
}
