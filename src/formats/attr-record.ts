/**
 * Attribute records built from keys a dump chose (tags, attributes, log fields). A plain
 * `obj[key] = value` with the key "__proto__" would replace the object's prototype instead of storing
 * the attribute, so that one key is defined as an own property; every other key is a plain, fast
 * assignment. The result is a plain object, for JSON and for tests.
 */
import type { AttrValue } from '../model/span.js';

export type AttrBag = Record<string, AttrValue>;

export function setAttr(bag: AttrBag, key: string, value: AttrValue): void {
  if (key === '__proto__') Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  else bag[key] = value;
}
