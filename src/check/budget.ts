/**
 * A budget as `tracectl check` reads it: a target (a service, a service and operation, or every
 * trace), a metric of that target, a comparison and a limit. Written `frontend:p99<300ms`,
 * `payments/Charge:p95<=120ms`, `*:error-rate<1%`, `trace:duration<2s`. Parsed once, up front, so a
 * typo costs no read of the input (parse-budget.ts); evaluated over the traces (evaluate-budgets.ts).
 */

/**
 * What a budget is about. Service and operation are glob patterns (`*` stands for any run of
 * characters), matched against the names in the dump; `trace` checks every trace.
 */
export type BudgetTarget =
  | { readonly kind: 'trace' }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'operation'; readonly service: string; readonly operation: string };

/** Metrics of a service or an operation (its entry spans, as `tracectl latency` counts them). */
type GroupMetric = `p${string}` | 'mean' | 'max' | 'count' | 'errors' | 'error-rate' | 'rate';
/** Metrics of one trace. */
type TraceMetric = 'duration' | 'spans' | 'depth';
export type BudgetMetric = GroupMetric | TraceMetric;

export type Comparison = '<' | '<=' | '>' | '>=';

/**
 * The unit of a metric's values and limit: milliseconds for durations, a plain number for counts,
 * a fraction 0..1 for error rates, requests per second for rates.
 */
export type BudgetUnit = 'ms' | 'count' | 'ratio' | 'per-second';

export interface Budget {
  /** The expression as written (trimmed). */
  readonly expression: string;
  /** A name given in a budgets file; the expression names the budget otherwise. */
  readonly name?: string;
  readonly target: BudgetTarget;
  /** The target as written: "frontend", "payments/Charge", "*", "trace". */
  readonly targetText: string;
  readonly metric: BudgetMetric;
  /** The percentile for `p<N>` metrics (in (0, 100]). */
  readonly percentile?: number;
  readonly comparison: Comparison;
  /** In `unit`. */
  readonly limit: number;
  readonly unit: BudgetUnit;
  /** The limit as written ("300ms", "1%"). */
  readonly limitText: string;
}
