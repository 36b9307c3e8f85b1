/**
 * The critical path over a whole dump, CRISP-style (Uber, USENIX ATC 2022): one trace's path says
 * what made that request slow; summed over thousands of traces it says which operations requests
 * wait for most, and the per-trace percentiles say whether that is a steady cost or a tail. A dump
 * mixes endpoints, so the same figures can be grouped by the root's service and operation.
 *
 * With `--by` keys (query/group-keys.ts) the same figures are kept per the keys' values of the spans
 * on the path (`aggregateCriticalPathsBy`): the route, kind or pod requests wait for.
 *
 * Traces are read one at a time and only per-operation numbers are kept, so a dump never has to fit
 * in memory as trees. Sums stay in integer nanoseconds and are converted once, which keeps the total
 * exactly the sum of the roots' durations.
 */
import { nsToMs } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import type { GroupKey } from '../query/group-keys.js';
import { criticalByOperation } from './critical-by-operation.js';
import { criticalPath, type CriticalPath } from './critical-path.js';
import { compareKeyValues, groupId, groupValues, keyObject, type GroupKeyValues } from './group-values.js';
import { nearestRank } from './percentile.js';

interface OperationCritical extends CriticalFigures {
  readonly service: string;
  readonly operation: string;
}

/** A group of `--by` keys and its figures. */
interface KeyedCritical extends CriticalFigures {
  /** Each key's value by key name; null where the spans lacked the attribute. */
  readonly keys: GroupKeyValues;
}

export interface CriticalFigures {
  /** Time on critical paths, summed over traces (ms). */
  readonly criticalMs: number;
  /** criticalMs / totalCriticalMs of the group, 0..1. */
  readonly share: number;
  /** Traces whose critical path it is on. */
  readonly traces: number;
  /** Nearest-rank percentiles of its per-trace critical time, over the traces it is on (ms). */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
}

export interface CriticalAggregate {
  readonly traces: number;
  /** Sum of the traces' root durations (ms): what every critical path together covers. */
  readonly totalCriticalMs: number;
  /** Most critical time first, at most `top`. */
  readonly operations: OperationCritical[];
  /** Operations left out by `top`, and their time (ms): shown as a "more" line, not in JSON. */
  readonly omitted: { readonly operations: number; readonly criticalMs: number };
}

interface RootCriticalAggregate extends CriticalAggregate {
  /** The root span's service and operation shared by the group's traces. */
  readonly service: string;
  readonly operation: string;
}

export interface CriticalAggregateOptions {
  /** Keep the N operations with the most critical time (per root group with byRoot). */
  readonly top?: number;
}

export interface CriticalAggregateResult extends CriticalAggregate {
  /** Groups by root service+operation, largest total first (only with `byRoot`). */
  readonly roots?: RootCriticalAggregate[];
}

/** Critical time one trace's path gives a group. */
interface Owned {
  readonly keys: GroupKeyValues;
  ns: number;
}

interface OpAcc {
  readonly keys: GroupKeyValues;
  ns: number;
  /** Critical ns per trace it appears in. */
  readonly perTrace: number[];
}

class GroupAcc {
  traces = 0;
  totalNs = 0;
  readonly ops = new Map<string, OpAcc>();

  constructor(private readonly keys: readonly GroupKey[]) {}

  add(rootNs: number, owned: ReadonlyMap<string, Owned>): void {
    this.traces++;
    this.totalNs += rootNs;
    for (const [key, o] of owned) {
      let acc = this.ops.get(key);
      if (acc === undefined) {
        acc = { keys: o.keys, ns: 0, perTrace: [] };
        this.ops.set(key, acc);
      }
      acc.ns += o.ns;
      acc.perTrace.push(o.ns);
    }
  }

  result(top: number | undefined): { traces: number; totalCriticalMs: number; rows: KeyedCritical[]; omitted: CriticalAggregate['omitted'] } {
    const all = [...this.ops.values()].sort((a, b) => b.ns - a.ns || compareKeyValues(a.keys, b.keys, this.keys));
    const kept = top === undefined ? all : all.slice(0, top);
    let omittedNs = 0;
    for (const o of all.slice(kept.length)) omittedNs += o.ns;
    return {
      traces: this.traces,
      totalCriticalMs: nsToMs(this.totalNs),
      rows: kept.map((o) => {
        const sorted = Float64Array.from(o.perTrace).sort();
        const values = Array.from(sorted);
        return {
          keys: o.keys,
          criticalMs: nsToMs(o.ns),
          share: this.totalNs === 0 ? 0 : o.ns / this.totalNs,
          traces: o.perTrace.length,
          p50Ms: nsToMs(nearestRank(values, 50)),
          p90Ms: nsToMs(nearestRank(values, 90)),
          p99Ms: nsToMs(nearestRank(values, 99)),
        };
      }),
      omitted: { operations: all.length - kept.length, criticalMs: nsToMs(omittedNs) },
    };
  }
}

/**
 * Critical paths of every trace, summed per service+operation; with `byRoot`, also per root
 * service+operation. A trace whose root lasts 0 ns counts as a trace with nothing on its path.
 */
export function aggregateCriticalPaths(traces: Iterable<Trace>, options: CriticalAggregateOptions & { readonly byRoot?: boolean } = {}): CriticalAggregateResult {
  const operations = (g: Grouped): CriticalAggregate => ({
    traces: g.traces,
    totalCriticalMs: g.totalCriticalMs,
    operations: g.rows.map(({ keys, ...figures }) => ({ service: keys.service!, operation: keys.operation!, ...figures })),
    omitted: g.omitted,
  });
  const grouped = aggregate(traces, SERVICE_OPERATION, (cp) => byOperation(cp), options);
  const result = operations(grouped);
  return grouped.roots === undefined ? result : { ...result, roots: grouped.roots.map((r) => ({ service: r.service, operation: r.operation, ...operations(r) })) };
}

export interface KeyedCriticalAggregate {
  readonly traces: number;
  readonly totalCriticalMs: number;
  /** The key names, in column order. */
  readonly groupKeys: string[];
  /** Most critical time first (ties by the keys' values), at most `top`. */
  readonly groups: KeyedCritical[];
  readonly omitted: CriticalAggregate['omitted'];
  /** With `byRoot`: per root service and operation. */
  readonly roots?: (Omit<KeyedCriticalAggregate, 'roots' | 'groupKeys'> & { readonly service: string; readonly operation: string })[];
}

/** As aggregateCriticalPaths, per the `by` keys' values of the spans on each path. */
export function aggregateCriticalPathsBy(traces: Iterable<Trace>, by: readonly GroupKey[], options: CriticalAggregateOptions & { readonly byRoot?: boolean } = {}): KeyedCriticalAggregate {
  const keyed = (g: Grouped): Omit<KeyedCriticalAggregate, 'roots' | 'groupKeys'> => ({ traces: g.traces, totalCriticalMs: g.totalCriticalMs, groups: g.rows, omitted: g.omitted });
  const grouped = aggregate(traces, by, (cp) => byKeys(cp, by), options);
  return {
    ...keyed(grouped),
    groupKeys: by.map((k) => k.name),
    ...(grouped.roots !== undefined ? { roots: grouped.roots.map((r) => ({ service: r.service, operation: r.operation, ...keyed(r) })) } : {}),
  };
}

const SERVICE_OPERATION: readonly GroupKey[] = [
  { field: 'service', name: 'service' },
  { field: 'operation', name: 'operation' },
];

type Grouped = ReturnType<GroupAcc['result']> & { roots?: (ReturnType<GroupAcc['result']> & { service: string; operation: string })[] };

function byOperation(cp: CriticalPath): Map<string, Owned> {
  const out = new Map<string, Owned>();
  for (const [key, o] of criticalByOperation(cp)) out.set(key, { keys: { service: o.service, operation: o.operation }, ns: o.ns });
  return out;
}

/** Each key group's critical time on one path, in integer nanoseconds. */
function byKeys(cp: CriticalPath, by: readonly GroupKey[]): Map<string, Owned> {
  const owned = new Map<string, Owned>();
  for (const s of cp.sections) {
    const values = groupValues(by, s.node.span);
    const key = groupId(values);
    const entry = owned.get(key);
    if (entry === undefined) owned.set(key, { keys: keyObject(by, values), ns: s.endNs - s.startNs });
    else entry.ns += s.endNs - s.startNs;
  }
  return owned;
}

function aggregate(
  traces: Iterable<Trace>,
  keys: readonly GroupKey[],
  ownedOf: (cp: CriticalPath) => Map<string, Owned>,
  options: CriticalAggregateOptions & { readonly byRoot?: boolean },
): Grouped {
  const all = new GroupAcc(keys);
  const byRoot = new Map<string, { service: string; operation: string; acc: GroupAcc }>();
  for (const trace of traces) {
    const cp = criticalPath(trace);
    const owned = ownedOf(cp);
    all.add(cp.root.durationNs, owned);
    if (options.byRoot === true) {
      const { service, operation } = cp.root.span;
      const key = `${service}\u0000${operation}`;
      let group = byRoot.get(key);
      if (group === undefined) {
        group = { service, operation, acc: new GroupAcc(keys) };
        byRoot.set(key, group);
      }
      group.acc.add(cp.root.durationNs, owned);
    }
  }
  const result = all.result(options.top);
  if (options.byRoot !== true) return result;
  const roots = [...byRoot.values()]
    .sort((a, b) => b.acc.totalNs - a.acc.totalNs || compare(a.service, b.service) || compare(a.operation, b.operation))
    .map((g) => ({ service: g.service, operation: g.operation, ...g.acc.result(options.top) }));
  return { ...result, roots };
}

/** Code-point order: stable across locales. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
