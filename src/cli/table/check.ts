/**
 * `tracectl check clickhouse://… --budget …`: the budgets decided from what ClickHouse computes —
 * the latency groups of services and operations (the latency statement, so check and latency agree
 * on a table as on a dump) and the trace budgets over every trace of the range.
 */
import { storedSpansSummary } from '../../analyses/sampling-tally.js';
import { latencySettings } from '../../analyses/latency.js';
import { traceBudgetSummary, traceBudgetsStatement } from '../../backends/clickhouse/check-query.js';
import { traceCountStatement } from '../../backends/clickhouse/deps-query.js';
import { latencyFromRows, latencyStatement, windowStatement } from '../../backends/clickhouse/latency-query.js';
import type { Statement } from '../../backends/clickhouse/statement.js';
import type { Budget } from '../../check/budget.js';
import { budgetPercentiles, checkResult, type CheckResult } from '../../check/evaluate-budgets.js';
import { RunComplete } from '../../errors.js';
import type { CheckCliOptions } from '../commands/check.js';
import type { RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';

export async function checkOnTable(paths: readonly string[], options: CheckCliOptions, ctx: RunContext, budgets: readonly Budget[]): Promise<CheckResult> {
  const session = TableSession.open(paths, options, ctx);
  const allSpans = options.allSpans === true;
  const settings = (['service', 'operation'] as const).map((by) => {
    const percentiles = budgetPercentiles(budgets, by);
    return percentiles === undefined ? undefined : latencySettings({ by, allSpans, percentiles });
  });
  const traceBudgets = budgets.filter((b) => b.target.kind === 'trace');
  const latency = settings.map((s) => (s === undefined ? undefined : latencyStatement(session.scope, s, options.where)));
  const window = windowStatement(session.scope);
  const traceStatement = traceBudgets.length > 0 ? traceBudgetsStatement(session.scope, traceBudgets, options.where) : undefined;
  const count = traceCountStatement(session.scope);
  const planned = [...latency, latency.some((s) => s !== undefined) ? window : undefined, traceStatement, count].filter((s): s is Statement => s !== undefined);
  if (session.printPlan(planned)) throw new RunComplete();

  return withTableSession(session, async (s) => {
    await s.shape();
    const [windowRow] = latency.some((st) => st !== undefined) ? await s.rows(window) : [];
    const groups = [];
    for (let i = 0; i < 2; i++) {
      const statement = latency[i];
      groups.push(statement === undefined ? [] : latencyFromRows(settings[i]!, await s.rows(statement), windowRow).groups);
    }
    const [traceRow] = traceStatement === undefined ? [] : await s.rows(traceStatement);
    const [counted] = await s.rows(count);
    return checkResult(budgets, {
      serviceGroups: groups[0]!,
      operationGroups: groups[1]!,
      traceCount: Number(counted?.traces ?? 0),
      sampling: storedSpansSummary(),
      traceBudget: (budget) => traceBudgetSummary(traceRow!, traceBudgets.indexOf(budget)),
    }, allSpans);
  });
}
