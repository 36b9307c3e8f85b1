/**
 * Decides every budget over a dump: the numbers `tracectl latency` shows (the same aggregator, so
 * `check` and `latency` can never disagree about a p99), and per trace its duration, span count and
 * depth. Traces are read once, one at a time.
 *
 * A budget whose target is a glob (`*:error-rate<1%`) holds when it holds for every service or
 * operation it matches; `trace:` budgets hold when they hold for every trace. The value reported is
 * the worst one (the highest against `<`/`<=`, the lowest against `>`/`>=`), with what it belongs to.
 *
 * A budget whose target matches nothing FAILS: in CI a misspelt service name, or a test run that
 * exported no traces of it, would otherwise pass forever without checking anything.
 */
import { LatencyAggregator, type LatencyGroup } from '../analyses/latency.js';
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { SamplingTally, type SamplingSummary } from '../analyses/sampling-tally.js';
import type { Budget, BudgetUnit, Comparison } from './budget.js';
import { globMatcher, isGlob } from './glob-match.js';
import { classicKeys, type GroupKey } from '../query/group-keys.js';

/** A service (operation null) or an operation of a service; with --by, one group of it (`keys`: the --by keys' values, null where the spans lacked it). */
interface GroupSubject {
  readonly service: string;
  readonly operation: string | null;
  readonly keys?: Readonly<Record<string, string | null>>;
}
interface TraceSubject {
  readonly traceId: string;
}
export type BudgetSubject = GroupSubject | TraceSubject;

/** `actual` is null for a value that cannot be measured (a rate over a dump that lasts no time). */
type Violation = BudgetSubject & { readonly actual: number | null };

export interface BudgetOutcome {
  /** The expression as written. */
  readonly budget: string;
  /** A budgets file's name for it, when it gave one. */
  readonly name?: string;
  readonly target: string;
  readonly targetKind: 'service' | 'operation' | 'trace';
  /** Whether the target has a '*' (it may match several services or operations, or none). */
  readonly glob: boolean;
  readonly metric: string;
  readonly comparison: Comparison;
  /** In `unit`: milliseconds, a count, a fraction 0..1, or per second. */
  readonly limit: number;
  /** The limit as written ("300ms", "1%"). */
  readonly limitText: string;
  readonly unit: BudgetUnit;
  /** The worst value among what the target matched (in `unit`); null when it matched nothing. */
  readonly actual: number | null;
  readonly passed: boolean;
  /** Services, operations or traces the target matched. */
  readonly matched: number;
  /** How many of them break the budget. */
  readonly failing: number;
  /** What `actual` belongs to. */
  readonly worst: BudgetSubject | null;
  /**
   * The target matched no entry span but does match spans that are not entry spans (a client call,
   * an internal step): `--all-spans` would count them. False otherwise, and where not measured.
   */
  readonly onlyNonEntrySpans: boolean;
  /** Those that break the budget, worst first; at most MAX_VIOLATIONS. */
  readonly violations: Violation[];
}

export interface CheckResult {
  readonly passed: boolean;
  /** Budgets checked. */
  readonly total: number;
  readonly failed: number;
  /** Traces read. */
  readonly traces: number;
  readonly spans: 'entry' | 'all';
  /** With --by: the keys service and operation budgets were decided per group of. */
  readonly groupKeys?: string[];
  /** Whether the input is sampled and service and operation figures were weighted by adjusted count. */
  readonly sampling: SamplingSummary;
  readonly results: BudgetOutcome[];
}

export interface CheckOptions {
  /** Count every span for service and operation metrics, not only entry spans. */
  readonly allSpans?: boolean;
  /**
   * --where: services and operations count only the spans it selects; trace budgets check only the
   * traces with at least one such span.
   */
  readonly where?: (node: SpanNode, trace: Trace) => boolean;
  /** Sampled input: count each span as its adjusted count (as `tracectl latency` does by default). */
  readonly weighted?: boolean;
  /** --by: keys beyond service and operation; service and operation budgets are decided in each group of them. */
  readonly by?: readonly GroupKey[];
}

export const MAX_VIOLATIONS = 100;

/** Per trace: id, duration (ms), spans, depth (levels: a trace of one span has depth 1). */
interface TraceFacts {
  readonly ids: string[];
  readonly values: { duration: number[]; spans: number[]; depth: number[] };
}

export function evaluateBudgets(budgets: readonly Budget[], traces: Iterable<Trace>, options: CheckOptions = {}): CheckResult {
  const allSpans = options.allSpans === true;
  const weighted = options.weighted === true;
  const extra = options.by ?? [];
  const byService = aggregatorFor(budgets, 'service', allSpans, weighted, extra);
  const byOperation = aggregatorFor(budgets, 'operation', allSpans, weighted, extra);
  // What the dump says about sampling, whichever budgets there are.
  const tally = new SamplingTally();
  const wantTraces = budgets.some((b) => b.target.kind === 'trace');
  const facts: TraceFacts = { ids: [], values: { duration: [], spans: [], depth: [] } };

  const where = options.where;
  // Every service and operation, entry span or not, to tell a budget that matched no entry span
  // whether --all-spans would have found it something.
  const spanNames = allSpans || (byService === undefined && byOperation === undefined) ? undefined : new Map<string, { service: string; operation: string }>();
  let traceCount = 0;
  for (const trace of traces) {
    traceCount++;
    for (const node of trace.nodes) {
      tally.add(node.span.sampling);
      if (spanNames !== undefined && (where === undefined || where(node, trace))) {
        const key = `${node.span.service}\u0000${node.span.operation}`;
        if (!spanNames.has(key)) spanNames.set(key, { service: node.span.service, operation: node.span.operation });
      }
    }
    byService?.add(trace, where);
    byOperation?.add(trace, where);
    if (wantTraces && (where === undefined || trace.nodes.some((node) => where(node, trace)))) {
      let deepest = 0;
      for (const node of trace.nodes) if (node.depth > deepest) deepest = node.depth;
      facts.ids.push(trace.traceId);
      facts.values.duration.push(nsToMs(trace.durationNs));
      facts.values.spans.push(trace.nodes.length);
      facts.values.depth.push(deepest + 1);
    }
  }

  return checkResult(budgets, {
    serviceGroups: byService?.result().groups ?? [],
    operationGroups: byOperation?.result().groups ?? [],
    traceCount,
    ...(spanNames !== undefined ? { spanNames: [...spanNames.values()] } : {}),
    sampling: tally.summary(weighted),
    traceBudget: (budget) => {
      const values = facts.values[budget.metric as keyof TraceFacts['values']];
      return summarize(budget, facts.ids.map((traceId, i) => ({ subject: { traceId }, value: values[i]! })));
    },
  }, allSpans, extra.map((k) => k.name));
}

/**
 * What budgets are decided from, however it was measured: the latency groups (as `latency` computes
 * them, with the percentiles of budgetPercentiles) and, per trace budget, its summary. A dump's are
 * measured here; a table's where its spans are (src/backends/clickhouse/check-query.ts).
 */
export interface BudgetMeasures {
  readonly serviceGroups: readonly LatencyGroup[];
  readonly operationGroups: readonly LatencyGroup[];
  /** Traces read. */
  readonly traceCount: number;
  /** Whether the spans were sampled, and whether the groups were weighted (see SamplingTally). */
  readonly sampling: SamplingSummary;
  readonly traceBudget: (budget: Budget) => BudgetSummary;
  /** Service and operation of every span, entry or not (when entry spans were counted): for `onlyNonEntrySpans`. */
  readonly spanNames?: readonly { readonly service: string; readonly operation: string }[];
}

/** One budget measured: how many subjects, how many break it, the worst, the worst breakers. */
export interface BudgetSummary {
  readonly matched: number;
  readonly failing: number;
  readonly worst: { readonly subject: BudgetSubject; readonly value: number | null } | undefined;
  /** Worst first, at most MAX_VIOLATIONS. */
  readonly violations: readonly { readonly subject: BudgetSubject; readonly value: number | null }[];
}

export function checkResult(budgets: readonly Budget[], measures: BudgetMeasures, allSpans: boolean, groupKeys: readonly string[] = []): CheckResult {
  const results = budgets.map((budget) => {
    if (budget.target.kind === 'trace') return outcome(budget, measures.traceBudget(budget));
    const target = budget.target;
    const serviceMatch = globMatcher(target.service);
    const operationMatch = target.kind === 'operation' ? globMatcher(target.operation) : () => true;
    const groups = target.kind === 'service' ? measures.serviceGroups : measures.operationGroups;
    const measured = groups
      .filter((g) => serviceMatch(g.service) && operationMatch(g.operation ?? ''))
      .map((g) => ({ subject: groupSubject(g, groupKeys), value: groupValue(g, budget) }));
    const onlyNonEntry = measured.length === 0 && (measures.spanNames ?? []).some((n) => serviceMatch(n.service) && operationMatch(n.operation));
    return outcome(budget, summarize(budget, measured), onlyNonEntry);
  });
  const failed = results.filter((r) => !r.passed).length;
  return { passed: failed === 0, total: results.length, failed, traces: measures.traceCount, spans: allSpans ? 'all' : 'entry', ...(groupKeys.length > 0 ? { groupKeys: [...groupKeys] } : {}), sampling: measures.sampling, results };
}

/** A latency group as a budget's subject: its service and operation, and with --by its other keys' values. */
function groupSubject(g: LatencyGroup, groupKeys: readonly string[]): GroupSubject {
  if (groupKeys.length === 0) return { service: g.service, operation: g.operation };
  const keys: Record<string, string | null> = {};
  for (const name of groupKeys) keys[name] = g.keys[name] ?? null;
  return { service: g.service, operation: g.operation, keys };
}

/** The percentiles the budgets on services (or operations) ask for; undefined when there are no such budgets. */
export function budgetPercentiles(budgets: readonly Budget[], kind: 'service' | 'operation'): number[] | undefined {
  const mine = budgets.filter((b) => b.target.kind === kind);
  if (mine.length === 0) return undefined;
  const percentiles = [...new Set(mine.flatMap((b) => (b.percentile !== undefined ? [b.percentile] : [])))];
  return percentiles.length > 0 ? percentiles : [50];
}

/** An aggregator for the budgets on services (or operations), with every percentile they ask for; per group of `extra` too. */
function aggregatorFor(budgets: readonly Budget[], kind: 'service' | 'operation', allSpans: boolean, weighted: boolean, extra: readonly GroupKey[]): LatencyAggregator | undefined {
  const percentiles = budgetPercentiles(budgets, kind);
  if (percentiles === undefined) return undefined;
  return new LatencyAggregator({ by: extra.length === 0 ? kind : [...classicKeys(kind), ...extra], allSpans, weighted, percentiles });
}

/** A group's value for the budget's metric; null for a rate over a dump that lasts no time. */
function groupValue(g: LatencyGroup, budget: Budget): number | null {
  switch (budget.metric) {
    case 'mean':
      return g.meanMs;
    case 'max':
      return g.maxMs;
    case 'count':
      return g.count;
    case 'errors':
      return g.errors;
    case 'error-rate':
      return g.errorRate;
    case 'rate':
      return g.ratePerSec;
    default:
      return g.percentilesMs[String(budget.percentile)]!;
  }
}

/** True when `value` keeps the budget. A value that cannot be measured (null) never does. */
export function holds(value: number | null, comparison: Comparison, limit: number): boolean {
  if (value === null) return false;
  switch (comparison) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** Worst first: the furthest past the limit; an unmeasurable value (null) is worse than any. */
function worseFirst(budget: Budget): (a: number | null, b: number | null) => number {
  const upper = budget.comparison === '<' || budget.comparison === '<=';
  return (a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    return upper ? b - a : a - b;
  };
}

function summarize(budget: Budget, measured: readonly { subject: BudgetSubject; value: number | null }[]): BudgetSummary {
  const worse = worseFirst(budget);
  let worst: { subject: BudgetSubject; value: number | null } | undefined;
  const failing: { subject: BudgetSubject; value: number | null }[] = [];
  for (const m of measured) {
    if (worst === undefined || worse(m.value, worst.value) < 0) worst = m;
    if (!holds(m.value, budget.comparison, budget.limit)) failing.push(m);
  }
  failing.sort((a, b) => worse(a.value, b.value));
  return { matched: measured.length, failing: failing.length, worst, violations: failing.slice(0, MAX_VIOLATIONS) };
}

function outcome(budget: Budget, summary: BudgetSummary, onlyNonEntrySpans = false): BudgetOutcome {
  return {
    budget: budget.expression,
    ...(budget.name !== undefined ? { name: budget.name } : {}),
    target: budget.targetText,
    targetKind: budget.target.kind,
    glob: budget.target.kind !== 'trace' && (isGlob(budget.target.service) || (budget.target.kind === 'operation' && isGlob(budget.target.operation))),
    metric: budget.metric,
    comparison: budget.comparison,
    limit: budget.limit,
    limitText: budget.limitText,
    unit: budget.unit,
    actual: summary.worst?.value ?? null,
    passed: summary.matched > 0 && summary.failing === 0,
    matched: summary.matched,
    failing: summary.failing,
    worst: summary.worst?.subject ?? null,
    onlyNonEntrySpans,
    violations: summary.violations.map((f) => ({ ...f.subject, actual: f.value })),
  };
}
