/**
 * A compact, columnar form of decoded spans: what a parse worker sends back to the main thread, and
 * what the span store keeps for commands that need whole traces. A Span object with its strings,
 * bigint and attribute maps costs hundreds of bytes and a structured clone to cross threads; here a
 * span is eleven 32-bit words, a bigint64 start and a float64 duration (60 bytes), in typed arrays
 * that are transferred, not copied.
 *
 * What it keeps is what trace assembly, the tree builder and the trace-level analyses read: ids,
 * parent and how it hangs off it, service, operation, kind, times, timing, status and its message,
 * host, the Zipkin shared flag, the reader's flags, the format. Attributes, resource attributes,
 * events, links and the producer's warnings are left out (commands that show them read full spans); a 32-bit hash of their
 * shape (how many attributes, which events when) stays, so that two reads of one span still tell
 * apart from two different spans sharing an id and timing.
 *
 * Ids in canonical lower-case hex (16 chars for span ids) are stored as two words; anything else
 * (ids kept "as written" after a warning) goes to the batch's local strings. Service, operation and
 * host repeat endlessly and are interned per source (a worker): a batch carries only the strings its
 * source had not sent before. Status messages and odd ids are batch-local strings.
 *
 * A span's sampling (model/span-sampling.ts) travels as an interned string in an optional column,
 * `sampling`, which a batch carries only when one of its spans was sampled: unsampled dumps pay
 * nothing for it.
 */
import { detailEvent, detailStart, FORMATS, KINDS, type LeanSpan, STATUSES, TIMINGS } from '../model/lean-span.js';
import type { ReadFlag, RefType, Span } from '../model/span.js';
import { samplingKey, samplingOfKey } from '../model/span-sampling.js';

/** 32-bit words per span. */
export const STRIDE = 11;
/** Word offsets within a span's words. */
export const W_TRACE = 0; // batch-local trace index (after normalizing: the store's trace index)
export const W_SPAN_HI = 1; // span id high 32 bits, or a local string index (FLAG_SPAN_STRING)
export const W_SPAN_LO = 2;
export const W_PARENT_HI = 3; // parent id high 32 bits, or a local string index (FLAG_PARENT_STRING)
export const W_PARENT_LO = 4;
export const W_FLAGS = 5;
export const W_SERVICE = 6; // interned string index
export const W_OPERATION = 7; // interned string index
export const W_HOST = 8; // interned string index (FLAG_HOST)
export const W_MESSAGE = 9; // local string index (FLAG_MESSAGE)
export const W_DETAIL = 10; // hash of what is left out: attribute count, event names and times, link count

const PARENT_TYPES: readonly (Exclude<RefType, 'link'> | undefined)[] = [undefined, 'child_of', 'follows_from'];

// Flag bits.
export const KIND_MASK = 0x7; // bits 0-2
export const STATUS_SHIFT = 3; // bits 3-4
export const TIMING_SHIFT = 5; // bits 5-6
const PARENT_TYPE_SHIFT = 7; // bits 7-8
export const FLAG_SHARED = 1 << 9;
export const FORMAT_SHIFT = 10; // bits 10-11
export const FLAG_HOST = 1 << 12;
export const FLAG_MESSAGE = 1 << 13;
export const FLAG_SPAN_STRING = 1 << 14;
export const FLAG_PARENT = 1 << 15;
export const FLAG_PARENT_STRING = 1 << 16;
/** The start does not fit in 64 bits (a timestamp in the wrong unit): `starts` holds a local string index. */
export const FLAG_BIG_START = 1 << 17;
/** Span.flags: `suspect-timestamp` and `invalid-id`. */
const FLAG_ODD_TIME = 1 << 18;
const FLAG_BAD_ID = 1 << 19;

const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

const KIND_INDEX = new Map(KINDS.map((k, i) => [k, i]));
const STATUS_INDEX = new Map(STATUSES.map((k, i) => [k, i]));
const TIMING_INDEX = new Map(TIMINGS.map((k, i) => [k, i]));
const FORMAT_INDEX = new Map(FORMATS.map((k, i) => [k, i]));

/** What crosses from a worker: spans of one batch of records, in read order. */
export interface SpanBatch {
  readonly count: number;
  readonly words: Uint32Array;
  readonly starts: BigInt64Array;
  readonly durations: Float64Array;
  /** Batch-local trace index → trace id. */
  readonly traceIds: string[];
  /** Strings the source interned for the first time in this batch, in id order. */
  readonly strings: string[];
  /** Batch-local strings: status messages, ids not in canonical hex. */
  readonly local: string[];
  /**
   * Per span: 1 + the interned id of its sampling key, 0 when it carries none. Absent when no span of
   * the batch carries one.
   */
  readonly sampling?: Uint32Array;
}

/** Value of each lower-case hex digit's char code; -1 for anything else. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

/** Writes a canonical 16-digit lower-case hex id as two words at w[at], w[at+1]; false if it is not one. */
function hexWords(id: string, w: Uint32Array, at: number): boolean {
  if (id.length !== 16) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 16; i++) {
    const c = id.charCodeAt(i);
    const v = c < 128 ? HEX_VALUE[c]! : -1;
    if (v < 0) return false;
    if (i < 8) hi = hi * 16 + v;
    else lo = lo * 16 + v;
  }
  w[at] = hi;
  w[at + 1] = lo;
  return true;
}

/** Worker side: collects spans into a batch. Interned strings live as long as the encoder. */
export class BatchEncoder {
  private readonly interned = new Map<string, number>();
  private newStrings: string[] = [];
  private words = new Uint32Array(STRIDE * 1024);
  private starts = new BigInt64Array(1024);
  private durations = new Float64Array(1024);
  private count = 0;
  private traceIndex = new Map<string, number>();
  private traceIds: string[] = [];
  private local: string[] = [];
  /** Created at the first sampled span; from then on every slot is written. */
  private sampling: Uint32Array | undefined;
  private samplingUsed = false;

  add(span: Span): void {
    const i = this.next(span.traceId);
    if (span.sampling !== undefined) {
      this.sampling ??= new Uint32Array(this.starts.length);
      this.sampling[i] = this.intern(samplingKey(span.sampling)) + 1;
      this.samplingUsed = true;
    } else if (this.sampling !== undefined) {
      this.sampling[i] = 0;
    }
    const w = this.words;
    const o = i * STRIDE;
    let flags = (KIND_INDEX.get(span.kind) ?? 0) | ((STATUS_INDEX.get(span.status) ?? 0) << STATUS_SHIFT);
    flags |= (TIMING_INDEX.get(span.timing) ?? 0) << TIMING_SHIFT;
    flags |= (FORMAT_INDEX.get(span.format) ?? 0) << FORMAT_SHIFT;
    if (!hexWords(span.spanId, w, o + W_SPAN_HI)) {
      flags |= FLAG_SPAN_STRING;
      w[o + W_SPAN_HI] = this.addLocal(span.spanId);
      w[o + W_SPAN_LO] = 0;
    }
    const parentId = span.parentId;
    if (parentId !== undefined) {
      flags |= FLAG_PARENT;
      if (!hexWords(parentId, w, o + W_PARENT_HI)) {
        flags |= FLAG_PARENT_STRING;
        w[o + W_PARENT_HI] = this.addLocal(parentId);
        w[o + W_PARENT_LO] = 0;
      }
    } else {
      w[o + W_PARENT_HI] = 0;
      w[o + W_PARENT_LO] = 0;
    }
    if (span.parentType !== undefined) flags |= (span.parentType === 'follows_from' ? 2 : 1) << PARENT_TYPE_SHIFT;
    if (span.shared === true) flags |= FLAG_SHARED;
    if (span.flags !== undefined) {
      if (span.flags.includes('suspect-timestamp')) flags |= FLAG_ODD_TIME;
      if (span.flags.includes('invalid-id')) flags |= FLAG_BAD_ID;
    }
    flags = this.names(o, flags, span.service, span.operation, span.host, span.statusMessage);
    if (span.startNs > MAX_I64 || span.startNs < MIN_I64) {
      flags |= FLAG_BIG_START;
      this.starts[i] = BigInt(this.addLocal(span.startNs.toString()));
    } else {
      this.starts[i] = span.startNs;
    }
    w[o + W_FLAGS] = flags;
    w[o + W_DETAIL] = detailHash(span);
    this.durations[i] = span.durationNs;
  }

  /** Adds a span a fast decoder read (same words as `add` of the Span the ordinary decoder builds). */
  addLean(s: LeanSpan): void {
    const i = this.next(s.traceId);
    if (this.sampling !== undefined) this.sampling[i] = 0;
    const w = this.words;
    const o = i * STRIDE;
    let flags = s.kind | (s.status << STATUS_SHIFT) | (s.timing << TIMING_SHIFT) | (s.format << FORMAT_SHIFT);
    w[o + W_SPAN_HI] = s.spanHi;
    w[o + W_SPAN_LO] = s.spanLo;
    if (s.hasParent) {
      flags |= FLAG_PARENT;
      w[o + W_PARENT_HI] = s.parentHi;
      w[o + W_PARENT_LO] = s.parentLo;
    } else {
      w[o + W_PARENT_HI] = 0;
      w[o + W_PARENT_LO] = 0;
    }
    flags |= s.parentType << PARENT_TYPE_SHIFT;
    if (s.shared) flags |= FLAG_SHARED;
    flags = this.names(o, flags, s.service, s.operation, s.host, s.message);
    this.starts[i] = s.startNs; // fast decoders leave starts beyond 64 bits to the ordinary path
    w[o + W_FLAGS] = flags;
    w[o + W_DETAIL] = s.detail >>> 0;
    this.durations[i] = s.durationNs;
  }

  get size(): number {
    return this.count;
  }

  /** The batch so far; the encoder starts a new one. The arrays are exactly sized (transferable). */
  take(): SpanBatch {
    const n = this.count;
    const batch: SpanBatch = {
      count: n,
      words: this.words.slice(0, n * STRIDE),
      starts: this.starts.slice(0, n),
      durations: this.durations.slice(0, n),
      traceIds: this.traceIds,
      strings: this.newStrings,
      local: this.local,
      ...(this.samplingUsed ? { sampling: this.sampling!.slice(0, n) } : {}),
    };
    this.samplingUsed = false;
    this.count = 0;
    this.traceIndex = new Map();
    this.traceIds = [];
    this.local = [];
    this.newStrings = [];
    return batch;
  }

  /** Takes the next span's slot (growing the arrays), its trace's batch-local index written; returns it. */
  private next(traceId: string): number {
    if (this.count === this.starts.length) this.grow();
    const i = this.count++;
    let trace = this.traceIndex.get(traceId);
    if (trace === undefined) {
      trace = this.traceIds.length;
      this.traceIds.push(traceId);
      this.traceIndex.set(traceId, trace);
    }
    this.words[i * STRIDE + W_TRACE] = trace;
    return i;
  }

  /** Writes the service, operation, host and status message words of the span at `o`; returns `flags` with their bits. */
  private names(o: number, flags: number, service: string, operation: string, host: string | undefined, message: string | undefined): number {
    const w = this.words;
    w[o + W_SERVICE] = this.intern(service);
    w[o + W_OPERATION] = this.intern(operation);
    if (host !== undefined) {
      flags |= FLAG_HOST;
      w[o + W_HOST] = this.intern(host);
    } else {
      w[o + W_HOST] = 0;
    }
    if (message !== undefined) {
      flags |= FLAG_MESSAGE;
      w[o + W_MESSAGE] = this.addLocal(message);
    } else {
      w[o + W_MESSAGE] = 0;
    }
    return flags;
  }

  private intern(s: string): number {
    let id = this.interned.get(s);
    if (id === undefined) {
      id = this.interned.size;
      this.interned.set(s, id);
      this.newStrings.push(s);
    }
    return id;
  }

  private addLocal(s: string): number {
    this.local.push(s);
    return this.local.length - 1;
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const words = new Uint32Array(cap * STRIDE);
    words.set(this.words);
    this.words = words;
    const starts = new BigInt64Array(cap);
    starts.set(this.starts);
    this.starts = starts;
    const durations = new Float64Array(cap);
    durations.set(this.durations);
    this.durations = durations;
    if (this.sampling !== undefined) {
      const sampling = new Uint32Array(cap);
      sampling.set(this.sampling);
      this.sampling = sampling;
    }
  }
}

/** A span's start (epoch ns) from its `starts` entry. */
export function startOf(flags: number, start: bigint, local: readonly string[]): bigint {
  return (flags & FLAG_BIG_START) === 0 ? start : BigInt(local[Number(start)]!);
}

/** A cheap hash of a span's attributes (their count), events (names, times) and links (their count). */
function detailHash(span: Span): number {
  let n = 0;
  for (const _ in span.attributes) n++;
  let h = detailStart(n, span.refs.length);
  for (const event of span.events) h = detailEvent(h, Number(BigInt.asUintN(32, event.timeNs)), event.name);
  return h >>> 0;
}

/** A copy whose arrays can be rewritten without touching the original's. */
export function cloneBatch(batch: SpanBatch): SpanBatch {
  return {
    ...batch,
    words: batch.words.slice(),
    starts: batch.starts.slice(),
    durations: batch.durations.slice(),
    ...(batch.sampling !== undefined ? { sampling: batch.sampling.slice() } : {}),
  };
}

/** The buffers of a batch, to transfer rather than copy. */
export function batchTransferList(batch: SpanBatch): ArrayBuffer[] {
  const buffers = [batch.words.buffer as ArrayBuffer, batch.starts.buffer as ArrayBuffer, batch.durations.buffer as ArrayBuffer];
  if (batch.sampling !== undefined) buffers.push(batch.sampling.buffer as ArrayBuffer);
  return buffers;
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/** Hex of a 64-bit id held as two words (one flat string: it becomes a Map key in the tree builder). */
export function hexId(hi: number, lo: number): string {
  const h = HEX_CODES;
  return String.fromCharCode(
    h[hi >>> 28]!, h[(hi >>> 24) & 15]!, h[(hi >>> 20) & 15]!, h[(hi >>> 16) & 15]!,
    h[(hi >>> 12) & 15]!, h[(hi >>> 8) & 15]!, h[(hi >>> 4) & 15]!, h[hi & 15]!,
    h[lo >>> 28]!, h[(lo >>> 24) & 15]!, h[(lo >>> 20) & 15]!, h[(lo >>> 16) & 15]!,
    h[(lo >>> 12) & 15]!, h[(lo >>> 8) & 15]!, h[(lo >>> 4) & 15]!, h[lo & 15]!,
  );
}

const EMPTY_ATTRS: Span['attributes'] = Object.freeze({});

function readFlags(flags: number): ReadFlag[] {
  const out: ReadFlag[] = [];
  if ((flags & FLAG_ODD_TIME) !== 0) out.push('suspect-timestamp');
  if ((flags & FLAG_BAD_ID) !== 0) out.push('invalid-id');
  return out;
}
const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * A Span rebuilt from compact words (attributes, resource, events and links empty). Optional fields
 * are present exactly when the decoder had set them, so rebuilt spans compare like decoded ones.
 */
export function spanFromWords(
  traceId: string,
  words: Uint32Array,
  o: number,
  startNs: bigint,
  durationNs: number,
  strings: readonly string[],
  local: readonly string[],
  /** The span's `sampling` column entry (0: none). */
  samplingId = 0,
): Span {
  const flags = words[o + W_FLAGS]!;
  const spanId = (flags & FLAG_SPAN_STRING) !== 0 ? local[words[o + W_SPAN_HI]!]! : hexId(words[o + W_SPAN_HI]!, words[o + W_SPAN_LO]!);
  const span: { -readonly [K in keyof Span]: Span[K] } = { traceId, spanId } as Span;
  if ((flags & FLAG_PARENT) !== 0) {
    span.parentId = (flags & FLAG_PARENT_STRING) !== 0 ? local[words[o + W_PARENT_HI]!]! : hexId(words[o + W_PARENT_HI]!, words[o + W_PARENT_LO]!);
  }
  const parentType = PARENT_TYPES[(flags >>> PARENT_TYPE_SHIFT) & 3];
  if (parentType !== undefined) span.parentType = parentType;
  span.refs = EMPTY_LIST;
  span.service = strings[words[o + W_SERVICE]!]!;
  span.operation = strings[words[o + W_OPERATION]!]!;
  span.kind = KINDS[flags & KIND_MASK]!;
  span.startNs = startOf(flags, startNs, local);
  span.durationNs = durationNs;
  span.timing = TIMINGS[(flags >>> TIMING_SHIFT) & 3]!;
  span.status = STATUSES[(flags >>> STATUS_SHIFT) & 3]!;
  if ((flags & FLAG_MESSAGE) !== 0) span.statusMessage = local[words[o + W_MESSAGE]!]!;
  span.attributes = EMPTY_ATTRS;
  span.resource = EMPTY_ATTRS;
  span.events = EMPTY_LIST;
  if ((flags & FLAG_HOST) !== 0) span.host = strings[words[o + W_HOST]!]!;
  if ((flags & FLAG_SHARED) !== 0) span.shared = true;
  if ((flags & (FLAG_ODD_TIME | FLAG_BAD_ID)) !== 0) span.flags = readFlags(flags);
  if (samplingId !== 0) span.sampling = samplingOfKey(strings[samplingId - 1]!);
  span.format = FORMATS[(flags >>> FORMAT_SHIFT) & 3]!;
  return span;
}
