/**
 * Writing a key into an attribute object without letting the key touch the prototype.
 *
 * Attribute keys come from the dump. A plain assignment `obj["__proto__"] = v` would replace the
 * object's prototype instead of storing an attribute, so keys are defined as own properties.
 */
import type { AttrValue } from '../../model/span.js';

export function setAttr(target: Record<string, AttrValue>, key: string, value: AttrValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
