/**
 * A mutable attribute record that a hostile key cannot subvert. Plain assignment of the key
 * `__proto__` would replace the object's prototype instead of storing a tag; that one key is defined
 * as an own property instead (every other key is a plain, fast assignment), and the result is still
 * a plain object for JSON and for tests.
 */
import type { AttrValue } from '../../model/span.js';

export type AttrBag = Record<string, AttrValue>;

export function setAttr(bag: AttrBag, key: string, value: AttrValue): void {
  if (key === '__proto__') Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  else bag[key] = value;
}
