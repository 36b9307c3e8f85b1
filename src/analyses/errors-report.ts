/**
 * `tracectl errors` over a whole dump: each failed trace's chains and recovered errors, the chains
 * grouped by signature, and the totals a summary line needs. Fed one trace at a time; it keeps the
 * per-trace results (they are the output) and never the traces themselves.
 */
import { adjustedCount } from '../model/span-sampling.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { SamplingTally, type SamplingSummary } from './sampling-tally.js';
import { traceErrors, type TraceErrors } from './error-chains.js';
import { ErrorGroupAggregator, type ErrorGroup } from './error-groups.js';
import { traceErrorsWhere } from './trace-errors-where.js';

export interface ErrorTotals {
  /** Traces read. */
  readonly traces: number;
  /** Traces with at least one error span. */
  readonly tracesWithErrors: number;
  /** Traces with at least one error chain (a failure that reached a root). */
  readonly tracesWithChains: number;
  readonly errorSpans: number;
  readonly chains: number;
  readonly recovered: number;
  /**
   * Sampled input, weighted: traces counted by their adjusted counts (the root span's). Present when
   * some trace's weight is not 1.
   */
  readonly estimated?: { readonly traces: number; readonly tracesWithErrors: number; readonly tracesWithChains: number };
}

export interface ErrorsReport {
  readonly totals: ErrorTotals;
  readonly sampling: SamplingSummary;
  readonly groups: ErrorGroup[];
  /** Traces with error spans, in the order read. */
  readonly traces: TraceErrors[];
}

export interface ErrorsOptions {
  /** Count each trace as its adjusted count (sampled input): its root span's. */
  readonly weighted?: boolean;
}

export class ErrorsAggregator {
  private readonly groups = new ErrorGroupAggregator();
  private readonly failed: TraceErrors[] = [];
  private readonly weighted: boolean;
  private readonly tally = new SamplingTally();
  private traceCount = 0;
  private weights = { traces: 0, tracesWithErrors: 0, tracesWithChains: 0 };
  private weightedDiffers = false;

  constructor(options: ErrorsOptions = {}) {
    this.weighted = options.weighted === true;
  }

  /** `where` (--where): count only the error spans it selects, see trace-errors-where.ts. */
  add(trace: Trace, where?: (node: SpanNode, trace: Trace) => boolean): void {
    this.traceCount++;
    const sampling = trace.root.span.sampling;
    this.tally.add(sampling);
    const weight = this.weighted ? adjustedCount(sampling) : 1;
    if (weight !== 1) this.weightedDiffers = true;
    this.weights.traces += weight;
    const errors = where === undefined ? traceErrors(trace) : traceErrorsWhere(trace, where);
    if (errors === undefined) return;
    this.weights.tracesWithErrors += weight;
    if (errors.chains.length > 0) this.weights.tracesWithChains += weight;
    this.failed.push(errors);
    this.groups.add(errors, weight);
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
      totals: {
        traces: this.traceCount,
        tracesWithErrors: this.failed.length,
        tracesWithChains,
        errorSpans,
        chains,
        recovered,
        ...(this.weightedDiffers ? { estimated: { ...this.weights } } : {}),
      },
      sampling: this.tally.summary(this.weighted),
      groups: this.groups.result(),
      traces: this.failed,
    };
  }
}
