/**
 * Trace and span ids, normalized so that the same id written by different producers compares equal:
 * lower-case hex, left-padded (producers drop leading zeros), base64 decoded (protobuf-JSON writers),
 * and a 128-bit trace id whose high half is zero shortened to 64 bits (zipkin-lens does the same, so
 * a 64-bit Zipkin id and the same id padded by an OTLP bridge meet).
 */

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ZERO16 = '0000000000000000';

/** Hex of raw bytes from standard or URL-safe base64, or undefined when it is not base64 of `bytes` bytes. */
function base64ToHex(raw: string, allowedBytes: readonly number[]): string | undefined {
  if (!BASE64.test(raw)) return undefined;
  const buf = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!allowedBytes.includes(buf.length)) return undefined;
  return buf.toString('hex');
}

/** Hex digits of an id in either encoding, before padding; undefined when it is neither. */
function idHex(raw: string, maxHex: number, base64Bytes: readonly number[]): string | undefined {
  // A string of hex digits is read as hex even when it would also be valid base64: every
  // producer that writes base64 pads it with '=' or uses letters beyond f.
  if (HEX.test(raw) && raw.length <= maxHex) return raw.toLowerCase();
  return base64ToHex(raw, base64Bytes);
}

/** Whether `s` is all lower-case hex digits: ids as most producers write them (checked without a regex, on the hot path). */
function isLowerHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Normalized trace id, or undefined when `raw` is not a trace id. */
export function normalizeTraceId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  // Already canonical (the common case): 16 digits, or 32 whose high half is not zero.
  if ((raw.length === 16 || (raw.length === 32 && !raw.startsWith(ZERO16))) && isLowerHex(raw)) return raw;
  const hex = idHex(raw, 32, [8, 16]);
  if (hex === undefined) return undefined;
  const padded = hex.length <= 16 ? hex.padStart(16, '0') : hex.padStart(32, '0');
  return padded.length === 32 && padded.startsWith(ZERO16) ? padded.slice(16) : padded;
}

/** Normalized span id, or undefined when `raw` is not a span id. */
export function normalizeSpanId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  if (raw.length === 16 && isLowerHex(raw)) return raw;
  const hex = idHex(raw, 16, [8]);
  return hex === undefined ? undefined : hex.padStart(16, '0');
}

/**
 * A parent id: like a span id, but "", absent and all zeros all mean "no parent"
 * (OTLP writes "" for roots; some bridges write 0000000000000000).
 */
export function normalizeParentId(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const id = normalizeSpanId(raw);
  return id === ZERO16 ? undefined : id;
}

/** An id as it can best be kept when it is not valid: a lower-cased string, for display and linking. */
export function fallbackId(raw: unknown): string | undefined {
  if (typeof raw === 'string' && raw.length > 0) return raw.toLowerCase();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}
