/**
 * A mutable attribute record that a hostile key cannot subvert. Plain assignment of the key
 * `__proto__` would replace the object's prototype instead of storing a tag; defining the property
 * stores it as ordinary data, and the result is still a plain object for JSON and for tests.
 */
import type { AttrValue } from '../../model/span.js';

export type AttrBag = Record<string, AttrValue>;

export function setAttr(bag: AttrBag, key: string, value: AttrValue): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}
