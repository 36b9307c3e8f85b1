/**
 * What `tracectl diff` needs to know of one dump, gathered in one pass over its traces: per service
 * and operation the latency aggregator's numbers (count, errors, nearest-rank percentiles — the same
 * as `tracectl latency --by operation`), every duration (a significance test compares whole samples,
 * not summaries), and the CRISP-style critical-path share of each operation.
 *
 * Durations are kept here as well as inside the aggregator (which does not hand them out): 8 more
 * bytes a counted span, and only for spans that count (entry spans by default).
 */
import { aggregateCriticalPaths } from '../analyses/critical-path-aggregate.js';
import { isEntrySpan } from '../analyses/entry-spans.js';
import { LatencyAggregator, type LatencyGroup } from '../analyses/latency.js';
import type { SpanNode, Trace } from '../model/trace.js';

export interface OperationProfile {
  readonly group: LatencyGroup;
  /** Every counted duration (ns), sorted ascending. */
  readonly durationsNs: Float64Array;
}

export interface DumpProfile {
  readonly traces: number;
  readonly spans: 'entry' | 'all';
  /** Keyed by service and operation joined with a NUL. */
  readonly operations: ReadonlyMap<string, OperationProfile>;
  /** Share (0..1) of all critical-path time each service and operation owns, same keys. */
  readonly criticalShares: ReadonlyMap<string, { readonly service: string; readonly operation: string; readonly share: number }>;
}

export const DIFF_PERCENTILES = [50, 90, 99] as const;

function operationKey(service: string, operation: string): string {
  return `${service}\u0000${operation}`;
}

export interface ProfileOptions {
  readonly allSpans?: boolean;
  /**
   * --where: only the spans it selects count per operation, and only traces with such a span
   * count towards critical-path shares.
   */
  readonly where?: (node: SpanNode, trace: Trace) => boolean;
}

export function profileDump(traces: Iterable<Trace>, options: ProfileOptions = {}): DumpProfile {
  const allSpans = options.allSpans === true;
  const where = options.where;
  const latency = new LatencyAggregator({ by: 'operation', allSpans, percentiles: [...DIFF_PERCENTILES] });
  const samples = new Map<string, number[]>();
  let traceCount = 0;

  function* feed(): Generator<Trace> {
    for (const trace of traces) {
      if (where !== undefined && !trace.nodes.some((node) => where(node, trace))) continue;
      traceCount++;
      latency.add(trace, where);
      for (const node of trace.nodes) {
        const { span } = node;
        if ((!allSpans && !isEntrySpan(node)) || span.timing === 'missing' || span.timing === 'no-duration') continue;
        if (where !== undefined && !where(node, trace)) continue;
        const key = operationKey(span.service, span.operation);
        let list = samples.get(key);
        if (list === undefined) {
          list = [];
          samples.set(key, list);
        }
        list.push(node.durationNs);
      }
      yield trace;
    }
  }
  const critical = aggregateCriticalPaths(feed());

  const operations = new Map<string, OperationProfile>();
  for (const group of latency.result().groups) {
    const key = operationKey(group.service, group.operation ?? '');
    operations.set(key, { group, durationsNs: Float64Array.from(samples.get(key) ?? []).sort() });
  }
  const criticalShares = new Map<string, { service: string; operation: string; share: number }>();
  for (const op of critical.operations) criticalShares.set(operationKey(op.service, op.operation), { service: op.service, operation: op.operation, share: op.share });
  return { traces: traceCount, spans: allSpans ? 'all' : 'entry', operations, criticalShares };
}
