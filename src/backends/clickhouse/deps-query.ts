/**
 * `deps` computed in ClickHouse (analyses/deps.ts): per service its spans, errors and whether it
 * owns a parentless span; per caller → callee pair (a span whose parent belongs to another service)
 * the calls, errors and the callee spans' nearest-rank p50 and p99. One pass over the range, grouped
 * two ways at once (GROUPING SETS): a row per service and a row per (parent service, service); rows
 * that are no call (same service, no parent) carry zero calls and are dropped here.
 *
 * A Zipkin server half hangs under its client half (entry-spans-sql.ts `pairs`), so an RPC recorded
 * as two halves is one call, as in the tree.
 */
import { storedSpansSummary } from '../../analyses/sampling-tally.js';
import type { DepsEdge, DepsService, ServiceDeps } from '../../analyses/deps.js';
import { nsToMs } from '../../model/time.js';
import type { Row } from './connection.js';
import { linkedSpansSql } from './entry-spans-sql.js';
import { nearestRankSql } from './nearest-rank-sql.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import { whereSql } from './where-sql.js';

export function depsStatement(scope: TableScope, where: string | undefined): Statement {
  const params = scopeParams(scope);
  const selected = where === undefined ? '1' : whereSql(where, params);
  const sql = `WITH ${linkedSpansSql(selected, true)},
selected AND has_parent AND parent_service != service AS call,
arraySort(groupArrayIf(duration_ns, call)) AS call_durations
SELECT
    grouping(parent_service) AS per_service,
    service,
    parent_service AS caller,
    countIf(selected) AS spans,
    countIf(selected AND failed) AS errors,
    max(selected AND parentless AND NOT under_client) AS entry,
    max(NOT selected AND parentless AND NOT under_client) AS uncounted_entry,
    countIf(call) AS calls,
    countIf(call AND failed) AS call_errors,
    if(calls = 0, 0, ${nearestRankSql('call_durations', 'length(call_durations)', 50, params)}) AS p50_ns,
    if(calls = 0, 0, ${nearestRankSql('call_durations', 'length(call_durations)', 99, params)}) AS p99_ns
FROM linked
GROUP BY GROUPING SETS ((service), (parent_service, service))
HAVING per_service = 1 OR calls > 0`;
  return { purpose: 'services and caller → callee edges (aggregated in ClickHouse: one row per service and per edge)', sql, params: params.all };
}

/** How many traces have a span in the range (the summary line's count). */
export function traceCountStatement(scope: TableScope): Statement {
  return {
    purpose: 'how many traces have a span in the range',
    sql: `SELECT uniqExact(TraceId) AS traces FROM ${SPANS_TABLE} WHERE ${IN_RANGE}`,
    params: scopeParams(scope).all,
  };
}

export function depsFromRows(rows: readonly Row[], filtered: boolean): ServiceDeps {
  const services = new Map<string, { spans: number; errors: number; entry: boolean; uncounted: boolean }>();
  const edges: DepsEdge[] = [];
  for (const row of rows) {
    const name = String(row.service);
    if (Number(row.per_service) === 1) {
      services.set(name, { spans: Number(row.spans), errors: Number(row.errors), entry: Number(row.entry) === 1, uncounted: Number(row.uncounted_entry) === 1 });
      continue;
    }
    const calls = Number(row.calls);
    const errors = Number(row.call_errors);
    edges.push({ from: String(row.caller), to: name, calls, errors, errorRate: errors / calls, p50Ms: nsToMs(Number(row.p50_ns)), p99Ms: nsToMs(Number(row.p99_ns)) });
  }
  // As the aggregator lists them: services with a counted span, and (with --where) every caller of a counted call.
  const listed: DepsService[] = [];
  const callers = new Set(edges.map((e) => e.from));
  for (const [name, s] of services) {
    if (s.spans === 0 && !(filtered && callers.has(name))) continue;
    listed.push({ name, spans: s.spans, errors: s.errors, entry: s.entry || s.uncounted });
  }
  listed.sort((a, b) => compare(a.name, b.name));
  edges.sort((a, b) => b.calls - a.calls || compare(a.from, b.from) || compare(a.to, b.to));
  return { services: listed, edges, sampling: storedSpansSummary() };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
