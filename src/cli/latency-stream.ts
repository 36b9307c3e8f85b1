/**
 * Feeds `latency`'s aggregator span by span straight from the compact batches the input layer
 * reads, instead of building every trace: the entry-span rule is decided by EntrySpanStream (a few
 * bytes a span), so memory stays far below the dump's size and no time goes into trees.
 *
 * Up to EXACT_SPANS spans the compact spans are also kept and the stream's counts held back; if the
 * input ends there, the traces are built as every other command builds them and fed to the
 * aggregator whole: small dumps get exactly the trace-building path's result and warnings. Beyond
 * that, the stream stands alone, and results equal the trace-building path's except where a trace's
 * own structure would change them.
 * The rate's time window runs from the earliest start to the latest end of the spans as read, where
 * the tree path first shifts clock-skewed children into their parents: a dump whose extreme span is
 * skewed (or has a timestamp off by years) gets a wider window and a lower rate. Percentiles,
 * counts and errors are the same. Parent cycles are not cut (a cycle's spans are not entry spans),
 * an untimed Zipkin piece read before its timed span counts as untimed, and tree warnings are not
 * reported.
 */
import type { LatencyAggregator } from '../analyses/latency.js';
import { DEFERRED, DUPLICATE, ENTRY, EntrySpanStream, hashString, type StreamSpanRole } from '../analyses/entry-span-stream.js';
import {
  FLAG_PARENT,
  FLAG_PARENT_STRING,
  FLAG_SHARED,
  FORMAT_SHIFT,
  FLAG_SPAN_STRING,
  KIND_MASK,
  STATUS_SHIFT,
  STRIDE,
  TIMING_SHIFT,
  W_FLAGS,
  W_OPERATION,
  W_PARENT_HI,
  W_PARENT_LO,
  W_SERVICE,
  W_SPAN_HI,
  W_SPAN_LO,
  W_TRACE,
  W_DETAIL,
  cloneBatch,
  startOf,
  type SpanBatch,
} from '../input/compact-batch.js';
import { FORMATS, KINDS } from '../model/lean-span.js';
import type { InputSummary } from '../input/read-spans.js';
import type { SamplingTally } from '../analyses/sampling-tally.js';
import type { SpanSampling } from '../model/span.js';
import { adjustedCount, samplingOfKey } from '../model/span-sampling.js';
import { SpanStore } from '../input/span-store.js';
import type { TraceWarning } from '../model/warnings.js';
import { buildTrace } from '../model/tree.js';
import { merged, streamDump } from './load.js';
import type { RunContext } from './run-context.js';

/** Dumps up to this many spans are aggregated from built traces (exact window, cycles, warnings). */
const EXACT_SPANS = 100_000;

/** EXACT_SPANS, or TRACECTL_EXACT_SPANS (tests set 0 to exercise the stream on small fixtures). */
function exactSpans(ctx: RunContext): number {
  const raw = ctx.io.env.TRACECTL_EXACT_SPANS;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : EXACT_SPANS;
}

const SERVER = KINDS.indexOf('server');
const CONSUMER = KINDS.indexOf('consumer');
const CLIENT = KINDS.indexOf('client');
const ERROR = 2; // STATUSES.indexOf('error')
const NO_DURATION = 2; // TIMINGS: exact, derived, no-duration, missing
const MISSING = 3;
const ZIPKIN = FORMATS.indexOf('zipkin');
/** Roles by kind * 2 + shared; with `allSpans` every span counts as if it were an entry span. */
function roles(allSpans: boolean): StreamSpanRole[] {
  const out: StreamSpanRole[] = [];
  for (let kind = 0; kind <= KIND_MASK; kind++) {
    for (const shared of [false, true]) {
      out[kind * 2 + (shared ? 1 : 0)] = {
        entryKind: allSpans || kind === SERVER || kind === CONSUMER,
        serverHalf: kind === SERVER || (shared && kind !== CLIENT),
        client: kind === CLIENT,
      };
    }
  }
  return out;
}

/** Deferred spans' data, in deferral order: operation id, duration, flags, sampling (17 bytes each). */
class Waiting {
  ids = new Uint32Array(4096);
  durations = new Float64Array(4096);
  flags = new Uint8Array(4096);
  sampling = new Uint32Array(4096);
  count = 0;

  push(operation: number, durationNs: number, flags: number, sampling: number): number {
    if (this.count === this.durations.length) {
      const n = Math.ceil(this.count * 1.5);
      const ids = new Uint32Array(n);
      ids.set(this.ids);
      this.ids = ids;
      const durations = new Float64Array(n);
      durations.set(this.durations);
      this.durations = durations;
      const f = new Uint8Array(n);
      f.set(this.flags);
      this.flags = f;
      const sm = new Uint32Array(n);
      sm.set(this.sampling);
      this.sampling = sm;
    }
    const i = this.count++;
    this.ids[i] = operation;
    this.durations[i] = durationNs;
    this.flags[i] = flags;
    this.sampling[i] = sampling;
    return i;
  }
}

/** Adjusted counts by sampling id (compact-batch.ts `sampling` column), worked out once per distinct sampling. */
class Weights {
  private readonly byId = new Map<number, { sampling: SpanSampling; weight: number }>();

  constructor(private readonly weighted: boolean) {}

  /** Counts the span in the tally and returns its weight (1 unless weighted and sampled with a probability). */
  take(id: number, strings: readonly string[], tally: SamplingTally): number {
    if (id === 0) {
      tally.add(undefined);
      return 1;
    }
    let known = this.byId.get(id);
    if (known === undefined) {
      const sampling = samplingOfKey(strings[id - 1]!);
      known = { sampling, weight: this.weighted ? adjustedCount(sampling) : 1 };
      this.byId.set(id, known);
    }
    tally.add(known.sampling);
    return known.weight;
  }
}

export async function streamLatency(paths: readonly string[], ctx: RunContext, aggregator: LatencyAggregator): Promise<InputSummary[]> {
  const stream = new EntrySpanStream();
  const waiting = new Waiting();
  const ROLES = roles(!aggregator.entrySpansOnly);
  let strings: readonly string[] = [];
  let roots = 0;
  let minStart: bigint | undefined;
  let maxEnd: bigint | undefined;
  const widen = (start: bigint, durationNs: number): void => {
    const end = start + BigInt(durationNs);
    if (minStart === undefined || start < minStart) minStart = start;
    if (maxEnd === undefined || end > maxEnd) maxEnd = end;
  };

  // Counts held back while the dump may still turn out small: service, operation, flags, sampling; durations.
  let heldIds: number[] | undefined = [];
  let heldDurations: number[] = [];
  const weights = new Weights(aggregator.weightsSpans);
  const count = (service: number, operation: number, durationNs: number, flags: number, sampling: number): void => {
    if (heldIds !== undefined) {
      heldIds.push(service, operation, flags, sampling);
      heldDurations.push(durationNs);
      return;
    }
    const weight = weights.take(sampling, strings, aggregator.tally);
    const timing = (flags >>> TIMING_SHIFT) & 3;
    if (timing === MISSING || timing === NO_DURATION) aggregator.addUntimed();
    else aggregator.addSpan(strings[service]!, strings[operation]!, durationNs, ((flags >>> STATUS_SHIFT) & 3) === ERROR, weight);
  };

  const onBatch = (batch: SpanBatch, table: readonly string[]): void => {
    strings = table;
    const traceHashes = batch.traceIds.map((id) => hashString(id));
    const sampling = batch.sampling;
    const w = batch.words;
    for (let i = 0, o = 0; i < batch.count; i++, o += STRIDE) {
      const flags = w[o + W_FLAGS]!;
      const kind = flags & KIND_MASK;
      let idHi = w[o + W_SPAN_HI]!;
      let idLo = w[o + W_SPAN_LO]!;
      if ((flags & FLAG_SPAN_STRING) !== 0) {
        const s = batch.local[idHi]!;
        idHi = hashString(s);
        idLo = hashString(s, 0x01000193);
      }
      const hasParent = (flags & FLAG_PARENT) !== 0;
      let parentHi = w[o + W_PARENT_HI]!;
      let parentLo = w[o + W_PARENT_LO]!;
      if ((flags & FLAG_PARENT_STRING) !== 0) {
        const s = batch.local[parentHi]!;
        parentHi = hashString(s);
        parentLo = hashString(s, 0x01000193);
      }
      if (!hasParent) roots++;
      const service = w[o + W_SERVICE]!;
      const operation = w[o + W_OPERATION]!;
      const durationNs = batch.durations[i]!;
      const timing = (flags >>> TIMING_SHIFT) & 3;
      const start = startOf(flags, batch.starts[i]!, batch.local);
      // What makes two reads of one span the same span (a hash of the compact fields).
      let print = Math.imul(flags ^ service, 0x9e3779b1) ^ Math.imul(operation + 1, 0x85ebca6b);
      print = Math.imul(print ^ parentLo ^ (durationNs | 0), 0xc2b2ae35) ^ Number(BigInt.asUintN(32, start)) ^ w[o + W_DETAIL]!;
      // An untimed Zipkin piece of a span already read is merged into it by the tree path: drop it.
      const fragment = timing === MISSING && ((flags >>> FORMAT_SHIFT) & 3) === ZIPKIN;
      const verdict = stream.add(traceHashes[w[o + W_TRACE]!]!, idHi, idLo, hasParent, parentHi, parentLo, service, print >>> 0, ROLES[kind * 2 + ((flags & FLAG_SHARED) !== 0 ? 1 : 0)]!, fragment);
      if (verdict === DUPLICATE) continue;
      if (timing !== MISSING) widen(start, durationNs);
      if (verdict === ENTRY) count(service, operation, durationNs, flags, sampling === undefined ? 0 : sampling[i]!);
      else if (verdict === DEFERRED) waiting.push(operation, durationNs, flags & 0xff, sampling === undefined ? 0 : sampling[i]!);
    }
  };

  const limit = exactSpans(ctx);
  let small: SpanStore | undefined = new SpanStore();
  const keep = (batch: SpanBatch, source: number): void => {
    if (small === undefined) return;
    if (small.spans + batch.count <= limit) {
      small.add(cloneBatch(batch), source);
      return;
    }
    // Too big to build every trace: count what was held back, and from now on as spans come.
    small = undefined;
    const ids = heldIds!;
    heldIds = undefined;
    for (let i = 0; i < heldDurations.length; i++) count(ids[4 * i]!, ids[4 * i + 1]!, heldDurations[i]!, ids[4 * i + 2]!, ids[4 * i + 3]!);
    heldDurations = [];
  };
  const inputs = await streamDump(paths, ctx, onBatch, () => roots, keep);
  if (small !== undefined) {
    // Small enough to build every trace: aggregate the traces, as the tree path does.
    const duplicates: TraceWarning[] = [];
    for (const [traceId, spans] of merged(small.byTrace(duplicates), small.allTraceIds, duplicates)) {
      const built = buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew });
      ctx.warnings.addAll(duplicates.splice(0));
      ctx.warnings.addAll(built.warnings);
      aggregator.add(built.result);
    }
    return inputs;
  }
  stream.finish((i, service) => count(service, waiting.ids[i]!, waiting.durations[i]!, waiting.flags[i]!, waiting.sampling[i]!));
  if (minStart !== undefined && maxEnd !== undefined) aggregator.extendWindow(minStart, maxEnd);
  return inputs;
}
