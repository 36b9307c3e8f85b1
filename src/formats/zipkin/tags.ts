/**
 * Zipkin v2 `tags`: a flat string-to-string map. Numbers and booleans (written by some hand-made
 * exporters) are spelled out as strings; nested values are not tags and are left out.
 */
import { isObject } from '../decoder.js';
import { tagString } from './attrs.js';

export function readTags(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const text = tagString(value);
    if (text !== undefined) out.set(key, text);
  }
  return out;
}
