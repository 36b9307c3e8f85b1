/**
 * A strict JSON reader over UTF-8 bytes, for the fast lean decoders (formats/zipkin/lean-span.ts):
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
 * One reader reads one record at a time; the hot loops work on locals and store the position back
 * once, so the cursor being a field costs nothing measurable.
 */

/** Thrown when the bytes are not JSON, or not the shape a fast decoder handles. */
export const NOT_FAST: Error = new Error('not for the fast path');

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

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** Value kinds `skipValue` reports. */
const V_STRING = 0;
const V_NUMBER = 1;
export const V_OBJECT = 2;
const V_ARRAY = 3;
export const V_TRUE = 4;
const V_FALSE = 5;
export const V_NULL = 6;

// A small direct-mapped cache of short ASCII strings by their bytes: service names, operation names,
// hosts and trace ids repeat from span to span, and building each from its bytes again (a native
// call) cost more than hashing the bytes and comparing them.
const CACHE_SLOTS = 4096;
const CACHE_MAX_BYTES = 64;

export class ByteReader {
  /** The bytes being read (sentinel-terminated). */
  bytes: Uint8Array = new Uint8Array(1);
  private view: Buffer = Buffer.alloc(1);
  /** Position of the next byte to read. */
  pos = 0;
  /** Bytes of the last string read: [strStart, strEnd) between the quotes. */
  strStart = 0;
  strEnd = 0;
  /** Whether the last string held a backslash escape, or a byte above 0x7f. */
  strEscaped = false;
  strWide = false;
  /** The last number read was a plain non-negative integer (no sign, fraction or exponent) up to 2^53 - 1; its value. */
  intPlain = false;
  intValue = 0;
  /** Bytes of the last number read: [numStart, numEnd). */
  private numStart = 0;
  private numEnd = 0;

  private readonly cacheBytes = new Uint8Array(CACHE_SLOTS * CACHE_MAX_BYTES);
  private readonly cacheLength = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cacheText: string[] = new Array<string>(CACHE_SLOTS).fill('');

  /** Starts reading `data` (sentinel-terminated) at `at`. */
  begin(data: Uint8Array, at: number): void {
    if (this.bytes !== data) {
      this.bytes = data;
      this.view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    }
    this.pos = at;
  }

  skipWs(): void {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    this.pos = p;
  }

  /** The next byte after whitespace (not consumed). */
  peek(): number {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    this.pos = p;
    return b[p]!;
  }

  /** Consumes `ch` after whitespace, or throws. */
  expect(ch: number): void {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    if (b[p] !== ch) throw NOT_FAST;
    this.pos = p + 1;
  }

  /**
   * After a member or element: true when another one follows (a comma was consumed), false at the
   * closing bracket `close` (consumed).
   */
  more(close: number): boolean {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    const c = b[p]!;
    this.pos = p + 1;
    if (c === 0x2c) return true;
    if (c === close) return false;
    throw NOT_FAST;
  }

  /** Opens an object or array (`open` after whitespace); false when it is empty (and already closed). */
  enter(open: number, close: number): boolean {
    this.expect(open);
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    if (b[p] === close) {
      this.pos = p + 1;
      return false;
    }
    this.pos = p;
    return true;
  }

  /** Reads a string (the opening quote next after whitespace) into strStart/strEnd/strEscaped/strWide. */
  readString(): void {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    if (b[p] !== 0x22) throw NOT_FAST;
    p++;
    this.strStart = p;
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
    this.strEnd = p;
    this.strEscaped = escaped;
    this.strWide = wide;
    this.pos = p + 1;
  }

  /** A key: reads the string and the colon after it. */
  readKey(): void {
    this.readString();
    this.expect(0x3a);
  }

  /** The last string read, as `JSON.parse` would give it. */
  stringValue(): string {
    if (this.strEscaped) return JSON.parse(this.view.toString('utf8', this.strStart - 1, this.strEnd + 1)) as string;
    return this.strWide ? this.view.toString('utf8', this.strStart, this.strEnd) : this.view.toString('latin1', this.strStart, this.strEnd);
  }

  /** The last string read, as stringValue gives it, from the cache when the same bytes were read before. */
  cachedStringValue(): string {
    const s = this.strStart;
    const end = this.strEnd;
    const n = end - s;
    if (this.strEscaped || this.strWide || n > CACHE_MAX_BYTES) return this.stringValue();
    const b = this.bytes;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ b[s + i]!, 0x01000193);
    const slot = (h >>> 0) & (CACHE_SLOTS - 1);
    const at = slot * CACHE_MAX_BYTES;
    const cacheBytes = this.cacheBytes;
    if (this.cacheLength[slot] === n) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (cacheBytes[at + i] !== b[s + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.cacheText[slot]!;
    }
    const text = this.view.toString('latin1', s, end);
    cacheBytes.set(b.subarray(s, end), at);
    this.cacheLength[slot] = n;
    this.cacheText[slot] = text;
    return text;
  }

  /** Whether the last string read is exactly the ASCII bytes of `lit`. */
  stringIs(lit: Uint8Array): boolean {
    const n = lit.length;
    const s = this.strStart;
    if (this.strEnd - s !== n || this.strEscaped) return false;
    const b = this.bytes;
    for (let i = 0; i < n; i++) if (b[s + i] !== lit[i]) return false;
    return true;
  }

  /** Reads a number after whitespace, checked against the JSON grammar; sets intPlain/intValue. */
  readNumber(): void {
    const b = this.bytes;
    let p = this.pos;
    while (WS[b[p]!] === 1) p++;
    let plain = true;
    this.numStart = p;
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
    this.intPlain = plain;
    this.intValue = plain ? value : 0;
    this.pos = p;
    this.numEnd = p;
  }

  /** The last number read, as `JSON.parse` would give it (the JSON grammar is a subset of what `Number` reads, to the same value). */
  numberValue(): number {
    return this.intPlain ? this.intValue : Number(this.view.toString('latin1', this.numStart, this.numEnd));
  }

  /** Skips one value of any kind, checking it; returns its kind. */
  skipValue(depth = 0): number {
    const c = this.peek();
    switch (c) {
      case 0x22:
        this.readString();
        return V_STRING;
      case 0x7b:
        if (depth >= MAX_DEPTH) throw NOT_FAST;
        if (this.enter(0x7b, 0x7d)) {
          do {
            this.readKey();
            this.skipValue(depth + 1);
          } while (this.more(0x7d));
        }
        return V_OBJECT;
      case 0x5b:
        if (depth >= MAX_DEPTH) throw NOT_FAST;
        if (this.enter(0x5b, 0x5d)) {
          do this.skipValue(depth + 1);
          while (this.more(0x5d));
        }
        return V_ARRAY;
      case 0x74:
        this.literal(TRUE);
        return V_TRUE;
      case 0x66:
        this.literal(FALSE);
        return V_FALSE;
      case 0x6e:
        this.literal(NULL);
        return V_NULL;
      default:
        this.readNumber();
        return V_NUMBER;
    }
  }

  private literal(word: readonly number[]): void {
    const b = this.bytes;
    const p = this.pos;
    for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) throw NOT_FAST;
    this.pos = p + word.length;
  }
}
