/**
 * `check`'s trace budgets (trace:duration, trace:spans, trace:depth) decided in ClickHouse: per
 * trace of the range its duration, span count and depth, and per budget how many traces it covers,
 * how many break it, the worst, and the 100 worst breakers (check/evaluate-budgets.ts summarize);
 * one row comes back. Service and operation budgets come from the latency statement.
 *
 * A trace's duration is as stored (no clock-skew correction, as --no-adjust); its depth counts
 * levels of the tree linked as in model/tree.ts (array-sql.ts), a trace of one span having depth 1.
 * Traces breaking a budget by the same value are listed by trace id (a dump lists them as read).
 */
import type { Budget, Comparison } from '../../check/budget.js';
import { MAX_VIOLATIONS, type BudgetSummary } from '../../check/evaluate-budgets.js';
import { depthSql, parentIndexSql } from './array-sql.js';
import { DURATION_SQL, KIND_SQL, START_SQL, TRACE_ID_SQL } from './columns.js';
import type { Row } from './connection.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import { whereSql } from './where-sql.js';

const VALUE: Readonly<Record<string, string>> = {
  duration: 'duration_ms',
  spans: 'spans',
  depth: 'depth',
};

export function traceBudgetsStatement(scope: TableScope, budgets: readonly Budget[], where: string | undefined): Statement {
  const params = scopeParams(scope);
  const selected = where === undefined ? '1' : whereSql(where, params);
  const wantDepth = budgets.some((b) => b.metric === 'depth');
  const columns = budgets.map((b, i) => {
    const value = VALUE[b.metric]!;
    const limit = params.ref('Float64', b.limit);
    const holds = `(${value} ${sqlComparison(b.comparison)} ${limit})`;
    const upper = b.comparison === '<' || b.comparison === '<=';
    const order = upper ? `(-x.1, x.2)` : `(x.1, x.2)`;
    return `countIf(NOT ${holds}) AS failing_${i},
    argMin((toFloat64(${value}), trace_id), (${upper ? `-toFloat64(${value})` : `toFloat64(${value})`}, trace_id)) AS worst_${i},
    arraySlice(arraySort(x -> ${order}, groupArrayIf((toFloat64(${value}), trace_id), NOT ${holds})), 1, ${MAX_VIOLATIONS}) AS violations_${i}`;
  });
  const facts = wantDepth
    ? `SELECT
        trace_id,
        duration_ms,
        spans,
        arrayMax(${depthSql(parentIndexSql("arrayMap(x -> x.2, tree)", "arrayMap(x -> x.3, tree)", "arrayMap(x -> x.4, tree)"), 'toUInt32(ceil(log2(spans + 1))) + 1')}) + 1 AS depth
    FROM (
        SELECT
            ${TRACE_ID_SQL} AS trace_id,
            (max(${START_SQL} + ${DURATION_SQL}) - min(${START_SQL})) / 1e6 AS duration_ms,
            count() AS spans,
            arraySort(groupArray((${START_SQL}, SpanId, ParentSpanId, ${KIND_SQL}))) AS tree
        FROM ${SPANS_TABLE}
        WHERE ${IN_RANGE}
        GROUP BY trace_id
        HAVING countIf(${selected}) > 0
    )`
    : `SELECT
        ${TRACE_ID_SQL} AS trace_id,
        (max(${START_SQL} + ${DURATION_SQL}) - min(${START_SQL})) / 1e6 AS duration_ms,
        count() AS spans
    FROM ${SPANS_TABLE}
    WHERE ${IN_RANGE}
    GROUP BY trace_id
    HAVING countIf(${selected}) > 0`;
  return {
    purpose: 'the trace budgets, decided over every trace of the range in ClickHouse (one row)',
    sql: `SELECT
    count() AS matched,
    ${columns.join(',\n    ')}
FROM (${facts})`,
    params: params.all,
  };
}

/** The summary of budget `index` (of the budgets given to the statement) from its one row. */
export function traceBudgetSummary(row: Row, index: number): BudgetSummary {
  const matched = Number(row.matched);
  const worst = row[`worst_${index}`] as [number | string, string];
  const violations = (row[`violations_${index}`] as [number | string, string][]).map(([value, traceId]) => ({ subject: { traceId }, value: Number(value) }));
  return {
    matched,
    failing: Number(row[`failing_${index}`]),
    worst: matched === 0 ? undefined : { subject: { traceId: worst[1] }, value: Number(worst[0]) },
    violations,
  };
}

function sqlComparison(c: Comparison): string {
  return c;
}
