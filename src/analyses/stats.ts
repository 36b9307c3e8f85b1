/**
 * `tracectl stats`: span statistics per service (or any `--by` keys), like Jaeger UI's Trace
 * Statistics — how many spans, how long they took, and their self time, which is what points at the
 * code that was slow rather than at everything that waited for it. Over a dump the same figures are
 * summed over its traces, one trace at a time.
 */
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { SERVICE_KEY, type GroupKey } from '../query/group-keys.js';
import { compareKeyValues, groupId, groupValues, keyObject, type GroupKeyValues } from './group-values.js';
import { selfTimes } from './self-time.js';


interface StatsGroup {
  readonly service: string;
  /** The operation when it is one of the keys; else null. */
  readonly operation: string | null;
  /** Every key's value by key name (`service`, `kind`, `attr.http.route`); null: the spans lacked it. */
  readonly keys: GroupKeyValues;
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
  /** The key names, in column order. */
  readonly groupKeys: string[];
  /** Most self time first; ties by the keys' values in order. */
  readonly groups: StatsGroup[];
}

interface Acc {
  readonly keys: GroupKeyValues;
  count: number;
  totalNs: number;
  selfNs: number;
  minNs: number;
  maxNs: number;
}

/**
 * `by`: the `--by` keys (query/group-keys.ts), service first unless placed elsewhere.
 * `where` (--where): count only the spans it selects; self times are still those of the whole tree.
 */
export function spanStats(traces: Iterable<Trace>, by: readonly GroupKey[] = [SERVICE_KEY], where?: (node: SpanNode, trace: Trace) => boolean): SpanStats {
  const groups = new Map<string, Acc>();
  let traceCount = 0;
  let traceNs = 0;
  for (const trace of traces) {
    traceCount++;
    traceNs += trace.durationNs;
    const self = selfTimes(trace);
    for (const node of trace.nodes) {
      if (where !== undefined && !where(node, trace)) continue;
      const values = groupValues(by, node.span);
      const key = groupId(values);
      let acc = groups.get(key);
      if (acc === undefined) {
        acc = { keys: keyObject(by, values), count: 0, totalNs: 0, selfNs: 0, minNs: Infinity, maxNs: -Infinity };
        groups.set(key, acc);
      }
      acc.count++;
      acc.totalNs += node.durationNs;
      acc.selfNs += self[node.index]!;
      if (node.durationNs < acc.minNs) acc.minNs = node.durationNs;
      if (node.durationNs > acc.maxNs) acc.maxNs = node.durationNs;
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => b.selfNs - a.selfNs || compareKeyValues(a.keys, b.keys, by))
    .map((a) => ({
      service: a.keys.service!,
      operation: a.keys.operation ?? null,
      keys: a.keys,
      count: a.count,
      totalMs: nsToMs(a.totalNs),
      selfMs: nsToMs(a.selfNs),
      // Rounded to whole nanoseconds, the precision of everything else here.
      avgMs: nsToMs(Math.round(a.totalNs / a.count)),
      minMs: nsToMs(a.minNs),
      maxMs: nsToMs(a.maxNs),
    }));
  return { traces: traceCount, traceDurationMs: nsToMs(traceNs), groupKeys: by.map((k) => k.name), groups: rows };
}
