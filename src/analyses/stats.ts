/**
 * `tracectl stats`: span statistics per service (or service+operation), like Jaeger UI's Trace
 * Statistics — how many spans, how long they took, and their self time, which is what points at the
 * code that was slow rather than at everything that waited for it. Over a dump the same figures are
 * summed over its traces, one trace at a time.
 */
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { StatsGroupBy } from './choices.js';
import { selfTimes } from './self-time.js';


interface StatsGroup {
  readonly service: string;
  /** The operation with `--by operation`; null when grouping by service. */
  readonly operation: string | null;
  /** Spans in the group. */
  readonly count: number;
  /** Sum of the spans' durations (ms). */
  readonly totalMs: number;
  /** Sum of the spans' self times (ms), see self-time.ts. */
  readonly selfMs: number;
  readonly avgMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface SpanStats {
  readonly traces: number;
  /** Sum of the traces' durations (ms): what a group's self time is a share of. */
  readonly traceDurationMs: number;
  /** Most self time first; ties by service, then operation. */
  readonly groups: StatsGroup[];
}

interface Acc {
  readonly service: string;
  readonly operation: string | null;
  count: number;
  totalNs: number;
  selfNs: number;
  minNs: number;
  maxNs: number;
}

/** `where` (--where): count only the spans it selects; self times are still those of the whole tree. */
export function spanStats(traces: Iterable<Trace>, by: StatsGroupBy = 'service', where?: (node: SpanNode, trace: Trace) => boolean): SpanStats {
  // Service → operation ('' when grouping by service) → figures: no key strings built per span.
  const groups = new Map<string, Map<string, Acc>>();
  let traceCount = 0;
  let traceNs = 0;
  for (const trace of traces) {
    traceCount++;
    traceNs += trace.durationNs;
    const self = selfTimes(trace);
    for (const node of trace.nodes) {
      if (where !== undefined && !where(node, trace)) continue;
      const { service, operation } = node.span;
      let ops = groups.get(service);
      if (ops === undefined) {
        ops = new Map();
        groups.set(service, ops);
      }
      const key = by === 'service' ? '' : operation;
      let acc = ops.get(key);
      if (acc === undefined) {
        acc = { service, operation: by === 'service' ? null : operation, count: 0, totalNs: 0, selfNs: 0, minNs: Infinity, maxNs: -Infinity };
        ops.set(key, acc);
      }
      acc.count++;
      acc.totalNs += node.durationNs;
      acc.selfNs += self[node.index]!;
      if (node.durationNs < acc.minNs) acc.minNs = node.durationNs;
      if (node.durationNs > acc.maxNs) acc.maxNs = node.durationNs;
    }
  }
  const rows = [...groups.values()]
    .flatMap((ops) => [...ops.values()])
    .sort((a, b) => b.selfNs - a.selfNs || compare(a.service, b.service) || compare(a.operation ?? '', b.operation ?? ''))
    .map((a) => ({
      service: a.service,
      operation: a.operation,
      count: a.count,
      totalMs: nsToMs(a.totalNs),
      selfMs: nsToMs(a.selfNs),
      // Rounded to whole nanoseconds, the precision of everything else here.
      avgMs: nsToMs(Math.round(a.totalNs / a.count)),
      minMs: nsToMs(a.minNs),
      maxMs: nsToMs(a.maxNs),
    }));
  return { traces: traceCount, traceDurationMs: nsToMs(traceNs), groups: rows };
}

/** Code-point order: stable across locales. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
