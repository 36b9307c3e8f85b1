/**
 * Frames a JSON byte stream into records without parsing (or holding) the whole document.
 *
 * A byte scan tracks strings and brackets. The "envelope" (the outer objects and arrays that hold
 * records: Jaeger's `{"data":[...]}`, OTLP's `{"resourceSpans":[...]}`, a Zipkin top-level array,
 * one JSON value per line) is validated here structurally; each record inside it (a Jaeger trace, an
 * OTLP ResourceSpans, a Zipkin span, or a whole document that has no record container) is cut out as
 * text and handed on, to be `JSON.parse`d by the caller. Keeping framing apart from parsing is what
 * lets a later stage move parsing off the main thread without touching the formats.
 *
 * With `leanOtlp`, the span-level `attributes` and `events` arrays of OTLP ResourceSpans records are
 * emptied on the way (`"attributes":[...]` becomes `"attributes":[]`): a caller that needs only
 * structure and timing then parses half the text. The bytes cut out are still scanned for strings
 * and brackets, not validated as JSON; each cut is listed on the record, so a parse error elsewhere
 * in it can still be placed at its line and column in the input.
 *
 * A top-level object is captured tentatively: its bytes are kept until one of its keys turns out to
 * be a record container, at which point the capture is dropped and the container streamed. An object
 * without one (a bare Jaeger trace, a single Zipkin span) is emitted whole when it closes.
 */
import type { RecordHint } from '../formats/decoder.js';
import { OTLP_SALVAGE } from '../formats/otlp/record-salvage.js';
import type { FramedRecord } from './framed-record.js';
import { checkJsonPrefix } from './json-prefix.js';
import { RecordRun } from './record-run.js';
import { salvagePoint } from './salvage-record.js';

/** A value of the envelope and where it is (FramerOptions `values`). */
export interface EnvelopeValue {
  /** A record (the hint it would be handed on with), or any other value of the envelope. */
  readonly hint: RecordHint | 'field';
  /** The key a field sits under, if any. */
  readonly key?: string;
  /** Byte offsets of its first byte and of the byte after its last. */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column (in bytes) of its first byte. */
  readonly line: number;
  readonly column: number;
}

export interface FramerOptions {
  /** Empty the span-level `attributes` and `events` of OTLP ResourceSpans records. */
  readonly leanOtlp?: boolean;
  /** Hand on consecutive small records of one array (Zipkin or Jaeger spans) as runs (record-run.ts). */
  readonly runs?: boolean;
  /** Hand runs on as bytes (FramedRecord `bytes`), for the fast lean readers. */
  readonly runBytes?: boolean;
  /** Hand OTLP ResourceSpans records on as bytes (FramedRecord `bytes`, `byteCuts`), lean cuts left out. */
  readonly otlpBytes?: boolean;
  /**
   * Report every value of the envelope by place, records and everything else (a `total`, a stray
   * string in a span list), instead of handing records on as text: for rewriting a dump in place
   * (redact), which reads the bytes itself. The values of a top-level object are held until it
   * shows whether it is an envelope (then they are reported) or one record (then only it is).
   * Not with the other options.
   */
  readonly values?: (value: EnvelopeValue) => void;
}

/** Malformed JSON found in the envelope; line and column are 1-based. */
export class FrameError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Where an input that ends inside a value was cut (JsonFramer.endAt). Offsets are in the bytes the
 * framer was given (after gunzip and a byte-order mark).
 */
export interface InputCut {
  /** The end of the input: the byte after the last one read. */
  readonly at: number;
  /** The byte after the last whole record handed on (or the last span kept of the cut one); 0 if none. */
  readonly wholeUntil: number;
  /** The error a reader that refuses cut input reports (what end() throws). */
  readonly error: FrameError;
}

/** What the framer skipped, so the caller can say so. */
export interface FrameCounts {
  /** Documents that hold OTLP logs, metrics or profiles rather than spans. */
  nonTraceDocuments: number;
  /** Values where a record was expected that cannot be one (numbers, strings, null in a span list). */
  scalarRecords: number;
  /** Top-level values seen (documents; one per line in a JSON-lines file). */
  documents: number;
}

// Roles of an open container in the envelope.
const TOP_ARRAY = 0; // a top-level array: object elements are records; array elements hold records
const INNER_ARRAY = 1; // an array inside a top-level array (Zipkin's list of traces)
const RECORD_ARRAY = 2; // an array whose elements are records of `hint`
const ENVELOPE_OBJECT = 3; // an object whose keys may name record containers
const DATA_OBJECT = 4; // jaeger-ui's internal `data` object: `spans` holds records

// What an open container expects next.
const EXPECT_KEY_OR_END = 0;
const EXPECT_KEY = 1;
const EXPECT_COLON = 2;
const EXPECT_VALUE = 3;
const EXPECT_COMMA_OR_END = 4;
const EXPECT_VALUE_OR_END = 5;

interface Frame {
  readonly isObject: boolean;
  role: number;
  expect: number;
  key: string;
  readonly hint: RecordHint;
  /** This frame's bytes are being kept, to be emitted whole if no container turns up. */
  tentative: boolean;
  /** The document was found to hold logs/metrics, not spans. */
  nonTrace: boolean;
}

const OTLP_CONTAINERS = new Set(['resourceSpans', 'batches']);
const WRAPPERS = new Set(['result', 'trace']);
const NON_TRACE = new Set(['resourceLogs', 'resourceMetrics', 'resourceProfiles']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const MAX_KEY_BYTES = 64;
/** Strings up to this many bytes are skipped inline by the value scanner. */
const SHORT_STRING = 48;
/** Depth inside a ResourceSpans record where span keys are: record, scopeSpans, scope, spans, span. */
const SPAN_DEPTH = 5;
const ATTRIBUTES = Buffer.from('attributes');
const EVENTS = Buffer.from('events');

/** What a lean record may have cut: keys (at `depth` in the record) whose value opens with `open`. */
interface CutRule {
  readonly depth: number;
  readonly keys: readonly Buffer[];
  readonly open: number;
}
const OTLP_CUT: CutRule = { depth: SPAN_DEPTH, keys: [ATTRIBUTES, EVENTS], open: 0x5b };

// Bytes allowed in an envelope scalar (numbers, true, false, null); validated when the token ends.
const SCALAR_BYTE = new Uint8Array(256);
for (const ch of '0123456789+-.eEtrufalsn') SCALAR_BYTE[ch.charCodeAt(0)] = 1;
const WHITESPACE = new Uint8Array(256);
for (const ch of ' \t\r\n') WHITESPACE[ch.charCodeAt(0)] = 1;
// Bytes the value scanner must look at: quote, brackets, newline.
const VALUE_STOP = new Uint8Array(256);
for (const ch of '"{}[]\n') VALUE_STOP[ch.charCodeAt(0)] = 1;
const SCALAR_TOKEN = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

export class JsonFramer {
  readonly counts: FrameCounts = { nonTraceDocuments: 0, scalarRecords: 0, documents: 0 };
  private readonly stack: Frame[] = [];
  /** Absolute offset of the current chunk's first byte. */
  private base = 0;
  private line = 1;
  private lineStart = 0;

  // Retained bytes: chunks (or their tails) from `retainFrom` on, for the record being cut out.
  private retained: Buffer[] = [];
  private retainFrom = -1;

  // A value being scanned (skipped, or captured as a record).
  private valueDepth = 0;
  private valueIsRecord = false;
  private valueHint: RecordHint = 'document';
  private valueStart = 0;
  private valueLine = 1;
  private valueColumn = 1;

  // Inside a string (in a value or in the envelope); `escaped`: the next byte is escaped.
  private inString = false;
  private escaped = false;
  /** Collected bytes of an envelope string (a key), capped at MAX_KEY_BYTES. */
  private keyBytes: number[] | undefined;
  /** Characters of an envelope scalar being read. */
  private token = '';
  private tokenOffset = 0;

  // Lean framing: the rule for the record being read (or none), where the string being read
  // started, the cut in progress, the record's cuts so far.
  private readonly leanOtlp: boolean;
  private rule: CutRule | undefined;
  /** The rule's depth, or -1: the hot loop compares against it. */
  private watchDepth = -1;
  private strStart = 0;
  private cutFrom = -1;
  private cutLine = 0;
  private cuts: number[] = [];
  private readonly run: RecordRun | undefined;
  private readonly otlpBytes: boolean;

  // With `values`: the field being read (a string, scalar or container that is no record), and the
  // fields of a top-level object held until it shows what it is.
  private readonly onValue: ((value: EnvelopeValue) => void) | undefined;
  private fieldStart = -1;
  private fieldLine = 0;
  private fieldColumn = 0;
  private fieldKey: string | undefined;
  private held: EnvelopeValue[] = [];
  /** The byte after the last record handed on. */
  private wholeUntil = 0;

  constructor(
    private readonly onRecord: (record: FramedRecord) => void,
    options: FramerOptions = {},
  ) {
    this.leanOtlp = options.leanOtlp === true;
    this.otlpBytes = options.otlpBytes === true;
    this.onValue = options.values;
    this.run = options.runs === true ? new RecordRun(onRecord, options.runBytes === true) : undefined;
  }

  push(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    try {
      while (i < n) {
        if (this.inString) {
          i = this.scanString(buf, i);
        } else if (this.valueDepth > 0) {
          i = this.scanValue(buf, i);
        } else if (this.token !== '') {
          i = this.scanToken(buf, i);
        } else {
          i = this.envelopeByte(buf, i);
        }
      }
    } finally {
      // Records before an error come first (their own errors win); a run never outlives its chunk.
      this.run?.flush();
    }
    if (this.retainFrom >= 0) {
      this.retained.push(this.retainFrom > this.base ? buf.subarray(this.retainFrom - this.base) : buf);
    }
    this.base += n;
  }

  /**
   * Counts the next byte pushed as the one at `offset` (on line `line`, which starts at
   * `lineStart`): for a caller that skipped bytes before it (redact copies a BOM itself), so
   * positions in messages still count them.
   */
  resumeAt(offset: number, line: number, lineStart: number): void {
    this.base = offset;
    this.line = line;
    this.lineStart = lineStart;
  }

  /** Call at the end of the stream: throws when the document is incomplete. */
  end(): void {
    const cut = this.endAt(false);
    if (cut !== undefined) throw cut.error;
  }

  /**
   * Call at the end of the stream, for a reader that reads what is whole of a cut input (a file a
   * Collector is still writing ends mid-line): returns where the input was cut, or undefined when it
   * ends after a whole document. Only an input that ENDS inside a value is cut: the bytes of the
   * value in progress must be the start of valid JSON, else the malformed byte is thrown (FrameError
   * with its place), as it would be if more came after it. With `salvage`, an OTLP ResourceSpans
   * record in progress is handed on up to its last whole span, its open brackets closed
   * (salvage-record.ts): one ResourceSpans is often a whole dump's worth of spans.
   */
  endAt(salvage: boolean): InputCut | undefined {
    this.run?.flush();
    if (this.token !== '') {
      // A scalar at the top level ends with the input; one inside the envelope was cut.
      if (this.stack.length === 0) this.finishToken();
      else this.token = '';
    }
    if (!this.inString && this.valueDepth === 0 && this.stack.length === 0) return undefined;
    const error = this.error('unexpected end of input (the file looks truncated)', this.base);
    if (this.retainFrom >= 0) {
      // A record in progress (or a top-level object that may be one): retained from its start.
      const bytes = this.retained.length === 1 ? this.retained[0]! : Buffer.concat(this.retained);
      this.checkPrefix(bytes);
      if (salvage && this.valueDepth > 0 && this.valueIsRecord && this.valueHint === 'otlp-resource-spans') this.salvage(bytes);
    }
    return { at: this.base, wholeUntil: this.wholeUntil, error };
  }

  /** Throws FrameError at the first byte of `bytes` (a value from valueStart on) that no JSON text can have there. */
  private checkPrefix(bytes: Buffer): void {
    const bad = checkJsonPrefix(bytes);
    if (bad === undefined) return;
    let line = this.valueLine;
    let lineStart = -1;
    for (let nl = bytes.indexOf(NEWLINE); nl >= 0 && nl < bad.index; nl = bytes.indexOf(NEWLINE, nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    const column = lineStart < 0 ? this.valueColumn + bad.index : bad.index - lineStart + 1;
    throw new FrameError(bad.message, this.valueStart + bad.index, line, column);
  }

  /** Hands on the OTLP record in progress up to its last whole span, closed; nothing when it has none. */
  private salvage(bytes: Buffer): void {
    const point = salvagePoint(bytes, OTLP_SALVAGE);
    if (point === undefined) return;
    const end = this.valueStart + point.end;
    // Lean cuts after the last whole span belong to the part left out.
    const kept: number[] = [];
    for (let c = 0; c < this.cuts.length; c += 4) if (this.cuts[c]! + this.cuts[c + 1]! <= end) kept.push(...this.cuts.slice(c, c + 4));
    this.cuts = kept;
    this.cutFrom = -1;
    this.retained = [];
    this.retainFrom = -1;
    this.emitBytesOf(Buffer.concat([bytes.subarray(0, point.end), Buffer.from(point.closers)]), this.valueStart, this.valueHint);
    this.wholeUntil = end;
  }

  // ---- envelope ---------------------------------------------------------------------------

  private envelopeByte(buf: Buffer, i: number): number {
    const c = buf[i] as number;
    if (WHITESPACE[c] === 1) {
      if (c === NEWLINE) this.newline(this.base + i);
      return i + 1;
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.counts.documents++;
      this.startValue(buf, i, c, undefined);
      return i + 1;
    }
    switch (top.expect) {
      case EXPECT_KEY_OR_END:
      case EXPECT_KEY:
        if (c === QUOTE) {
          this.keyBytes = [];
          this.inString = true;
          top.expect = EXPECT_COLON;
          return i + 1;
        }
        if (c === 0x7d && top.expect === EXPECT_KEY_OR_END) return this.closeContainer(top, buf, i);
        throw this.unexpected(c, i, 'expected a property name');
      case EXPECT_COLON:
        if (c === 0x3a) {
          top.expect = EXPECT_VALUE;
          return i + 1;
        }
        throw this.unexpected(c, i, "expected ':'");
      case EXPECT_VALUE:
      case EXPECT_VALUE_OR_END:
        if (c === 0x5d && top.expect === EXPECT_VALUE_OR_END && !top.isObject) return this.closeContainer(top, buf, i);
        top.expect = EXPECT_COMMA_OR_END;
        this.startValue(buf, i, c, top);
        return i + 1;
      case EXPECT_COMMA_OR_END:
        if (c === 0x2c) {
          top.expect = top.isObject ? EXPECT_KEY : EXPECT_VALUE;
          return i + 1;
        }
        if ((c === 0x7d && top.isObject) || (c === 0x5d && !top.isObject)) return this.closeContainer(top, buf, i);
        throw this.unexpected(c, i, top.isObject ? "expected ',' or '}'" : "expected ',' or ']'");
      default:
        throw this.unexpected(c, i, 'unexpected state');
    }
  }

  /** A value starts at buf[i] = c, inside `parent` (undefined at top level): decide what it is. */
  private startValue(buf: Buffer, i: number, c: number, parent: Frame | undefined): void {
    const abs = this.base + i;
    if (c === QUOTE) {
      // A string where a record could be is not one; strings elsewhere in the envelope are skipped.
      if (parent === undefined || !parent.isObject) this.skippedScalar();
      this.keyBytes = undefined;
      this.inString = true;
      this.beginField(abs, parent);
      return;
    }
    if (c !== 0x7b && c !== 0x5b) {
      if (SCALAR_BYTE[c] !== 1) throw this.unexpected(c, i, 'expected a JSON value');
      if (parent === undefined || !parent.isObject) this.skippedScalar();
      this.token = String.fromCharCode(c);
      this.tokenOffset = abs;
      this.beginField(abs, parent);
      return;
    }
    const isObject = c === 0x7b;
    if (parent === undefined) {
      if (isObject) {
        this.pushFrame(true, ENVELOPE_OBJECT, 'document');
        const frame = this.stack[this.stack.length - 1] as Frame;
        frame.tentative = true;
        this.retainFrom = abs;
        this.valueStart = abs;
        this.valueLine = this.line;
        this.valueColumn = abs - this.lineStart + 1;
      } else {
        this.pushFrame(false, TOP_ARRAY, 'element');
      }
      return;
    }
    switch (parent.role) {
      case TOP_ARRAY:
        if (isObject) this.beginValue(abs, true, 'element');
        else this.pushFrame(false, INNER_ARRAY, 'element');
        return;
      case INNER_ARRAY:
        this.beginValue(abs, true, 'element');
        return;
      case RECORD_ARRAY:
        this.beginValue(abs, true, parent.hint);
        return;
      case ENVELOPE_OBJECT: {
        const key = parent.key;
        if (!isObject && OTLP_CONTAINERS.has(key)) {
          this.release();
          this.pushFrame(false, RECORD_ARRAY, 'otlp-resource-spans');
        } else if (!isObject && key === 'data') {
          this.release();
          this.pushFrame(false, RECORD_ARRAY, 'jaeger-trace');
        } else if (isObject && key === 'data') {
          this.pushFrame(true, DATA_OBJECT, 'jaeger-span');
        } else if (isObject && WRAPPERS.has(key)) {
          this.pushFrame(true, ENVELOPE_OBJECT, 'document');
        } else {
          if (NON_TRACE.has(key)) this.markNonTrace();
          this.beginValue(abs, false, 'document');
          this.beginField(abs, parent);
        }
        return;
      }
      case DATA_OBJECT:
        if (!isObject && parent.key === 'spans') {
          this.release();
          this.pushFrame(false, RECORD_ARRAY, 'jaeger-span');
        } else {
          this.beginValue(abs, false, 'document');
          this.beginField(abs, parent);
        }
        return;
      default:
        this.beginValue(abs, false, 'document');
        this.beginField(abs, parent);
    }
  }

  /** With `values`: a value that is no record starts at `abs`, in `parent`. */
  private beginField(abs: number, parent: Frame | undefined): void {
    if (this.onValue === undefined) return;
    this.fieldStart = abs;
    this.fieldLine = this.line;
    this.fieldColumn = abs - this.lineStart + 1;
    this.fieldKey = parent !== undefined && parent.isObject ? parent.key : undefined;
  }

  /** With `values`: the field ends before `end`; held while a top-level object may still be a record. */
  private endField(end: number): void {
    if (this.onValue === undefined || this.fieldStart < 0) return;
    const value: EnvelopeValue = {
      hint: 'field',
      ...(this.fieldKey !== undefined ? { key: this.fieldKey } : {}),
      start: this.fieldStart,
      end,
      line: this.fieldLine,
      column: this.fieldColumn,
    };
    this.fieldStart = -1;
    if (this.stack[0]?.tentative === true) this.held.push(value);
    else this.onValue(value);
  }

  /** A scalar where a record could be: counted, and it ends a run (it is no record of it). */
  private skippedScalar(): void {
    this.counts.scalarRecords++;
    this.run?.flush();
  }

  private pushFrame(isObject: boolean, role: number, hint: RecordHint): void {
    // A nested array is no record of the run around it.
    this.run?.flush();
    this.stack.push({
      isObject,
      role,
      hint,
      expect: isObject ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END,
      key: '',
      tentative: false,
      nonTrace: false,
    });
  }

  /** A record container was found: the tentative capture of the enclosing document is not needed. */
  private release(): void {
    for (const frame of this.stack) frame.tentative = false;
    this.retainFrom = -1;
    this.retained = [];
    if (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      for (const value of held) this.onValue!(value);
    }
  }

  private markNonTrace(): void {
    const root = this.stack[0];
    if (root === undefined || root.nonTrace) return;
    root.nonTrace = true;
    this.release();
  }

  private closeContainer(frame: Frame, buf: Buffer, i: number): number {
    this.stack.pop();
    if (frame.tentative) this.emitRange(buf, this.base + i + 1, 'document');
    if (frame.nonTrace) this.counts.nonTraceDocuments++;
    return i + 1;
  }

  // ---- values -----------------------------------------------------------------------------

  /** A nested value starts at `abs` (its opening bracket was just seen). */
  private beginValue(abs: number, isRecord: boolean, hint: RecordHint): void {
    this.valueDepth = 1;
    this.valueIsRecord = isRecord;
    this.valueHint = hint;
    this.cutFrom = -1;
    this.rule = isRecord && hint === 'otlp-resource-spans' && this.leanOtlp ? OTLP_CUT : undefined;
    this.watchDepth = this.rule?.depth ?? -1;
    if (isRecord) {
      this.valueStart = abs;
      this.valueLine = this.line;
      this.valueColumn = abs - this.lineStart + 1;
      if (this.retainFrom < 0) this.retainFrom = abs;
    }
  }

  /** Skips or captures a value's bytes up to its closing bracket. Hot loop: keep it tight. */
  private scanValue(buf: Buffer, i: number): number {
    const n = buf.length;
    let depth = this.valueDepth;
    while (i < n) {
      const c = buf[i] as number;
      if (VALUE_STOP[c] !== 1) {
        i++;
        continue;
      }
      if (c === QUOTE) {
        // Short strings (most of them: keys, ids, names) end within a few bytes: skip them here, in
        // a plain loop, rather than through scanString's native indexOf call; the lean cuts look at
        // them here too. A string with an escape, a long one or one that crosses the chunk goes the
        // general way.
        const limit = i + SHORT_STRING < n ? i + SHORT_STRING : n;
        let j = i + 1;
        while (j < limit) {
          const d = buf[j] as number;
          if (d === QUOTE || d === BACKSLASH) break;
          j++;
        }
        if (j < limit && buf[j] === QUOTE) {
          if (depth === this.watchDepth && this.cutFrom < 0) {
            const at = this.startCut(buf, i + 1, j);
            if (at >= 0) {
              i = at;
              continue;
            }
          }
          i = j + 1;
          continue;
        }
        this.valueDepth = depth;
        this.keyBytes = undefined;
        this.inString = true;
        this.strStart = this.base + i;
        return i + 1;
      }
      if (c === NEWLINE) {
        this.newline(this.base + i);
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (--depth === 0) {
        this.valueDepth = 0;
        if (this.valueIsRecord) this.emitValue(buf, this.base + i + 1);
        else this.endField(this.base + i + 1);
        return i + 1;
      } else if (depth === this.watchDepth && this.cutFrom >= 0) {
        this.endCut(this.base + i);
      }
      i++;
    }
    this.valueDepth = depth;
    return n;
  }

  /** Skips to the end of a string; collects an envelope key's bytes. */
  private scanString(buf: Buffer, i: number): number {
    const n = buf.length;
    for (;;) {
      if (this.escaped) {
        this.escaped = false;
        if (this.keyBytes !== undefined && this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(buf[i] as number);
        i++;
        if (i >= n) return n;
      }
      const q = buf.indexOf(QUOTE, i);
      const stop = q < 0 ? n : q;
      let k = stop - 1;
      while (k >= i && buf[k] === BACKSLASH) k--;
      const backslashes = stop - 1 - k;
      if (this.keyBytes !== undefined) {
        for (let j = i; j < stop && this.keyBytes.length < MAX_KEY_BYTES; j++) this.keyBytes.push(buf[j] as number);
      }
      if (q < 0) {
        this.escaped = backslashes % 2 === 1;
        return n;
      }
      if (backslashes % 2 === 1) {
        if (this.keyBytes !== undefined && this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(QUOTE);
        i = q + 1;
        if (i >= n) return n;
        continue;
      }
      this.inString = false;
      if (this.valueDepth === 0) this.endEnvelopeString(this.base + q + 1);
      else if (this.valueDepth === this.watchDepth && this.cutFrom < 0) {
        const at = this.strStart >= this.base ? this.startCut(buf, this.strStart + 1 - this.base, q) : -1;
        if (at >= 0) return at;
      }
      return q + 1;
    }
  }

  /**
   * A string buf[start..q) ended at the rule's depth: if it is one of the rule's keys followed by the
   * opening bracket the rule expects (all within this chunk; otherwise nothing is cut), the cut
   * starts after that bracket and the scan resumes at the bracket (returned); else -1.
   */
  private startCut(buf: Buffer, start: number, q: number): number {
    const keys = this.rule!.keys;
    let found = false;
    for (let k = 0; k < keys.length && !found; k++) found = keys[k]!.length === q - start && sameBytes(buf, start, keys[k]!);
    if (!found) return -1;
    let k = q + 1;
    const n = buf.length;
    while (k < n && WHITESPACE[buf[k] as number] === 1 && buf[k] !== NEWLINE) k++;
    if (k >= n || buf[k] !== 0x3a) return -1;
    k++;
    while (k < n && WHITESPACE[buf[k] as number] === 1 && buf[k] !== NEWLINE) k++;
    if (k >= n || buf[k] !== this.rule!.open) return -1;
    this.cutFrom = this.base + k + 1;
    this.cutLine = this.line;
    return k;
  }

  /** The value being cut closes at `abs`: note the cut. */
  private endCut(abs: number): void {
    if (abs > this.cutFrom) {
      // Position in the record's text is filled in when the text is built (see emitRange).
      this.cuts.push(this.cutFrom, abs - this.cutFrom, this.line - this.cutLine, abs - this.lineStart + 1);
    }
    this.cutFrom = -1;
  }

  /** An envelope string ended before `end`: a key, or a value (a field). */
  private endEnvelopeString(end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (this.keyBytes !== undefined && top !== undefined && top.expect === EXPECT_COLON) {
      top.key = decodeKey(this.keyBytes);
    } else {
      this.endField(end);
    }
    this.keyBytes = undefined;
  }

  private scanToken(buf: Buffer, i: number): number {
    const n = buf.length;
    const start = i;
    while (i < n && SCALAR_BYTE[buf[i] as number] === 1) i++;
    if (i > start) this.token += buf.toString('latin1', start, i);
    if (i < n) this.finishToken();
    return i;
  }

  private finishToken(): void {
    const token = this.token;
    this.token = '';
    if (!SCALAR_TOKEN.test(token)) {
      throw this.error(`invalid JSON value '${token.slice(0, 20)}'`, this.tokenOffset);
    }
    this.endField(this.tokenOffset + token.length);
  }

  // ---- output -----------------------------------------------------------------------------

  private emitValue(buf: Buffer, end: number): void {
    this.emitRange(buf, end, this.valueHint);
  }

  private emitRange(buf: Buffer, end: number, hint: RecordHint): void {
    const start = this.valueStart;
    if (this.onValue !== undefined) {
      // The caller reads the bytes; a top-level object that is one record replaces what it held.
      this.retained = [];
      this.retainFrom = -1;
      this.held = [];
      this.onValue({ hint, start, end, line: this.valueLine, column: this.valueColumn });
      return;
    }
    const container = this.stack[this.stack.length - 1];
    if (this.run !== undefined && this.cuts.length === 0 && (hint === 'element' || hint === 'jaeger-span') && start >= this.base && container !== undefined && !container.isObject) {
      this.retained = [];
      this.retainFrom = -1;
      this.wholeUntil = end;
      this.run.add(buf, start - this.base, end - this.base, start, hint, container, this.valueLine, this.valueColumn);
      return;
    }
    this.run?.flush();
    const bytes = start >= this.base ? buf.subarray(start - this.base, end - this.base) : Buffer.concat([...this.retained, buf.subarray(0, end - this.base)]);
    this.retained = [];
    this.retainFrom = -1;
    this.wholeUntil = end;
    this.emitBytesOf(bytes, start, hint);
  }

  /** Hands on the record `bytes` (its lean cuts, if any, still in it), which starts at `start`. */
  private emitBytesOf(bytes: Buffer, start: number, hint: RecordHint): void {
    const place = { hint, offset: start, line: this.valueLine, column: this.valueColumn };
    if (this.otlpBytes && hint === 'otlp-resource-spans') {
      this.emitBytes(bytes, start, place);
      return;
    }
    if (this.cuts.length === 0) {
      this.onRecord({ text: bytes.toString('utf8'), ...place });
      return;
    }
    // Text without the cut bytes; each cut's first number becomes its position in that text.
    const cuts = this.cuts;
    this.cuts = [];
    const parts: string[] = [];
    let from = 0;
    let length = 0;
    for (let c = 0; c < cuts.length; c += 4) {
      const at = cuts[c]! - start;
      const part = bytes.toString('utf8', from, at);
      parts.push(part);
      length += part.length;
      cuts[c] = length;
      from = at + cuts[c + 1]!;
    }
    parts.push(bytes.toString('utf8', from));
    this.onRecord({ text: parts.join(''), ...place, cuts });
  }

  /** The record's bytes less its cuts, in a buffer of its own with a 0 byte after them; cut positions in it. */
  private emitBytes(bytes: Buffer, start: number, place: Pick<FramedRecord, 'hint' | 'offset' | 'line' | 'column'>): void {
    const cuts = this.cuts;
    this.cuts = [];
    let removed = 0;
    for (let c = 0; c < cuts.length; c += 4) removed += cuts[c + 1]!;
    const out = new Uint8Array(bytes.length - removed + 1);
    let from = 0;
    let to = 0;
    for (let c = 0; c < cuts.length; c += 4) {
      const at = cuts[c]! - start;
      out.set(bytes.subarray(from, at), to);
      to += at - from;
      cuts[c] = to;
      from = at + cuts[c + 1]!;
    }
    out.set(bytes.subarray(from), to);
    this.onRecord({ text: '', bytes: out, ...place, ...(cuts.length > 0 ? { byteCuts: cuts } : {}) });
  }

  // ---- positions --------------------------------------------------------------------------

  private newline(abs: number): void {
    this.line++;
    this.lineStart = abs + 1;
  }

  private unexpected(c: number, i: number, what: string): FrameError {
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    return this.error(`unexpected ${shown}: ${what}`, this.base + i);
  }

  private error(message: string, abs: number): FrameError {
    return new FrameError(message, abs, this.line, Math.max(1, abs - this.lineStart + 1));
  }
}

/** Whether buf holds `key`'s bytes at `at`. A byte loop: most strings differ at the first byte, and Buffer#compare is a native call. */
function sameBytes(buf: Buffer, at: number, key: Buffer): boolean {
  for (let j = 0; j < key.length; j++) if (buf[at + j] !== key[j]) return false;
  return true;
}

/** An envelope key's text from its raw bytes (escapes resolved when present). */
function decodeKey(bytes: number[]): string {
  const raw = Buffer.from(bytes).toString('utf8');
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
