/**
 * Every span of a dump in compact form (compact-batch.ts: 56 bytes a span, in a few big typed
 * arrays), so that commands needing whole traces can wait for the last span of a trace scattered
 * across a gigabyte of input without holding a gigabyte of Span objects. At the end, each trace's
 * spans are rebuilt as Span objects one trace at a time, in the order traces were first seen.
 */
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
  FLAG_HOST,
  FLAG_MESSAGE,
  FLAG_PARENT_STRING,
  FLAG_SPAN_STRING,
  spanFromWords,
  type SpanBatch,
} from './compact-batch.js';
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
  for (let o = 0; o < w.length; o += STRIDE) {
    const flags = w[o + W_FLAGS]!;
    w[o + W_SERVICE] = remap[w[o + W_SERVICE]!]!;
    w[o + W_OPERATION] = remap[w[o + W_OPERATION]!]!;
    if ((flags & FLAG_HOST) !== 0) w[o + W_HOST] = remap[w[o + W_HOST]!]!;
    if (localBase !== 0) {
      if ((flags & FLAG_MESSAGE) !== 0) w[o + W_MESSAGE] = w[o + W_MESSAGE]! + localBase;
      if ((flags & FLAG_SPAN_STRING) !== 0) w[o + W_SPAN_HI] = w[o + W_SPAN_HI]! + localBase;
      if ((flags & FLAG_PARENT_STRING) !== 0) w[o + W_PARENT_HI] = w[o + W_PARENT_HI]! + localBase;
    }
  }
}

export class SpanStore {
  private readonly table = new StringTable();
  private readonly local: string[] = [];
  private readonly traceIds: string[] = [];
  private readonly traceIndex = new Map<string, number>();
  private words = new Uint32Array(STRIDE * 4096);
  private starts = new BigInt64Array(4096);
  private durations = new Float64Array(4096);
  private count = 0;

  get spans(): number {
    return this.count;
  }

  get traces(): number {
    return this.traceIds.length;
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
    this.count += batch.count;
  }

  /** Each trace's spans (rebuilt, in read order), traces in the order first seen. */
  *byTrace(): Generator<[string, Span[]]> {
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
      for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
        const i = order[k]!;
        spans.push(spanFromWords(traceId, w, i * STRIDE, this.starts[i]!, this.durations[i]!, strings, this.local));
      }
      yield [traceId, spans];
    }
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
  }
}
