/**
 * Zipkin v2 `tags`: a flat string-to-string map. Numbers and booleans (written by some hand-made
 * exporters) are spelled out as strings; nested values are not tags and are left out.
 */
import { isObject } from '../decoder.js';
import { tagString } from './attrs.js';

/**
 * The tags, in input order; with `only`, just those keys (the lean decoding: looked up, not
 * iterated). A value that is no text (an object, a list, null) is left out and handed to `dropped`.
 */
export function readTags(raw: unknown, only?: ReadonlySet<string>, dropped?: (key: string, value: unknown) => void): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(raw)) return out;
  const take = (key: string, value: unknown): void => {
    const text = tagString(value);
    if (text !== undefined) out.set(key, text);
    else dropped?.(key, value);
  };
  if (only !== undefined) {
    for (const key of only) if (Object.prototype.hasOwnProperty.call(raw, key)) take(key, raw[key]);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) take(key, value);
  return out;
}
