/**
 * `--json` output: the analysis result itself, serialized, so text and JSON never disagree.
 * One document on stdout; bigints (epoch nanoseconds) written as decimal strings.
 *
 * JSON.stringify escapes C0 controls but writes DEL, C1 controls (U+009B is a one-character CSI to
 * some terminals) and bidi overrides raw; they can only occur inside strings, so they are written as
 * \u escapes: the same value to a parser, inert on a terminal.
 *
 * JSON has no NaN or Infinity, and JSON.stringify would write them as null: a silently wrong
 * number. Analyses keep every number finite, so meeting one is a bug, reported as one.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function renderJson(value: unknown): string {
  return JSON.stringify(value, jsonValue, 2).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonValue(key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`--json output would hold ${v} at "${key}", which JSON cannot carry`);
  return v;
}
