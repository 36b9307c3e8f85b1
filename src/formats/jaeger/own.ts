/**
 * Field reads on parsed JSON that only see the object's own data. A key such as "constructor" or
 * "__proto__" in a dump (a processID, a tag key) must not find something on Object.prototype.
 */

/**
 * A plain read is the fast path: what a read can find on Object.prototype is a function (which
 * parsed JSON never holds) or, for "__proto__", the prototype itself, checked for explicitly.
 */
export function ownValue(obj: Readonly<Record<string, unknown>>, key: string): unknown {
  const value = obj[key];
  if (value === undefined || typeof value === 'function') return undefined;
  if (key === '__proto__') return Object.prototype.hasOwnProperty.call(obj, key) ? value : undefined;
  return value;
}

/** The first of two spellings that is present: UI JSON `traceID` before protobuf-JSON `traceId`. */
export function ownEither(obj: Readonly<Record<string, unknown>>, a: string, b: string): unknown {
  const first = ownValue(obj, a);
  return first !== undefined ? first : ownValue(obj, b);
}

/** A short description of a value's JSON type, for warnings about what was found instead of a span. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
