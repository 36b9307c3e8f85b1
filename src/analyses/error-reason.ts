/**
 * The part of an error that stays the same from one occurrence to the next, so that "timeout after
 * 5003ms on 10.0.3.7" and "timeout after 4998ms on 10.0.3.9" group together. An exception type is
 * already such a name; a free-text message is normalized: timestamps, UUIDs, IPv4 addresses, hex runs (0x7f3a…,
 * long ids), numbers (a unit glued to one stays: `<n>ms`), and words that mix letters with digits
 * (product ids such as 6E92ZMYYFZ) collapse to placeholders, and runs of white space to one space. The HTTP status is kept as it is: 500 and 503
 * are different failures.
 */
import type { ErrorDescription } from './error-message.js';

const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
/** A number with a short unit glued on (35ms, 2s, 512kb): the unit stays. */
const NUMBER_WITH_UNIT = /\b\d+(?:\.\d+)?(?=[a-zµ]{1,3}\b)/gi;
const HEX_PREFIXED = /\b0x[0-9a-f]+\b/gi;
/** A run of 8+ hex digits with both a digit and a letter: span ids, hashes, object addresses. */
const HEX_RUN = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
/** A word mixing letters and digits (ids, generated names): collapsed whole. */
const MIXED_WORD = /\b(?=[a-z_]*\d)(?=\d*[a-z_])[a-z0-9_]+\b/gi;
const NUMBER = /\d+(?:\.\d+)?/g;

/** Placeholders are in angle brackets so they cannot be mistaken for text the producer wrote. */
export function normalizeErrorText(text: string): string {
  return text
    .replace(TIMESTAMP, '<time>')
    .replace(UUID, '<uuid>')
    .replace(IPV4, '<ip>')
    .replace(HEX_PREFIXED, '<hex>')
    .replace(HEX_RUN, '<hex>')
    .replace(NUMBER_WITH_UNIT, '<n>')
    .replace(MIXED_WORD, '<id>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What an error signature ends in: the exception type, else the normalized text, with the HTTP
 * status added when there is one; "HTTP 503" alone, or "error" when the span says nothing at all.
 */
export function errorReason(description: ErrorDescription): string {
  const base = description.type ?? (description.text !== null ? normalizeErrorText(description.text) : null);
  const http = description.httpStatus !== null ? `HTTP ${description.httpStatus}` : null;
  if (base !== null && base !== '' && http !== null) return `${base} (${http})`;
  return base !== null && base !== '' ? base : (http ?? 'error');
}
