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
 *
 * Sampled input (spans carrying a sampling probability, model/span-sampling.ts): with `weighted`,
 * each span counts as its adjusted count (1 / probability) in counts, errors, rates, the mean and
 * the percentiles (weighted nearest rank: the smallest duration at or below which p% of the weight
 * lies), and `sampledCount` keeps the number of spans read. The weights column of a group exists only
 * once a weight other than 1 arrives, so unsampled dumps pay nothing. The histogram counts spans read.
 */
import { adjustedCount } from '../model/span-sampling.js';
import { finiteNanos, nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { LatencyGroupBy, LatencySortKey } from './choices.js';
import { classicKeys, type GroupKey } from '../query/group-keys.js';
import { compareKeyValues, groupId, groupValues, keyObject, type GroupKeyValues } from './group-values.js';
import { isEntrySpan } from './entry-spans.js';
import { latencyHistogram, type HistogramBucket } from './histogram.js';
import { nearestRank } from './percentile.js';
import { SamplingTally, type SamplingSummary } from './sampling-tally.js';
import { weightedNearestRank } from './weighted-percentile.js';

const DEFAULT_PERCENTILES: readonly number[] = [50, 90, 95, 99];

export interface LatencyOptions {
  /** A classic grouping, or any `--by` keys (query/group-keys.ts); default service. */
  readonly by?: LatencyGroupBy | readonly GroupKey[];
  readonly allSpans?: boolean;
  /** Each in (0, 100]; default 50, 90, 95, 99. */
  readonly percentiles?: readonly number[];
  /** Default: p99 when asked for, else the highest percentile asked for. */
  readonly sort?: LatencySortKey;
  readonly histogram?: boolean;
  /** Count each span as its adjusted count (sampled input); default false. */
  readonly weighted?: boolean;
}

export interface LatencyGroup {
  /** The group's service (every grouping is within a service, query/group-keys.ts). */
  readonly service: string;
  /** null when operation is not one of the keys. */
  readonly operation: string | null;
  /** Every key's value by key name (`service`, `kind`, `attr.http.route`); null: the spans lacked it. */
  readonly keys: GroupKeyValues;
  /** Spans counted; with weights, the estimate: the sum of their adjusted counts. */
  readonly count: number;
  /** Spans read, when `count` is a weighted estimate. */
  readonly sampledCount?: number;
  /** Failed spans (weighted like `count`). */
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
  /** "service", "operation" (service and operation), or the key names joined by commas ("service,attr.http.route"). */
  readonly by: string;
  /** The key names, in column order: the names in each group's `keys`. */
  readonly groupKeys: string[];
  readonly spans: 'entry' | 'all';
  readonly percentiles: number[];
  readonly sort: LatencySortKey;
  /** Earliest start to latest end over every trace read, in seconds. */
  readonly windowSec: number;
  readonly untimedSpans: number;
  /** Whether the input is sampled, and whether counts were weighted (see SamplingTally). */
  readonly sampling: SamplingSummary;
  readonly groups: LatencyGroup[];
}

interface Accumulator {
  readonly values: (string | null)[];
  durations: Float64Array;
  /** Adjusted counts beside `durations`, created at the first weight other than 1. */
  weights: Float64Array | undefined;
  count: number;
  errors: number;
  sumNs: number;
  maxNs: number;
  weight: number;
  weightedErrors: number;
  weightedSumNs: number;
}

const INITIAL_CAPACITY = 16;

function emptyAccumulator(values: (string | null)[], capacity: number): Accumulator {
  return { values, durations: new Float64Array(capacity), weights: undefined, count: 0, errors: 0, sumNs: 0, maxNs: 0, weight: 0, weightedErrors: 0, weightedSumNs: 0 };
}

export class LatencyAggregator {
  private readonly by: readonly GroupKey[];
  private readonly classic: boolean;
  private readonly allSpans: boolean;
  private readonly percentiles: number[];
  private readonly sort: LatencySortKey;
  private readonly histogram: boolean;
  private readonly weighted: boolean;
  /** What the spans counted say about sampling (fed by `add`, or by a streaming caller). */
  readonly tally = new SamplingTally();
  private readonly groups = new Map<string, Accumulator>();
  private startNs: bigint | undefined;
  private endNs: bigint | undefined;
  private untimed = 0;

  constructor(options: LatencyOptions = {}) {
    const settings = latencySettings(options);
    this.by = settings.by;
    this.classic = settings.by.every((k) => k.field === 'service' || k.field === 'operation');
    this.allSpans = settings.allSpans;
    this.percentiles = settings.percentiles;
    this.sort = settings.sort;
    this.histogram = options.histogram === true;
    this.weighted = options.weighted === true;
  }

  /** `where` (--where): count only the spans it selects; the time window still spans every trace. */
  add(trace: Trace, where?: (node: SpanNode, trace: Trace) => boolean): void {
    this.extendWindow(trace.startNs, trace.startNs + BigInt(trace.durationNs));
    for (const node of trace.nodes) {
      if (!this.allSpans && !isEntrySpan(node)) continue;
      if (where !== undefined && !where(node, trace)) continue;
      const span = node.span;
      this.tally.add(span.sampling);
      if (span.timing === 'missing' || span.timing === 'no-duration') {
        this.untimed++;
        continue;
      }
      this.addTo(this.valuesOf(span), node.durationNs, span.status === 'error', this.weighted ? adjustedCount(span.sampling) : 1);
    }
  }

  /** As `add`, with each span's weight given by `weightOf` (the weights a sampling simulation assigns). */
  addWeighted(trace: Trace, weightOf: (span: SpanNode['span']) => number): void {
    this.extendWindow(trace.startNs, trace.startNs + BigInt(trace.durationNs));
    for (const node of trace.nodes) {
      if (!this.allSpans && !isEntrySpan(node)) continue;
      const span = node.span;
      this.tally.add(span.sampling);
      if (span.timing === 'missing' || span.timing === 'no-duration') {
        this.untimed++;
        continue;
      }
      this.addTo(this.valuesOf(span), node.durationNs, span.status === 'error', weightOf(span));
    }
  }

  /** Whether spans can be fed one by one (`addSpan`): the keys are service and operation only. */
  get groupsByNames(): boolean {
    return this.classic;
  }

  /** Whether spans fed one by one are to be weighted by their adjusted counts (the `weighted` option). */
  get weightsSpans(): boolean {
    return this.weighted;
  }

  /** Whether spans fed one by one must be entry spans only (true unless `allSpans`). */
  get entrySpansOnly(): boolean {
    return !this.allSpans;
  }

  /**
   * For callers that stream spans instead of building traces (the CLI on big dumps): one counted span
   * (an entry span unless `allSpans`, with a duration), counted as `weight` spans (its adjusted count).
   */
  addSpan(service: string, operation: string, durationNs: number, error: boolean, weight = 1): void {
    if (!this.classic) throw new Error('latency: addSpan groups by service and operation only');
    this.addTo(
      this.by.map((k) => (k.field === 'service' ? service : operation)),
      durationNs,
      error,
      weight,
    );
  }

  private valuesOf(span: SpanNode['span']): (string | null)[] {
    return groupValues(this.by, span);
  }

  private addTo(values: (string | null)[], durationNs: number, error: boolean, weight: number): void {
    const key = groupId(values);
    let acc = this.groups.get(key);
    if (acc === undefined) {
      acc = emptyAccumulator(values, INITIAL_CAPACITY);
      this.groups.set(key, acc);
    }
    if (acc.count === acc.durations.length) {
      const grown = new Float64Array(acc.durations.length * 2);
      grown.set(acc.durations);
      acc.durations = grown;
      if (acc.weights !== undefined) {
        const w = new Float64Array(grown.length);
        w.set(acc.weights);
        acc.weights = w;
      }
    }
    if (weight !== 1 && acc.weights === undefined) {
      acc.weights = new Float64Array(acc.durations.length).fill(1, 0, acc.count);
    }
    if (acc.weights !== undefined) acc.weights[acc.count] = weight;
    acc.durations[acc.count++] = durationNs;
    acc.sumNs += durationNs;
    acc.weight += weight;
    acc.weightedSumNs += durationNs * weight;
    if (durationNs > acc.maxNs) acc.maxNs = durationNs;
    if (error) {
      acc.errors++;
      acc.weightedErrors += weight;
    }
  }

  /**
   * Adds everything `other` counted (same grouping and spans), as if its traces had been added here:
   * a live view keeps the traces it no longer holds in one aggregator and merges it into a fresh one.
   */
  merge(other: LatencyAggregator): void {
    const sameKeys = other.by.length === this.by.length && other.by.every((k, i) => k.name === this.by[i]!.name);
    if (!sameKeys || other.allSpans !== this.allSpans) throw new RangeError('latency: cannot merge aggregations grouped differently');
    for (const [key, from] of other.groups) {
      let acc = this.groups.get(key);
      if (acc === undefined) {
        acc = emptyAccumulator(from.values, Math.max(INITIAL_CAPACITY, from.count));
        this.groups.set(key, acc);
      }
      const count = acc.count + from.count;
      if (count > acc.durations.length) {
        const grown = new Float64Array(Math.max(acc.durations.length * 2, count));
        grown.set(acc.durations.subarray(0, acc.count));
        acc.durations = grown;
        if (acc.weights !== undefined) {
          const w = new Float64Array(grown.length);
          w.set(acc.weights.subarray(0, acc.count));
          acc.weights = w;
        }
      }
      if (from.weights !== undefined && acc.weights === undefined) acc.weights = new Float64Array(acc.durations.length).fill(1, 0, acc.count);
      if (acc.weights !== undefined) {
        if (from.weights !== undefined) acc.weights.set(from.weights.subarray(0, from.count), acc.count);
        else acc.weights.fill(1, acc.count, count);
      }
      acc.durations.set(from.durations.subarray(0, from.count), acc.count);
      acc.count = count;
      acc.errors += from.errors;
      acc.sumNs += from.sumNs;
      acc.weight += from.weight;
      acc.weightedErrors += from.weightedErrors;
      acc.weightedSumNs += from.weightedSumNs;
      if (from.maxNs > acc.maxNs) acc.maxNs = from.maxNs;
    }
    this.tally.merge(other.tally);
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

  /**
   * The groups. `weighted` (default: the aggregator's option) decides whether weights, where spans
   * had any, count; `false` gives the plain figures of the spans read. Callable more than once.
   */
  result(weighted = this.weighted): LatencyResult {
    const windowNs = this.startNs === undefined || this.endNs === undefined ? 0 : finiteNanos(this.endNs - this.startNs);
    const tallies: LatencyTally[] = [];
    for (const acc of this.groups.values()) {
      const durations = acc.durations.subarray(0, acc.count);
      const weights = weighted ? acc.weights?.subarray(0, acc.count) : undefined;
      // Sorting in place is safe only while no weights are aligned with the durations.
      const sorted = acc.weights === undefined ? durations.sort() : durations.slice().sort();
      const percentilesNs: Record<string, number> = {};
      for (const p of this.percentiles) {
        // nearestRank reads only length and indices; a typed array serves without a copy.
        percentilesNs[String(p)] = weights === undefined ? nearestRank(sorted as unknown as readonly number[], p) : weightedNearestRank(durations, weights, p);
      }
      tallies.push({
        values: acc.values,
        count: weights === undefined ? acc.count : acc.weight,
        ...(weights !== undefined ? { sampledCount: acc.count } : {}),
        errors: weights === undefined ? acc.errors : acc.weightedErrors,
        sumNs: weights === undefined ? acc.sumNs : acc.weightedSumNs,
        maxNs: acc.maxNs,
        percentilesNs,
        ...(this.histogram ? { histogram: latencyHistogram(sorted) } : {}),
      });
    }
    return latencyResult(this.settings(), tallies, windowNs / 1e9, this.untimed, this.tally.summary(weighted));
  }

  private settings(): LatencySettings {
    return { by: this.by, allSpans: this.allSpans, percentiles: [...this.percentiles], sort: this.sort };
  }
}

/** The options as every path resolves them: defaults filled in, checked. */
export interface LatencySettings {
  readonly by: readonly GroupKey[];
  readonly allSpans: boolean;
  readonly percentiles: number[];
  readonly sort: LatencySortKey;
}

/** Resolves and checks latency options (RangeError on a percentile outside (0, 100] or a sort key not asked for). */
export function latencySettings(options: LatencyOptions = {}): LatencySettings {
  const percentiles = [...(options.percentiles ?? DEFAULT_PERCENTILES)];
  if (percentiles.length === 0) throw new RangeError('latency: at least one percentile');
  for (const p of percentiles) if (!(p > 0 && p <= 100)) throw new RangeError(`latency: percentile ${p} is not in (0, 100]`);
  const sort = options.sort ?? defaultSort(percentiles);
  if (sort.startsWith('p') && !percentiles.includes(Number(sort.slice(1)))) {
    throw new RangeError(`latency: cannot sort by ${sort}: it is not one of the percentiles asked for`);
  }
  const by = options.by ?? 'service';
  return { by: typeof by === 'string' ? classicKeys(by) : [...by], allSpans: options.allSpans === true, percentiles, sort };
}

/**
 * One group's figures before they become a row: what the aggregator keeps, or what a backend
 * computes where the spans are (src/backends/clickhouse), so both end in the same rows.
 */
export interface LatencyTally {
  /** The group's value of each key of the settings, in order (null: missing). */
  readonly values: readonly (string | null)[];
  /** Spans counted, or their adjusted counts added up when weighted. */
  readonly count: number;
  /** With weights: how many spans were read. */
  readonly sampledCount?: number;
  /** Errors and the sum of durations, weighted alike. */
  readonly errors: number;
  readonly sumNs: number;
  readonly maxNs: number;
  /** The nearest-rank value (percentile.ts) per percentile, keyed as written ("99.9"). */
  readonly percentilesNs: Readonly<Record<string, number>>;
  readonly histogram?: HistogramBucket[];
}

/** The result from tallies: rows in ms with rates over `windowSec`, sorted as asked. */
export function latencyResult(
  settings: LatencySettings,
  tallies: readonly LatencyTally[],
  windowSec: number,
  untimedSpans: number,
  sampling: SamplingSummary = new SamplingTally().summary(false),
): LatencyResult {
  const groups: LatencyGroup[] = tallies.map((t) => {
    const percentilesMs: Record<string, number> = {};
    for (const p of settings.percentiles) percentilesMs[String(p)] = nsToMs(t.percentilesNs[String(p)]!);
    const keys = keyObject(settings.by, t.values);
    return {
      service: keys.service!,
      operation: keys.operation ?? null,
      keys,
      count: t.count,
      ...(t.sampledCount !== undefined ? { sampledCount: t.sampledCount } : {}),
      errors: t.errors,
      errorRate: t.errors / t.count,
      meanMs: nsToMs(t.sumNs / t.count),
      maxMs: nsToMs(t.maxNs),
      percentilesMs,
      ratePerSec: windowSec > 0 ? t.count / windowSec : null,
      ...(t.histogram !== undefined ? { histogram: t.histogram } : {}),
    };
  });
  groups.sort(comparator(settings.sort, settings.by));
  return {
    by: byName(settings.by),
    groupKeys: settings.by.map((k) => k.name),
    spans: settings.allSpans ? 'all' : 'entry',
    percentiles: [...settings.percentiles],
    sort: settings.sort,
    windowSec,
    untimedSpans,
    sampling,
    groups,
  };
}

function byName(keys: readonly GroupKey[]): string {
  if (keys.length === 1 && keys[0]!.field === 'service') return 'service';
  if (keys.length === 2 && keys[0]!.field === 'service' && keys[1]!.field === 'operation') return 'operation';
  return keys.map((k) => k.name).join(',');
}

function defaultSort(percentiles: readonly number[]): LatencySortKey {
  return percentiles.includes(99) ? 'p99' : `p${Math.max(...percentiles)}`;
}

/** Larger first for numbers (the slowest, busiest, most failing on top); names A→Z; ties by name. */
function comparator(sort: LatencySortKey, keys: readonly GroupKey[]): (a: LatencyGroup, b: LatencyGroup) => number {
  const byName = (a: LatencyGroup, b: LatencyGroup): number => compareKeyValues(a.keys, b.keys, keys);
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
