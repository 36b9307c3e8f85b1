/**
 * The report's document from one pass over the traces. Every figure comes from the analysis the
 * matching command uses, fed exactly as that command feeds it (with --where too), so the page and
 * `tracectl latency / errors / deps / critical-path --json` on the same input never disagree.
 * Alongside, it counts the summary, keeps the slowest and failing rows, and picks the traces the
 * page carries whole (trace-selection.ts); only those are turned into payloads, at the end.
 */
import { aggregateCriticalPaths } from '../analyses/critical-path-aggregate.js';
import { DepsAggregator } from '../analyses/deps.js';
import { traceErrors } from '../analyses/error-chains.js';
import { ErrorsAggregator } from '../analyses/errors-report.js';
import { LatencyAggregator } from '../analyses/latency.js';
import { traceRow } from '../analyses/trace-list.js';
import { finiteNanos, isoFromNanos, nsToMs } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import type { SpanPredicate } from '../query/compile.js';
import { traceMatches, tracesMatching } from '../query/where-filter.js';
import type { PageMeta, ReportDocument } from './report-data.js';
import { tracePayload } from './trace-payload.js';
import { TraceSelector } from './trace-selection.js';

/** Rows in the summary's "slowest" and "failing" tables. */
const SUMMARY_ROWS = 20;
export const DEFAULT_MAX_TRACES = 200;

export interface ReportOptions {
  readonly meta: PageMeta;
  readonly maxTraces: number;
  readonly where?: { readonly expression: string; readonly matches: SpanPredicate };
  readonly redacted: boolean;
  readonly adjustClockSkew: boolean;
}

export function buildReport(traces: Iterable<Trace>, options: ReportOptions): ReportDocument {
  const where = options.where?.matches;
  const byService = new LatencyAggregator({ by: 'service', histogram: true });
  const byOperation = new LatencyAggregator({ by: 'operation', histogram: true });
  const errors = new ErrorsAggregator();
  const deps = new DepsAggregator();
  const selector = new TraceSelector(options.maxTraces, SUMMARY_ROWS);
  const services = new Set<string>();
  let traceCount = 0;
  let spans = 0;
  let failingTraces = 0;
  let startNs: bigint | undefined;
  let endNs: bigint | undefined;

  function* everyTrace(): Generator<Trace> {
    for (const trace of traces) {
      byService.add(trace, where);
      byOperation.add(trace, where);
      errors.add(trace, where);
      deps.add(trace, where);
      if (where === undefined || traceMatches(trace, where)) {
        traceCount++;
        spans += trace.nodes.length;
        for (const s of trace.services) services.add(s);
        if (trace.errorCount > 0) failingTraces++;
        const end = trace.startNs + BigInt(trace.durationNs);
        if (startNs === undefined || trace.startNs < startNs) startNs = trace.startNs;
        if (endNs === undefined || end > endNs) endNs = end;
        const chains = trace.errorCount > 0 && (traceErrors(trace)?.chains.length ?? 0) > 0;
        selector.add(trace, chains);
      }
      yield trace;
    }
  }
  // critical-path reads only the traces with a matching span (and none is an error), as the command.
  const critical = aggregateCriticalPaths(where === undefined ? everyTrace() : tracesMatching(everyTrace(), where));
  const errorReport = errors.result();
  const chosen = selector.chosen();
  const count = (reason: string): number => chosen.filter((c) => c.reason === reason).length;

  return {
    kind: 'report',
    ...options.meta,
    options: {
      maxTraces: options.maxTraces,
      redacted: options.redacted,
      where: options.where?.expression ?? null,
      adjustClockSkew: options.adjustClockSkew,
    },
    summary: {
      traces: traceCount,
      spans,
      services: [...services].sort(),
      failingTraces,
      startTime: startNs === undefined ? null : isoFromNanos(startNs),
      endTime: endNs === undefined ? null : isoFromNanos(endNs),
      startNs: startNs === undefined ? null : startNs.toString(),
      durationMs: startNs === undefined || endNs === undefined ? 0 : nsToMs(finiteNanos(endNs - startNs)),
    },
    latencyByService: byService.result(),
    latencyByOperation: byOperation.result(),
    errors: { totals: errorReport.totals, groups: errorReport.groups },
    deps: deps.result(),
    criticalPath: { traces: critical.traces, totalCriticalMs: critical.totalCriticalMs, shareOf: 'all-traces', operations: critical.operations },
    slowest: selector.slowestTraces(SUMMARY_ROWS).map(traceRow),
    failing: selector.failingTraces(SUMMARY_ROWS).map(traceRow),
    embedded: { maxTraces: options.maxTraces, slowest: count('slowest'), failing: count('failing'), sample: count('sample'), of: traceCount },
    traces: chosen.map((c) => tracePayload(c.trace, c.reason)),
  };
}
