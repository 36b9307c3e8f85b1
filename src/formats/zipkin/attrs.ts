/*
 * Zipkin tag values (attribute records themselves are written with ../attr-record.ts).
 */

/** A tag value as Zipkin means it: a string; numbers and booleans some producers write are spelled out. */
export function tagString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
