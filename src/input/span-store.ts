/**
 * Every span of a dump in compact form (compact-batch.ts: 60 bytes a span, in a few big typed
 * arrays), so that commands needing whole traces can wait for the last span of a trace scattered
 * across a gigabyte of input without holding a gigabyte of Span objects. At the end, each trace's
 * spans are rebuilt as Span objects one trace at a time, in the order traces were first seen, with
 * exact repeats (every compact field and the detail hash equal) dropped, as trace assembly does.
 */
import type { TraceWarning } from '../model/warnings.js';
import {
  STRIDE,
  W_FLAGS,
  W_HOST,
  W_MESSAGE,
  W_OPERATION,
  W_PARENT_HI,
  W_SERVICE,
  W_SPAN_HI,
  W_TRACE,
  W_SPAN_LO,
  W_PARENT_LO,
  W_DETAIL,
  FLAG_HOST,
  FLAG_MESSAGE,
  FLAG_PARENT_STRING,
  FLAG_SPAN_STRING,
  FLAG_BIG_START,
  FORMAT_SHIFT,
  spanFromWords,
  startOf,
  type SpanBatch,
} from './compact-batch.js';
import { sameAcrossFormats } from '../model/same-across-formats.js';
import type { Span } from '../model/span.js';

/** Maps each source's interned string ids to one shared table. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly remaps = new Map<number, number[]>();

  /** Adds a batch's new strings for `source`; returns the source's id → shared id table. */
  remap(batch: SpanBatch, source: number): number[] {
    let remap = this.remaps.get(source);
    if (remap === undefined) this.remaps.set(source, (remap = []));
    for (const s of batch.strings) {
      let id = this.ids.get(s);
      if (id === undefined) {
        id = this.strings.length;
        this.strings.push(s);
        this.ids.set(s, id);
      }
      remap.push(id);
    }
    return remap;
  }
}

/**
 * Rewrites a batch's interned ids to the shared table's and its local string indices to start at
 * `localBase` (in place). Trace indices are left to the caller.
 */
export function normalizeBatch(batch: SpanBatch, remap: readonly number[], localBase: number): void {
  const w = batch.words;
  for (let o = 0, i = 0; o < w.length; o += STRIDE, i++) {
    const flags = w[o + W_FLAGS]!;
    w[o + W_SERVICE] = remap[w[o + W_SERVICE]!]!;
    w[o + W_OPERATION] = remap[w[o + W_OPERATION]!]!;
    if ((flags & FLAG_HOST) !== 0) w[o + W_HOST] = remap[w[o + W_HOST]!]!;
    if (localBase !== 0) {
      if ((flags & FLAG_MESSAGE) !== 0) w[o + W_MESSAGE] = w[o + W_MESSAGE]! + localBase;
      if ((flags & FLAG_SPAN_STRING) !== 0) w[o + W_SPAN_HI] = w[o + W_SPAN_HI]! + localBase;
      if ((flags & FLAG_PARENT_STRING) !== 0) w[o + W_PARENT_HI] = w[o + W_PARENT_HI]! + localBase;
      if ((flags & FLAG_BIG_START) !== 0) batch.starts[i] = batch.starts[i]! + BigInt(localBase);
    }
  }
  const sampling = batch.sampling;
  if (sampling !== undefined) for (let i = 0; i < sampling.length; i++) if (sampling[i] !== 0) sampling[i] = remap[sampling[i]! - 1]! + 1;
}

export class SpanStore {
  private readonly table = new StringTable();
  private readonly local: string[] = [];
  private readonly traceIds: string[] = [];
  private readonly traceIndex = new Map<string, number>();
  private words = new Uint32Array(STRIDE * 4096);
  private starts = new BigInt64Array(4096);
  private durations = new Float64Array(4096);
  /** Sampling column (compact-batch.ts), created at the first sampled batch. */
  private sampling: Uint32Array | undefined;
  private count = 0;

  get spans(): number {
    return this.count;
  }

  get traces(): number {
    return this.traceIds.length;
  }

  /** Every trace id, in the order first seen. */
  get allTraceIds(): readonly string[] {
    return this.traceIds;
  }

  add(batch: SpanBatch, source: number): void {
    const remap = this.table.remap(batch, source);
    normalizeBatch(batch, remap, this.local.length);
    for (const s of batch.local) this.local.push(s);
    const globalTrace = batch.traceIds.map((id) => {
      let index = this.traceIndex.get(id);
      if (index === undefined) {
        index = this.traceIds.length;
        this.traceIds.push(id);
        this.traceIndex.set(id, index);
      }
      return index;
    });
    const w = batch.words;
    for (let o = 0; o < w.length; o += STRIDE) w[o + W_TRACE] = globalTrace[w[o + W_TRACE]!]!;
    this.reserve(this.count + batch.count);
    this.words.set(w, this.count * STRIDE);
    this.starts.set(batch.starts, this.count);
    this.durations.set(batch.durations, this.count);
    if (batch.sampling !== undefined) {
      this.sampling ??= new Uint32Array(this.starts.length);
      this.sampling.set(batch.sampling, this.count);
    }
    this.count += batch.count;
  }

  /**
   * Each trace's spans (rebuilt, in read order), traces in the order first seen. With `duplicates`,
   * exact repeats are dropped and reported there.
   */
  *byTrace(duplicates?: TraceWarning[]): Generator<[string, Span[]]> {
    const traces = this.traceIds.length;
    const n = this.count;
    const w = this.words;
    // Counting sort of span indices by trace.
    const offsets = new Uint32Array(traces + 1);
    for (let i = 0; i < n; i++) offsets[w[i * STRIDE + W_TRACE]! + 1]!++;
    for (let t = 0; t < traces; t++) offsets[t + 1]! += offsets[t]!;
    const order = new Uint32Array(n);
    const fill = offsets.slice(0, traces);
    for (let i = 0; i < n; i++) order[fill[w[i * STRIDE + W_TRACE]!]!++] = i;
    const strings = this.table.strings;
    for (let t = 0; t < traces; t++) {
      const traceId = this.traceIds[t]!;
      const spans: Span[] = [];
      // Spans seen, by a key of their id: its low word (a number key hashes faster than the hex
      // string), or the id itself when it is no 64-bit hex. sameSpan compares the whole id.
      const first = new Map<number | string, number | number[]>();
      for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
        const i = order[k]!;
        const o = i * STRIDE;
        const span = spanFromWords(traceId, w, o, this.starts[i]!, this.durations[i]!, strings, this.local, this.sampling?.[i] ?? 0);
        if (duplicates !== undefined) {
          const key = (w[o + W_FLAGS]! & FLAG_SPAN_STRING) !== 0 ? this.local[w[o + W_SPAN_HI]!]! : w[o + W_SPAN_LO]!;
          const seen = first.get(key);
          const same = typeof seen === 'number' ? [seen] : seen;
          if (same === undefined) first.set(key, i);
          else if (same.some((j) => this.sameSpan(i, j))) {
            duplicates.push({
              code: 'duplicate-span',
              message: `span ${span.spanId} was read more than once; the copy was dropped`,
              traceId,
              spanId: span.spanId,
            });
            continue;
          } else {
            const twin = this.crossFormatTwin(traceId, i, span, same);
            if (twin !== undefined) {
              duplicates.push({
                code: 'merged-duplicate',
                message: `span ${span.spanId} was read from an OTLP and a Zipkin export; the OTLP copy was kept`,
                traceId,
                spanId: span.spanId,
              });
              if (span.format === 'zipkin') continue;
              // The Zipkin copy came first: the OTLP one takes its place.
              const at = spans.findIndex((s) => s.spanId === span.spanId && s.format === 'zipkin' && sameAcrossFormats(s, span));
              if (at >= 0) spans[at] = span;
              same[same.indexOf(twin)] = i;
              first.set(key, same);
              continue;
            }
            same.push(i);
            first.set(key, same);
          }
        }
        spans.push(span);
      }
      yield [traceId, spans];
    }
  }

  /** The earlier span among `same` that is `span` read from the other of an OTLP and a Zipkin export (same-across-formats.ts). */
  private crossFormatTwin(traceId: string, i: number, span: Span, same: readonly number[]): number | undefined {
    if (span.format !== 'otlp' && span.format !== 'zipkin') return undefined;
    const format = (this.words[i * STRIDE + W_FLAGS]! >>> FORMAT_SHIFT) & 3;
    for (const j of same) {
      // Spans of one format (a Zipkin client/server pair) are never twins: not rebuilt to be compared.
      if (((this.words[j * STRIDE + W_FLAGS]! >>> FORMAT_SHIFT) & 3) === format) continue;
      const other = spanFromWords(traceId, this.words, j * STRIDE, this.starts[j]!, this.durations[j]!, this.table.strings, this.local, this.sampling?.[j] ?? 0);
      if (sameAcrossFormats(other, span)) return j;
    }
    return undefined;
  }

  /** Whether spans i and j (of one trace, same id) are the same in every kept field. */
  private sameSpan(i: number, j: number): boolean {
    const w = this.words;
    const a = i * STRIDE;
    const b = j * STRIDE;
    const flags = w[a + W_FLAGS]!;
    if (flags !== w[b + W_FLAGS] || this.durations[i] !== this.durations[j]) return false;
    if (startOf(flags, this.starts[i]!, this.local) !== startOf(flags, this.starts[j]!, this.local)) return false;
    for (const k of [W_SERVICE, W_OPERATION, W_HOST, W_DETAIL, W_SPAN_LO, W_PARENT_LO]) if (w[a + k] !== w[b + k]) return false;
    if (this.sampling !== undefined && this.sampling[i] !== this.sampling[j]) return false;
    const local = this.local;
    const str = (word: number, bit: number): boolean =>
      (flags & bit) !== 0 ? local[w[a + word]!] === local[w[b + word]!] : w[a + word] === w[b + word];
    return str(W_SPAN_HI, FLAG_SPAN_STRING) && str(W_PARENT_HI, FLAG_PARENT_STRING) && ((flags & FLAG_MESSAGE) === 0 || local[w[a + W_MESSAGE]!] === local[w[b + W_MESSAGE]!]);
  }

  private reserve(needed: number): void {
    if (needed <= this.starts.length) return;
    let cap = this.starts.length;
    while (cap < needed) cap = cap < 1 << 20 ? cap * 2 : Math.ceil(cap * 1.5);
    const words = new Uint32Array(cap * STRIDE);
    words.set(this.words.subarray(0, this.count * STRIDE));
    this.words = words;
    const starts = new BigInt64Array(cap);
    starts.set(this.starts.subarray(0, this.count));
    this.starts = starts;
    const durations = new Float64Array(cap);
    durations.set(this.durations.subarray(0, this.count));
    this.durations = durations;
    if (this.sampling !== undefined) {
      const sampling = new Uint32Array(cap);
      sampling.set(this.sampling.subarray(0, this.count));
      this.sampling = sampling;
    }
  }
}
