/**
 * Rewrites a JSON trace dump value by value while copying everything around the values byte for
 * byte, so a redacted dump keeps its format, its envelope and its layout: Jaeger's
 * `{"data":[...]}`, OTLP's `{"resourceSpans":[...]}`, a Zipkin list, one document per line, CRLF
 * line ends, a BOM. It never holds more than one record.
 *
 * Which values are records follows the input layer's framing (src/input/json-framer.ts): elements of
 * a top-level array (and of arrays inside it), of `data`, `resourceSpans` and `batches` arrays, of
 * jaeger-ui's `data.spans`; `result` and `trace` wrap an envelope; a top-level object with none of
 * these is one record as a whole. Every other value inside the envelope (a `total`, an `errors`
 * list, a stray string in a span list) is handed to `rewrite` too, as a field, so nothing in the
 * file goes out unseen. The framer itself is not reused because it does not say where a record ends
 * in the bytes, which a rewriter needs.
 */
import type { RecordHint } from '../formats/decoder.js';

/** `rewrite` gets a value's JSON text and returns the text to write in its place. */
export type RewriteValue = (text: string, where: ValuePlace) => string;

export interface ValuePlace {
  /** A record (one of the input layer's record hints), or a `field` of the envelope. */
  readonly hint: RecordHint | 'field';
  /** The envelope key the value sits under, if any. */
  readonly key?: string;
  /** 1-based line and column (bytes) of the value's first byte. */
  readonly line: number;
  readonly column: number;
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

// Container roles, as in the framer.
const TOP_ARRAY = 0;
const INNER_ARRAY = 1;
const RECORD_ARRAY = 2;
const ENVELOPE_OBJECT = 3;
const DATA_OBJECT = 4;

// What a container expects next.
const KEY_OR_END = 0;
const KEY = 1;
const COLON = 2;
const VALUE = 3;
const COMMA_OR_END = 4;
const VALUE_OR_END = 5;

interface Frame {
  readonly isObject: boolean;
  readonly role: number;
  readonly hint: RecordHint;
  expect: number;
  key: string;
}

const OTLP_CONTAINERS = new Set(['resourceSpans', 'batches']);
const WRAPPERS = new Set(['result', 'trace']);
const MAX_KEY_BYTES = 64;
const BOM = [0xef, 0xbb, 0xbf];

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isScalarByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x45;
}

export class EnvelopeRewriter {
  /** Records and fields rewritten so far. */
  values = 0;
  /** Top-level JSON values seen. */
  documents = 0;

  private readonly stack: Frame[] = [];
  private line = 1;
  private lineStart = 0;
  private base = 0;
  private started = false;

  // The top-level object being held back until it shows whether it is an envelope or a record.
  private tentative = false;
  private held: Buffer[] = [];
  /** What to write for it if it turns out to be an envelope: its bytes, and its values still to rewrite. */
  private heldOut: (Buffer | { text: string; place: ValuePlace })[] = [];
  private heldFrom = 0;
  private heldLine = 1;
  private heldColumn = 1;

  // A value being captured.
  private capturing = false;
  private capParts: Buffer[] = [];
  private capFrom = 0;
  private capDepth = 0;
  private capScalar = false;
  private capInString = false;
  private capEscaped = false;
  private capPlace: ValuePlace = { hint: 'field', line: 1, column: 1 };

  // An envelope key being read.
  private inKey = false;
  private keyEscaped = false;
  private keyBytes: number[] = [];

  /** Start of the bytes of the current chunk not yet written (when not holding or capturing). */
  private copyFrom = 0;

  constructor(
    private readonly rewrite: RewriteValue,
    private readonly write: (chunk: Buffer | string) => void,
  ) {}

  push(buf: Buffer): void {
    let i = 0;
    const n = buf.length;
    this.copyFrom = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (n >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) i = 3;
    }
    while (i < n) {
      if (this.capturing) i = this.capture(buf, i);
      else if (this.inKey) i = this.readKey(buf, i);
      else i = this.envelope(buf, i);
    }
    if (this.capturing) this.capParts.push(buf.subarray(Math.max(this.capFrom - this.base, 0)));
    else if (this.copyFrom < n) this.emit(buf.subarray(this.copyFrom));
    if (this.tentative) this.held.push(buf.subarray(Math.max(this.heldFrom - this.base, 0)));
    this.capFrom = this.base + n;
    this.heldFrom = this.base + n;
    this.base += n;
  }

  end(): void {
    if (this.capturing && this.capScalar) this.finishCapture(undefined, 0);
    if (this.capturing || this.inKey || this.stack.length > 0 || this.tentative) {
      throw new EnvelopeError('unexpected end of input (the file looks truncated)', this.line, this.base - this.lineStart + 1);
    }
  }

  // ---- envelope ---------------------------------------------------------------------------

  private envelope(buf: Buffer, i: number): number {
    const c = buf[i]!;
    if (isSpace(c)) {
      if (c === 0x0a) this.newline(this.base + i);
      return i + 1;
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.documents++;
      if (c === 0x7b) {
        // Held back until a record container shows up (an envelope) or it closes (a record).
        this.flush(buf, i);
        this.tentative = true;
        this.held = [];
        this.heldOut = [];
        this.heldFrom = this.base + i;
        this.heldLine = this.line;
        this.heldColumn = this.base + i - this.lineStart + 1;
        this.stack.push({ isObject: true, role: ENVELOPE_OBJECT, hint: 'document', expect: KEY_OR_END, key: '' });
        return i + 1;
      }
      if (c === 0x5b) {
        this.stack.push({ isObject: false, role: TOP_ARRAY, hint: 'element', expect: VALUE_OR_END, key: '' });
        return i + 1;
      }
      return this.startCapture(buf, i, { hint: 'document' });
    }
    switch (top.expect) {
      case KEY_OR_END:
      case KEY:
        if (c === 0x22) {
          this.inKey = true;
          this.keyEscaped = false;
          this.keyBytes = [];
          top.expect = COLON;
          return i + 1;
        }
        if (c === 0x7d && top.expect === KEY_OR_END) return this.close(buf, i);
        throw this.error(c, i, 'expected a property name');
      case COLON:
        if (c === 0x3a) {
          top.expect = VALUE;
          return i + 1;
        }
        throw this.error(c, i, "expected ':'");
      case VALUE:
      case VALUE_OR_END:
        if (c === 0x5d && top.expect === VALUE_OR_END && !top.isObject) return this.close(buf, i);
        top.expect = COMMA_OR_END;
        return this.value(buf, i, c, top);
      case COMMA_OR_END:
        if (c === 0x2c) {
          top.expect = top.isObject ? KEY : VALUE;
          return i + 1;
        }
        if ((c === 0x7d && top.isObject) || (c === 0x5d && !top.isObject)) return this.close(buf, i);
        throw this.error(c, i, top.isObject ? "expected ',' or '}'" : "expected ',' or ']'");
      default:
        throw this.error(c, i, 'unexpected state');
    }
  }

  /** A value starts at buf[i] inside `parent`: a container to walk into, or a value to rewrite. */
  private value(buf: Buffer, i: number, c: number, parent: Frame): number {
    const isObject = c === 0x7b;
    const isArray = c === 0x5b;
    const push = (frame: Omit<Frame, 'expect' | 'key'>): number => {
      this.stack.push({ ...frame, expect: frame.isObject ? KEY_OR_END : VALUE_OR_END, key: '' });
      return i + 1;
    };
    switch (parent.role) {
      case TOP_ARRAY:
        if (isArray) return push({ isObject: false, role: INNER_ARRAY, hint: 'element' });
        return this.startCapture(buf, i, { hint: isObject ? 'element' : 'field' });
      case INNER_ARRAY:
        return this.startCapture(buf, i, { hint: isObject || isArray ? 'element' : 'field' });
      case RECORD_ARRAY:
        return this.startCapture(buf, i, { hint: isObject || isArray ? parent.hint : 'field' });
      case ENVELOPE_OBJECT: {
        const key = parent.key;
        if (isArray && OTLP_CONTAINERS.has(key)) return this.release(), push({ isObject: false, role: RECORD_ARRAY, hint: 'otlp-resource-spans' });
        if (isArray && key === 'data') return this.release(), push({ isObject: false, role: RECORD_ARRAY, hint: 'jaeger-trace' });
        if (isObject && key === 'data') return push({ isObject: true, role: DATA_OBJECT, hint: 'jaeger-span' });
        if (isObject && WRAPPERS.has(key)) return push({ isObject: true, role: ENVELOPE_OBJECT, hint: 'document' });
        return this.startCapture(buf, i, { hint: 'field', key });
      }
      case DATA_OBJECT:
        if (isArray && parent.key === 'spans') return this.release(), push({ isObject: false, role: RECORD_ARRAY, hint: 'jaeger-span' });
        return this.startCapture(buf, i, { hint: 'field', key: parent.key });
      default:
        return this.startCapture(buf, i, { hint: 'field' });
    }
  }

  private close(buf: Buffer, i: number): number {
    this.stack.pop();
    if (this.tentative && this.stack.length === 0) {
      // A top-level object with no record container: it is one record.
      this.tentative = false;
      const text = Buffer.concat([...this.held, buf.subarray(Math.max(this.heldFrom - this.base, 0), i + 1)]).toString('utf8');
      this.held = [];
      this.heldOut = [];
      this.values++;
      this.write(this.rewrite(text, { hint: 'document', line: this.heldLine, column: this.heldColumn }));
      this.copyFrom = i + 1;
    }
    return i + 1;
  }

  /** A record container was found: what was held back of the top-level object is envelope, written as it is. */
  private release(): void {
    if (!this.tentative) return;
    this.tentative = false;
    this.held = [];
    const out = this.heldOut;
    this.heldOut = [];
    for (const part of out) {
      if (Buffer.isBuffer(part)) this.write(part);
      else {
        this.values++;
        this.write(this.rewrite(part.text, part.place));
      }
    }
  }

  /** Envelope bytes: written, or kept with the held-back object. */
  private emit(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.tentative) this.heldOut.push(chunk);
    else this.write(chunk);
  }

  /** Emits the current chunk's bytes before `i` not yet written or captured. */
  private flush(buf: Buffer, i: number): void {
    if (this.copyFrom < i) this.emit(buf.subarray(this.copyFrom, i));
    this.copyFrom = i;
  }

  // ---- keys -------------------------------------------------------------------------------

  private readKey(buf: Buffer, i: number): number {
    const n = buf.length;
    while (i < n) {
      const c = buf[i]!;
      if (this.keyEscaped) this.keyEscaped = false;
      else if (c === 0x5c) this.keyEscaped = true;
      else if (c === 0x22) {
        this.inKey = false;
        const top = this.stack[this.stack.length - 1]!;
        const raw = Buffer.from(this.keyBytes).toString('utf8');
        top.key = raw.includes('\\') ? safeUnescape(raw) : raw;
        return i + 1;
      } else if (c === 0x0a) this.newline(this.base + i);
      if (this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(c);
      i++;
    }
    return n;
  }

  // ---- captured values --------------------------------------------------------------------

  private startCapture(buf: Buffer, i: number, place: { hint: ValuePlace['hint']; key?: string }): number {
    const c = buf[i]!;
    if (c !== 0x7b && c !== 0x5b && c !== 0x22 && !isScalarByte(c)) throw this.error(c, i, 'expected a JSON value');
    this.flush(buf, i);
    this.capturing = true;
    this.capParts = [];
    this.capFrom = this.base + i;
    this.capScalar = c !== 0x7b && c !== 0x5b && c !== 0x22;
    this.capDepth = c === 0x7b || c === 0x5b ? 1 : 0;
    this.capInString = c === 0x22;
    this.capEscaped = false;
    this.capPlace = { ...place, line: this.line, column: this.base + i - this.lineStart + 1 };
    return i + 1;
  }

  private capture(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.capScalar) {
      while (i < n && isScalarByte(buf[i]!)) i++;
      if (i < n) this.finishCapture(buf, i);
      return i;
    }
    while (i < n) {
      const c = buf[i]!;
      if (this.capInString) {
        if (this.capEscaped) this.capEscaped = false;
        else if (c === 0x5c) this.capEscaped = true;
        else if (c === 0x22) {
          this.capInString = false;
          if (this.capDepth === 0) {
            this.finishCapture(buf, i + 1);
            return i + 1;
          }
        } else if (c === 0x0a) this.newline(this.base + i);
      } else if (c === 0x22) this.capInString = true;
      else if (c === 0x7b || c === 0x5b) this.capDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--this.capDepth === 0) {
          this.finishCapture(buf, i + 1);
          return i + 1;
        }
      } else if (c === 0x0a) this.newline(this.base + i);
      i++;
    }
    return n;
  }

  /** The captured value ends before buf[end] (buf undefined: at the end of input). */
  private finishCapture(buf: Buffer | undefined, end: number): void {
    this.capturing = false;
    const tail = buf === undefined ? [] : [buf.subarray(Math.max(this.capFrom - this.base, 0), end)];
    const text = Buffer.concat([...this.capParts, ...tail]).toString('utf8');
    this.capParts = [];
    this.copyFrom = end;
    // Inside a held-back top-level object the value waits: if the object turns out to be a record it
    // is rewritten whole instead; if it is an envelope, the value is rewritten on release.
    if (this.tentative) {
      this.heldOut.push({ text, place: this.capPlace });
      return;
    }
    this.values++;
    this.write(this.rewrite(text, this.capPlace));
  }

  // ---- positions --------------------------------------------------------------------------

  private newline(abs: number): void {
    this.line++;
    this.lineStart = abs + 1;
  }

  private error(c: number, i: number, what: string): EnvelopeError {
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    return new EnvelopeError(`unexpected ${shown}: ${what}`, this.line, this.base + i - this.lineStart + 1);
  }
}

function safeUnescape(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
