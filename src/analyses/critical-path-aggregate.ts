/**
 * The critical path over a whole dump, CRISP-style (Uber, USENIX ATC 2022): one trace's path says
 * what made that request slow; summed over thousands of traces it says which operations requests
 * wait for most, and the per-trace percentiles say whether that is a steady cost or a tail. A dump
 * mixes endpoints, so the same figures can be grouped by the root's service and operation.
 *
 * Traces are read one at a time and only per-operation numbers are kept, so a dump never has to fit
 * in memory as trees. Sums stay in integer nanoseconds and are converted once, which keeps the total
 * exactly the sum of the roots' durations.
 */
import { nsToMs } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import { criticalByOperation, type OwnedTime } from './critical-by-operation.js';
import { criticalPath } from './critical-path.js';
import { nearestRank } from './percentile.js';

interface OperationCritical {
  readonly service: string;
  readonly operation: string;
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

interface OpAcc {
  readonly service: string;
  readonly operation: string;
  ns: number;
  /** Critical ns per trace it appears in. */
  readonly perTrace: number[];
}

class GroupAcc {
  traces = 0;
  totalNs = 0;
  readonly ops = new Map<string, OpAcc>();

  add(rootNs: number, owned: ReadonlyMap<string, OwnedTime>): void {
    this.traces++;
    this.totalNs += rootNs;
    for (const [key, o] of owned) {
      let acc = this.ops.get(key);
      if (acc === undefined) {
        acc = { service: o.service, operation: o.operation, ns: 0, perTrace: [] };
        this.ops.set(key, acc);
      }
      acc.ns += o.ns;
      acc.perTrace.push(o.ns);
    }
  }

  result(top: number | undefined): CriticalAggregate {
    const all = [...this.ops.values()].sort((a, b) => b.ns - a.ns || compare(a.service, b.service) || compare(a.operation, b.operation));
    const kept = top === undefined ? all : all.slice(0, top);
    let omittedNs = 0;
    for (const o of all.slice(kept.length)) omittedNs += o.ns;
    return {
      traces: this.traces,
      totalCriticalMs: nsToMs(this.totalNs),
      operations: kept.map((o) => {
        const sorted = Float64Array.from(o.perTrace).sort();
        const values = Array.from(sorted);
        return {
          service: o.service,
          operation: o.operation,
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
  const all = new GroupAcc();
  const byRoot = new Map<string, { service: string; operation: string; acc: GroupAcc }>();
  for (const trace of traces) {
    const cp = criticalPath(trace);
    const owned = criticalByOperation(cp);
    all.add(cp.root.durationNs, owned);
    if (options.byRoot === true) {
      const { service, operation } = cp.root.span;
      const key = `${service}\u0000${operation}`;
      let group = byRoot.get(key);
      if (group === undefined) {
        group = { service, operation, acc: new GroupAcc() };
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
