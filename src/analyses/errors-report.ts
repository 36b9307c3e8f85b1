/**
 * `tracectl errors` over a whole dump: each failed trace's chains and recovered errors, the chains
 * grouped by signature, and the totals a summary line needs. Fed one trace at a time; it keeps the
 * per-trace results (they are the output) and never the traces themselves.
 */
import type { SpanNode, Trace } from '../model/trace.js';
import { traceErrors, type TraceErrors } from './error-chains.js';
import { ErrorGroupAggregator, type ErrorGroup } from './error-groups.js';
import { traceErrorsWhere } from './trace-errors-where.js';

interface ErrorTotals {
  /** Traces read. */
  readonly traces: number;
  /** Traces with at least one error span. */
  readonly tracesWithErrors: number;
  /** Traces with at least one error chain (a failure that reached a root). */
  readonly tracesWithChains: number;
  readonly errorSpans: number;
  readonly chains: number;
  readonly recovered: number;
}

export interface ErrorsReport {
  readonly totals: ErrorTotals;
  readonly groups: ErrorGroup[];
  /** Traces with error spans, in the order read. */
  readonly traces: TraceErrors[];
}

export class ErrorsAggregator {
  private readonly groups = new ErrorGroupAggregator();
  private readonly failed: TraceErrors[] = [];
  private traceCount = 0;

  /** `where` (--where): count only the error spans it selects, see trace-errors-where.ts. */
  add(trace: Trace, where?: (node: SpanNode, trace: Trace) => boolean): void {
    this.traceCount++;
    const errors = where === undefined ? traceErrors(trace) : traceErrorsWhere(trace, where);
    if (errors === undefined) return;
    this.failed.push(errors);
    this.groups.add(errors);
  }

  result(): ErrorsReport {
    let errorSpans = 0;
    let chains = 0;
    let recovered = 0;
    let tracesWithChains = 0;
    for (const t of this.failed) {
      errorSpans += t.errorSpans;
      chains += t.chains.length;
      recovered += t.recovered.length;
      if (t.chains.length > 0) tracesWithChains++;
    }
    return {
      totals: { traces: this.traceCount, tracesWithErrors: this.failed.length, tracesWithChains, errorSpans, chains, recovered },
      groups: this.groups.result(),
      traces: this.failed,
    };
  }
}
