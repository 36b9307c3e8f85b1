/**
 * A strict JSON reader over UTF-8 bytes, for the fast lean decoders (lean-zipkin.ts):
 * they pick the few fields compact spans need straight out of a record's bytes, with no UTF-8 decode
 * of the whole text, no `JSON.parse` and no objects for the fields they skip. On a 100 MiB Zipkin
 * dump that is most of the cost of reading it.
 *
 * It never decides what malformed input means: at the first byte that is not valid JSON (or that a
 * caller does not handle fast) it throws NOT_FAST, and the caller hands the record to the ordinary
 * path (`JSON.parse` and the format's decoder), which reports the error at its line and column, or
 * decodes the odd shape, exactly as it would have. So everything it accepts must be JSON that
 * `JSON.parse` accepts too: strings are checked for raw control characters and bad escapes, numbers
 * against the grammar, literals byte by byte.
 *
 * The bytes must end with a 0 byte after the last one read (a sentinel): 0 is no JSON token and not
 * allowed in a string, so every loop stops there without a bounds check.
 *
 * State is module-level (`bytes`, `pos`): one reader per thread, reading one record at a time; it
 * keeps the hot loops free of property loads.
 */

/** Thrown when the bytes are not JSON, or not the shape a fast decoder handles. */
export const NOT_FAST: Error = new Error('not for the fast path');

let bytes: Uint8Array = new Uint8Array(1);
let view: Buffer = Buffer.alloc(1);
/** Position of the next byte to read. */
export let pos = 0;

/** Bytes of the last string read: [strStart, strEnd) between the quotes. */
export let strStart = 0;
export let strEnd = 0;
/** Whether the last string held a backslash escape, or a byte above 0x7f. */
export let strEscaped = false;
export let strWide = false;

/** The last number read was a plain non-negative integer (no sign, fraction or exponent) up to 2^53 - 1; its value. */
export let intPlain = false;
export let intValue = 0;

const WS = new Uint8Array(256);
for (const ch of ' \t\r\n') WS[ch.charCodeAt(0)] = 1;
// Bytes a string scan must stop at: quote, backslash, control characters (0 is the sentinel).
const STRING_STOP = new Uint8Array(256);
STRING_STOP[0x22] = 1;
STRING_STOP[0x5c] = 1;
for (let i = 0; i < 0x20; i++) STRING_STOP[i] = 1;
const HEX_DIGIT = new Uint8Array(256);
for (const ch of '0123456789abcdefABCDEF') HEX_DIGIT[ch.charCodeAt(0)] = 1;
const ESCAPE = new Uint8Array(256);
for (const ch of '"\\/bfnrt') ESCAPE[ch.charCodeAt(0)] = 1;
/** Deeper values than this are left to JSON.parse (the skip recurses). */
const MAX_DEPTH = 256;

/** Starts reading `data` (sentinel-terminated) at `at`. */
export function begin(data: Uint8Array, at: number): void {
  if (bytes !== data) {
    bytes = data;
    view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  pos = at;
}

export function skipWs(): void {
  while (WS[bytes[pos]!] === 1) pos++;
}

/** The next byte after whitespace (not consumed). */
export function peek(): number {
  while (WS[bytes[pos]!] === 1) pos++;
  return bytes[pos]!;
}

/** Consumes `ch` after whitespace, or throws. */
export function expect(ch: number): void {
  while (WS[bytes[pos]!] === 1) pos++;
  if (bytes[pos] !== ch) throw NOT_FAST;
  pos++;
}

/**
 * After a member or element: true when another one follows (a comma was consumed), false at the
 * closing bracket `close` (consumed).
 */
export function more(close: number): boolean {
  while (WS[bytes[pos]!] === 1) pos++;
  const c = bytes[pos]!;
  pos++;
  if (c === 0x2c) return true;
  if (c === close) return false;
  throw NOT_FAST;
}

/** Opens an object or array (`open` after whitespace); false when it is empty (and already closed). */
export function enter(open: number, close: number): boolean {
  expect(open);
  while (WS[bytes[pos]!] === 1) pos++;
  if (bytes[pos] === close) {
    pos++;
    return false;
  }
  return true;
}

/** Reads a string (the opening quote next after whitespace) into strStart/strEnd/strEscaped/strWide. */
export function readString(): void {
  while (WS[bytes[pos]!] === 1) pos++;
  if (bytes[pos] !== 0x22) throw NOT_FAST;
  const b = bytes;
  let p = pos + 1;
  strStart = p;
  let escaped = false;
  let wide = false;
  for (;;) {
    const c = b[p]!;
    if (STRING_STOP[c] === 0) {
      if (c > 0x7f) wide = true;
      p++;
      continue;
    }
    if (c === 0x22) break;
    if (c !== 0x5c) throw NOT_FAST; // a control character, or the sentinel
    escaped = true;
    const e = b[p + 1]!;
    if (e === 0x75) {
      if (HEX_DIGIT[b[p + 2]!] === 0 || HEX_DIGIT[b[p + 3]!] === 0 || HEX_DIGIT[b[p + 4]!] === 0 || HEX_DIGIT[b[p + 5]!] === 0) throw NOT_FAST;
      p += 6;
    } else if (ESCAPE[e] === 1) {
      p += 2;
    } else {
      throw NOT_FAST;
    }
  }
  strEnd = p;
  strEscaped = escaped;
  strWide = wide;
  pos = p + 1;
}

/** A key: reads the string and the colon after it. */
export function readKey(): void {
  readString();
  expect(0x3a);
}

/** The last string read, as `JSON.parse` would give it. */
export function stringValue(): string {
  if (strEscaped) return JSON.parse(view.toString('utf8', strStart - 1, strEnd + 1)) as string;
  return strWide ? view.toString('utf8', strStart, strEnd) : view.toString('latin1', strStart, strEnd);
}

// A small direct-mapped cache of short ASCII strings by their bytes: service names, operation names,
// hosts and trace ids repeat from span to span, and building each from its bytes again (a native
// call) cost more than hashing the bytes and comparing them.
const CACHE_SLOTS = 4096;
const CACHE_MAX_BYTES = 64;
const cacheBytes = new Uint8Array(CACHE_SLOTS * CACHE_MAX_BYTES);
const cacheLength = new Int32Array(CACHE_SLOTS).fill(-1);
const cacheText: string[] = new Array<string>(CACHE_SLOTS).fill('');

/** The last string read, as stringValue gives it, from the cache when the same bytes were read before. */
export function cachedStringValue(): string {
  const n = strEnd - strStart;
  if (strEscaped || strWide || n > CACHE_MAX_BYTES) return stringValue();
  const b = bytes;
  const s = strStart;
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ b[s + i]!, 0x01000193);
  const slot = (h >>> 0) & (CACHE_SLOTS - 1);
  const at = slot * CACHE_MAX_BYTES;
  if (cacheLength[slot] === n) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (cacheBytes[at + i] !== b[s + i]) {
        same = false;
        break;
      }
    }
    if (same) return cacheText[slot]!;
  }
  const text = view.toString('latin1', s, strEnd);
  cacheBytes.set(b.subarray(s, strEnd), at);
  cacheLength[slot] = n;
  cacheText[slot] = text;
  return text;
}

/** Whether the last string read is exactly the ASCII bytes of `lit`. */
export function stringIs(lit: Uint8Array): boolean {
  const n = lit.length;
  if (strEnd - strStart !== n || strEscaped) return false;
  const b = bytes;
  const s = strStart;
  for (let i = 0; i < n; i++) if (b[s + i] !== lit[i]) return false;
  return true;
}

/** The bytes of the reader's input (for callers that compare or hash the last string's bytes). */
export function input(): Uint8Array {
  return bytes;
}

/** Reads a number after whitespace, checked against the JSON grammar; sets intPlain/intValue. */
export function readNumber(): void {
  while (WS[bytes[pos]!] === 1) pos++;
  const b = bytes;
  let p = pos;
  let plain = true;
  if (b[p] === 0x2d) {
    plain = false;
    p++;
  }
  let c = b[p]!;
  let value = 0;
  const digitsStart = p;
  if (c === 0x30) {
    p++;
  } else if (c >= 0x31 && c <= 0x39) {
    do {
      value = value * 10 + (c - 0x30);
      p++;
      c = b[p]!;
    } while (c >= 0x30 && c <= 0x39);
  } else {
    throw NOT_FAST;
  }
  // Beyond 2^53 the sum above is rounded: such a number is not plain (the exact sum of up to 16 digits
  // is at most MAX_SAFE_INTEGER exactly when the rounded one is).
  if (p - digitsStart > 16 || value > Number.MAX_SAFE_INTEGER) plain = false;
  c = b[p]!;
  if (c === 0x2e) {
    plain = false;
    p++;
    if (!(b[p]! >= 0x30 && b[p]! <= 0x39)) throw NOT_FAST;
    while (b[p]! >= 0x30 && b[p]! <= 0x39) p++;
    c = b[p]!;
  }
  if (c === 0x65 || c === 0x45) {
    plain = false;
    p++;
    if (b[p] === 0x2b || b[p] === 0x2d) p++;
    if (!(b[p]! >= 0x30 && b[p]! <= 0x39)) throw NOT_FAST;
    while (b[p]! >= 0x30 && b[p]! <= 0x39) p++;
  }
  intPlain = plain;
  intValue = plain ? value : 0;
  pos = p;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(word: readonly number[]): void {
  for (let i = 0; i < word.length; i++) if (bytes[pos + i] !== word[i]) throw NOT_FAST;
  pos += word.length;
}

/** Value kinds `skipValue` reports. */
export const V_STRING = 0;
export const V_NUMBER = 1;
export const V_OBJECT = 2;
export const V_ARRAY = 3;
export const V_TRUE = 4;
export const V_FALSE = 5;
export const V_NULL = 6;

/** Skips one value of any kind, checking it; returns its kind. */
export function skipValue(depth = 0): number {
  const c = peek();
  switch (c) {
    case 0x22:
      readString();
      return V_STRING;
    case 0x7b:
      if (depth >= MAX_DEPTH) throw NOT_FAST;
      if (enter(0x7b, 0x7d)) {
        do {
          readKey();
          skipValue(depth + 1);
        } while (more(0x7d));
      }
      return V_OBJECT;
    case 0x5b:
      if (depth >= MAX_DEPTH) throw NOT_FAST;
      if (enter(0x5b, 0x5d)) {
        do skipValue(depth + 1);
        while (more(0x5d));
      }
      return V_ARRAY;
    case 0x74:
      literal(TRUE);
      return V_TRUE;
    case 0x66:
      literal(FALSE);
      return V_FALSE;
    case 0x6e:
      literal(NULL);
      return V_NULL;
    default:
      readNumber();
      return V_NUMBER;
  }
}
