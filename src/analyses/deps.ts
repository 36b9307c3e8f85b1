/**
 * `tracectl deps`: the service topology seen in the dump. Every span whose parent belongs to another
 * service is one call from the parent's service (caller) to the span's (callee); calls are counted
 * per caller → callee pair, with how many failed (the callee span's status) and the latency of the
 * calls (the callee span's duration, exact nearest-rank p50 and p99).
 *
 * The callee's span is the one that measures the call as the callee served it; for a Zipkin
 * client/server pair sharing one id the server half hangs under the client half, so the pair is one
 * call. A span whose parent is missing from the dump calls from nowhere and makes no edge. Entry
 * services are those owning a trace's parentless span (where requests come in).
 *
 * Streaming: `add(trace)` keeps per edge the durations (a growing Float64Array) and counts, per
 * service its counts, nothing else. Spans whose duration the dump did not give count as calls but
 * stay out of the percentiles (a made-up 0 would drag them down).
 *
 * With `by` keys beyond the service (query/group-keys.ts), the calls are also counted per caller and
 * the callee span's values of the keys (`keyedEdges`: the route, kind or pod a call went to); the
 * service-to-service `edges` stay whole, for the tree and the graphs.
 *
 * Sampled input: with `weighted`, a span counts as its adjusted count (1 / its sampling probability)
 * in spans, calls and errors, and in the percentiles (weighted nearest rank); `sampled` says so.
 */
import { adjustedCount } from '../model/span-sampling.js';
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { GroupKey } from '../query/group-keys.js';
import { compareKeyValues, groupId, groupValues, keyObject, type GroupKeyValues } from './group-values.js';
import { nearestRank } from './percentile.js';
import { SamplingTally, type SamplingSummary } from './sampling-tally.js';
import { weightedNearestRank } from './weighted-percentile.js';

export interface DepsService {
  readonly name: string;
  /** Spans of the service in the dump (weighted: the estimate). */
  readonly spans: number;
  /** Of those, failed (status error). */
  readonly errors: number;
  /** The service owns a trace's parentless span. */
  readonly entry: boolean;
}

export interface DepsEdge {
  /** Caller service. */
  readonly from: string;
  /** Callee service. */
  readonly to: string;
  /** Calls (weighted: the estimate, the callee spans' adjusted counts summed). */
  readonly calls: number;
  /** Callee spans read, when `calls` is a weighted estimate. */
  readonly sampledCalls?: number;
  /** Calls whose callee span failed. */
  readonly errors: number;
  /** errors / calls, 0..1. */
  readonly errorRate: number;
  /** Nearest-rank percentiles of the callee spans' durations; null when no call had a duration. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** In `keyedEdges`: the callee spans' values of the `--by` keys (`service` is `to`). */
  readonly keys?: GroupKeyValues;
}

export interface ServiceDeps {
  /** By name. */
  readonly services: DepsService[];
  /** Most calls first; ties by caller, then callee. */
  readonly edges: DepsEdge[];
  /** With `by` keys beyond the service: their names, in column order. */
  readonly edgeKeys?: string[];
  /** With `by` keys beyond the service: calls per caller and callee keys, ordered as `edges`, ties by keys. */
  readonly keyedEdges?: DepsEdge[];
  readonly sampling: SamplingSummary;
}

class Samples {
  private values = new Float64Array(16);
  /** Weights beside the values, from the first weight other than 1. */
  private weights: Float64Array | undefined;
  length = 0;

  pushAll(other: Samples): void {
    for (let i = 0; i < other.length; i++) this.push(other.values[i]!, other.weights?.[i] ?? 1);
  }

  push(value: number, weight: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
      if (this.weights !== undefined) {
        const w = new Float64Array(bigger.length);
        w.set(this.weights);
        this.weights = w;
      }
    }
    if (weight !== 1 && this.weights === undefined) this.weights = new Float64Array(this.values.length).fill(1, 0, this.length);
    if (this.weights !== undefined) this.weights[this.length] = weight;
    this.values[this.length++] = value;
  }

  percentile(p: number): number {
    if (this.weights === undefined) return nearestRank(Array.from(this.values.slice(0, this.length).sort()), p);
    return weightedNearestRank(this.values.subarray(0, this.length), this.weights.subarray(0, this.length), p);
  }
}

interface EdgeAcc {
  readonly from: string;
  readonly to: string;
  readonly keys?: GroupKeyValues;
  calls: number;
  spansRead: number;
  errors: number;
  readonly durations: Samples;
}

interface ServiceAcc {
  spans: number;
  errors: number;
  entry: boolean;
}

export interface DepsOptions {
  /** Count each span as its adjusted count (sampled input). */
  readonly weighted?: boolean;
  /** Keys of the callee span to split calls by (`keyedEdges`); service alone: none. */
  readonly by?: readonly GroupKey[];
}

export class DepsAggregator {
  private readonly weighted: boolean;
  private readonly tally = new SamplingTally();
  private readonly edges = new Map<string, EdgeAcc>();
  private readonly by: readonly GroupKey[] | undefined;
  private readonly keyed = new Map<string, EdgeAcc>();
  private readonly services = new Map<string, ServiceAcc>();
  /** Services owning a parentless span that `where` did not count: still where requests come in. */
  private readonly uncountedEntries = new Set<string>();

  constructor(options: DepsOptions = {}) {
    this.weighted = options.weighted === true;
    this.by = options.by !== undefined && options.by.some((k) => k.field !== 'service') ? options.by : undefined;
  }

  /**
   * `where` (--where): count only the spans it selects (their service's figures and the call into
   * them); the caller of a counted call is listed even when none of its own spans is counted.
   */
  add(trace: Trace, where?: (node: SpanNode, trace: Trace) => boolean): void {
    for (const node of trace.nodes) {
      const span = node.span;
      if (where !== undefined && !where(node, trace)) {
        if (node.parent === undefined && span.parentId === undefined) this.uncountedEntries.add(span.service);
        continue;
      }
      this.tally.add(span.sampling);
      const weight = this.weighted ? adjustedCount(span.sampling) : 1;
      let service = this.services.get(span.service);
      if (service === undefined) {
        service = { spans: 0, errors: 0, entry: false };
        this.services.set(span.service, service);
      }
      service.spans += weight;
      if (span.status === 'error') service.errors += weight;
      if (node.parent === undefined && span.parentId === undefined) service.entry = true;
      const caller = node.parent?.span.service;
      if (caller === undefined || caller === span.service) continue;
      if (where !== undefined && !this.services.has(caller)) this.services.set(caller, { spans: 0, errors: 0, entry: false });
      const key = `${caller}\u0000${span.service}`;
      let edge = this.edges.get(key);
      if (edge === undefined) {
        edge = { from: caller, to: span.service, calls: 0, spansRead: 0, errors: 0, durations: new Samples() };
        this.edges.set(key, edge);
      }
      count(edge, node, weight);
      if (this.by !== undefined) {
        const values = groupValues(this.by, span);
        const id = `${caller}\u0000${groupId(values)}`;
        let keyed = this.keyed.get(id);
        if (keyed === undefined) {
          keyed = { from: caller, to: span.service, keys: keyObject(this.by, values), calls: 0, spansRead: 0, errors: 0, durations: new Samples() };
          this.keyed.set(id, keyed);
        }
        count(keyed, node, weight);
      }
    }
  }

  /** Adds everything `other` counted, as if its traces had been added here. */
  merge(other: DepsAggregator): void {
    for (const [name, from] of other.services) {
      const service = this.services.get(name);
      if (service === undefined) this.services.set(name, { ...from });
      else {
        service.spans += from.spans;
        service.errors += from.errors;
        service.entry ||= from.entry;
      }
    }
    for (const [key, from] of other.edges) {
      let edge = this.edges.get(key);
      if (edge === undefined) {
        edge = { from: from.from, to: from.to, calls: 0, spansRead: 0, errors: 0, durations: new Samples() };
        this.edges.set(key, edge);
      }
      edge.calls += from.calls;
      edge.spansRead += from.spansRead;
      edge.errors += from.errors;
      edge.durations.pushAll(from.durations);
    }
    for (const [key, from] of other.keyed) {
      let keyed = this.keyed.get(key);
      if (keyed === undefined) {
        keyed = { ...from, calls: 0, spansRead: 0, errors: 0, durations: new Samples() };
        this.keyed.set(key, keyed);
      }
      keyed.calls += from.calls;
      keyed.spansRead += from.spansRead;
      keyed.errors += from.errors;
      keyed.durations.pushAll(from.durations);
    }
    for (const name of other.uncountedEntries) this.uncountedEntries.add(name);
    this.tally.merge(other.tally);
  }

  result(): ServiceDeps {
    const by = this.by;
    const keyed =
      by === undefined
        ? {}
        : {
            edgeKeys: by.map((k) => k.name),
            keyedEdges: [...this.keyed.values()].map(edgeOf).sort((a, b) => b.calls - a.calls || compare(a.from, b.from) || compareKeyValues(a.keys!, b.keys!, by)),
          };
    const services = [...this.services]
      .map(([name, s]) => ({ name, spans: s.spans, errors: s.errors, entry: s.entry || this.uncountedEntries.has(name) }))
      .sort((a, b) => compare(a.name, b.name));
    const edges = [...this.edges.values()].map(edgeOf).sort((a, b) => b.calls - a.calls || compare(a.from, b.from) || compare(a.to, b.to));
    return { services, edges, ...keyed, sampling: this.tally.summary(this.weighted) };
  }
}

function count(edge: EdgeAcc, node: SpanNode, weight: number): void {
  edge.calls += weight;
  edge.spansRead++;
  if (node.span.status === 'error') edge.errors += weight;
  if (node.span.timing !== 'missing' && node.span.timing !== 'no-duration') edge.durations.push(node.durationNs, weight);
}

function edgeOf(e: EdgeAcc): DepsEdge {
  const timed = e.durations.length > 0;
  return {
    from: e.from,
    to: e.to,
    calls: e.calls,
    ...(e.calls !== e.spansRead ? { sampledCalls: e.spansRead } : {}),
    errors: e.errors,
    errorRate: e.errors / e.calls,
    p50Ms: timed ? nsToMs(e.durations.percentile(50)) : null,
    p99Ms: timed ? nsToMs(e.durations.percentile(99)) : null,
    ...(e.keys !== undefined ? { keys: e.keys } : {}),
  };
}

/** Code-point order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serviceDeps(traces: Iterable<Trace>, options: DepsOptions = {}): ServiceDeps {
  const agg = new DepsAggregator(options);
  for (const trace of traces) agg.add(trace);
  return agg.result();
}
