/**
 * Zipkin v2 `tags`: a flat string-to-string map. Numbers and booleans (written by some hand-made
 * exporters) are spelled out as strings; nested values are not tags and are left out.
 */
import { isObject } from '../decoder.js';
import { tagString } from './attrs.js';

/** The tags, in input order; with `only`, just those keys (the lean decoding: looked up, not iterated). */
export function readTags(raw: unknown, only?: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(raw)) return out;
  if (only !== undefined) {
    for (const key of only) {
      const text = Object.prototype.hasOwnProperty.call(raw, key) ? tagString(raw[key]) : undefined;
      if (text !== undefined) out.set(key, text);
    }
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const text = tagString(value);
    if (text !== undefined) out.set(key, text);
  }
  return out;
}
