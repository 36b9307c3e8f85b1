/**
 * `tracectl latency`: per service (or service and operation) how many requests, how many failed, and
 * how long they took — mean, max and exact percentiles — with the request rate over the dump's time.
 *
 * A streaming aggregation: `add(trace)` keeps, per group, only the durations (8 bytes a span, in a
 * Float64Array that doubles as it fills), the error count, the sum and the max; plus the dump's
 * earliest start and latest end for the rate. No span object outlives `add`. Percentiles are exact
 * nearest-rank values over every duration (no sketch, no sampling), computed once in `result()`.
 *
 * By default only entry spans count (see entry-spans.ts); `allSpans` counts every span. Spans whose
 * duration the dump did not give (no timestamp, or no duration) are left out of the numbers and
 * counted in `untimedSpans`, since a made-up 0 would drag every percentile down.
 */
import { finiteNanos, nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { isEntrySpan } from './entry-spans.js';
import { latencyHistogram, type HistogramBucket } from './histogram.js';
import { nearestRank } from './percentile.js';

export type LatencyGroupBy = 'service' | 'operation';
export const LATENCY_GROUP_BY: readonly LatencyGroupBy[] = ['service', 'operation'];

/** Sort keys besides `p<N>` (one of the requested percentiles). */
export const LATENCY_SORT_KEYS = ['count', 'errors', 'error-rate', 'mean', 'max', 'rate', 'name'] as const;
export type LatencySortKey = (typeof LATENCY_SORT_KEYS)[number] | `p${string}`;

export const DEFAULT_PERCENTILES: readonly number[] = [50, 90, 95, 99];

export interface LatencyOptions {
  readonly by?: LatencyGroupBy;
  readonly allSpans?: boolean;
  /** Each in (0, 100]; default 50, 90, 95, 99. */
  readonly percentiles?: readonly number[];
  /** Default: p99 when asked for, else the highest percentile asked for. */
  readonly sort?: LatencySortKey;
  readonly histogram?: boolean;
}

export interface LatencyGroup {
  readonly service: string;
  /** null when grouping by service. */
  readonly operation: string | null;
  readonly count: number;
  readonly errors: number;
  /** errors / count, 0..1. */
  readonly errorRate: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Keyed by the percentile as written ("50", "99.9"). */
  readonly percentilesMs: Record<string, number>;
  /** count / the dump's time range; null when the range is 0. */
  readonly ratePerSec: number | null;
  /** Only with `histogram`. */
  readonly histogram?: HistogramBucket[];
}

export interface LatencyResult {
  readonly by: LatencyGroupBy;
  readonly spans: 'entry' | 'all';
  readonly percentiles: number[];
  readonly sort: LatencySortKey;
  /** Earliest start to latest end over every trace read, in seconds. */
  readonly windowSec: number;
  readonly untimedSpans: number;
  readonly groups: LatencyGroup[];
}

interface Accumulator {
  readonly service: string;
  readonly operation: string | null;
  durations: Float64Array;
  count: number;
  errors: number;
  sumNs: number;
  maxNs: number;
}

const INITIAL_CAPACITY = 16;

export class LatencyAggregator {
  private readonly by: LatencyGroupBy;
  private readonly allSpans: boolean;
  private readonly percentiles: number[];
  private readonly sort: LatencySortKey;
  private readonly histogram: boolean;
  private readonly groups = new Map<string, Accumulator>();
  private startNs: bigint | undefined;
  private endNs: bigint | undefined;
  private untimed = 0;

  constructor(options: LatencyOptions = {}) {
    this.by = options.by ?? 'service';
    this.allSpans = options.allSpans === true;
    this.percentiles = [...(options.percentiles ?? DEFAULT_PERCENTILES)];
    if (this.percentiles.length === 0) throw new RangeError('latency: at least one percentile');
    for (const p of this.percentiles) if (!(p > 0 && p <= 100)) throw new RangeError(`latency: percentile ${p} is not in (0, 100]`);
    this.sort = options.sort ?? defaultSort(this.percentiles);
    if (this.sort.startsWith('p') && !this.percentiles.includes(Number(this.sort.slice(1)))) {
      throw new RangeError(`latency: cannot sort by ${this.sort}: it is not one of the percentiles asked for`);
    }
    this.histogram = options.histogram === true;
  }

  /** `where` (--where): count only the spans it selects; the time window still spans every trace. */
  add(trace: Trace, where?: (node: SpanNode, trace: Trace) => boolean): void {
    this.extendWindow(trace.startNs, trace.startNs + BigInt(trace.durationNs));
    for (const node of trace.nodes) {
      if (!this.allSpans && !isEntrySpan(node)) continue;
      if (where !== undefined && !where(node, trace)) continue;
      const span = node.span;
      if (span.timing === 'missing' || span.timing === 'no-duration') {
        this.untimed++;
        continue;
      }
      this.addSpan(span.service, span.operation, node.durationNs, span.status === 'error');
    }
  }

  /** Whether spans fed one by one must be entry spans only (true unless `allSpans`). */
  get entrySpansOnly(): boolean {
    return !this.allSpans;
  }

  /**
   * For callers that stream spans instead of building traces (the CLI on big dumps): one counted span
   * (an entry span unless `allSpans`, with a duration).
   */
  addSpan(service: string, operation: string, durationNs: number, error: boolean): void {
    const op = this.by === 'operation' ? operation : null;
    const key = op === null ? service : `${service}\u0000${op}`;
    let acc = this.groups.get(key);
    if (acc === undefined) {
      acc = { service, operation: op, durations: new Float64Array(INITIAL_CAPACITY), count: 0, errors: 0, sumNs: 0, maxNs: 0 };
      this.groups.set(key, acc);
    }
    if (acc.count === acc.durations.length) {
      const grown = new Float64Array(acc.durations.length * 2);
      grown.set(acc.durations);
      acc.durations = grown;
    }
    acc.durations[acc.count++] = durationNs;
    acc.sumNs += durationNs;
    if (durationNs > acc.maxNs) acc.maxNs = durationNs;
    if (error) acc.errors++;
  }

  /**
   * Adds everything `other` counted (same grouping and spans), as if its traces had been added here:
   * a live view keeps the traces it no longer holds in one aggregator and merges it into a fresh one.
   */
  merge(other: LatencyAggregator): void {
    if (other.by !== this.by || other.allSpans !== this.allSpans) throw new RangeError('latency: cannot merge aggregations grouped differently');
    for (const [key, from] of other.groups) {
      let acc = this.groups.get(key);
      if (acc === undefined) {
        acc = { service: from.service, operation: from.operation, durations: new Float64Array(Math.max(INITIAL_CAPACITY, from.count)), count: 0, errors: 0, sumNs: 0, maxNs: 0 };
        this.groups.set(key, acc);
      }
      if (acc.count + from.count > acc.durations.length) {
        const grown = new Float64Array(Math.max(acc.durations.length * 2, acc.count + from.count));
        grown.set(acc.durations.subarray(0, acc.count));
        acc.durations = grown;
      }
      acc.durations.set(from.durations.subarray(0, from.count), acc.count);
      acc.count += from.count;
      acc.errors += from.errors;
      acc.sumNs += from.sumNs;
      if (from.maxNs > acc.maxNs) acc.maxNs = from.maxNs;
    }
    this.untimed += other.untimed;
    if (other.startNs !== undefined && other.endNs !== undefined) this.extendWindow(other.startNs, other.endNs);
  }

  /** A span that would count but has no duration. */
  addUntimed(): void {
    this.untimed++;
  }

  /** Widens the dump's time range (epoch ns) that rates are computed over. */
  extendWindow(startNs: bigint, endNs: bigint): void {
    if (this.startNs === undefined || startNs < this.startNs) this.startNs = startNs;
    if (this.endNs === undefined || endNs > this.endNs) this.endNs = endNs;
  }

  result(): LatencyResult {
    const windowNs = this.startNs === undefined || this.endNs === undefined ? 0 : finiteNanos(this.endNs - this.startNs);
    const windowSec = windowNs / 1e9;
    const groups: LatencyGroup[] = [];
    for (const acc of this.groups.values()) {
      const sorted = acc.durations.subarray(0, acc.count).sort();
      // nearestRank reads only length and indices; a typed array serves without a copy.
      const values = sorted as unknown as readonly number[];
      const percentilesMs: Record<string, number> = {};
      for (const p of this.percentiles) percentilesMs[String(p)] = nsToMs(nearestRank(values, p));
      groups.push({
        service: acc.service,
        operation: acc.operation,
        count: acc.count,
        errors: acc.errors,
        errorRate: acc.errors / acc.count,
        meanMs: nsToMs(acc.sumNs / acc.count),
        maxMs: nsToMs(acc.maxNs),
        percentilesMs,
        ratePerSec: windowSec > 0 ? acc.count / windowSec : null,
        ...(this.histogram ? { histogram: latencyHistogram(sorted) } : {}),
      });
    }
    groups.sort(comparator(this.sort));
    return {
      by: this.by,
      spans: this.allSpans ? 'all' : 'entry',
      percentiles: [...this.percentiles],
      sort: this.sort,
      windowSec,
      untimedSpans: this.untimed,
      groups,
    };
  }
}

function defaultSort(percentiles: readonly number[]): LatencySortKey {
  return percentiles.includes(99) ? 'p99' : `p${Math.max(...percentiles)}`;
}

/** Larger first for numbers (the slowest, busiest, most failing on top); names A→Z; ties by name. */
function comparator(sort: LatencySortKey): (a: LatencyGroup, b: LatencyGroup) => number {
  const byName = (a: LatencyGroup, b: LatencyGroup): number => compare(a.service, b.service) || compare(a.operation ?? '', b.operation ?? '');
  const desc = (key: (g: LatencyGroup) => number) => (a: LatencyGroup, b: LatencyGroup) => key(b) - key(a) || byName(a, b);
  switch (sort) {
    case 'name':
      return byName;
    case 'count':
      return desc((g) => g.count);
    case 'errors':
      return desc((g) => g.errors);
    case 'error-rate':
      return desc((g) => g.errorRate);
    case 'mean':
      return desc((g) => g.meanMs);
    case 'max':
      return desc((g) => g.maxMs);
    case 'rate':
      return desc((g) => g.count);
    default: {
      const key = String(Number(sort.slice(1)));
      return desc((g) => g.percentilesMs[key]!);
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
