/**
 * Attribute maps built from keys a dump chose. A plain `obj[key] = value` with the key "__proto__"
 * would change the object's prototype instead of storing the tag, so keys are defined as own
 * properties.
 */
import type { AttrValue } from '../../model/span.js';

export function setAttr(target: Record<string, AttrValue>, key: string, value: AttrValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A tag value as Zipkin means it: a string; numbers and booleans some producers write are spelled out. */
export function tagString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
