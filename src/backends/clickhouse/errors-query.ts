/**
 * `errors` computed in ClickHouse (analyses/error-chains.ts, error-groups.ts, trace-errors-where.ts):
 * the chains of every failed trace of the range grouped by signature — how many traces and chains,
 * the origin, its reason, the path — and the totals; one row per signature comes back, and the
 * chains of a few example traces are fetched afterwards (load-table.ts) to show them in full.
 *
 * Only the traces with an error span are worked on. Their spans become arrays (one element per span,
 * ordered by start and span id) and the tree is found on the arrays (array-sql.ts, no n² steps):
 * - each span's parent, as the tree builder links it (model/tree.ts: the server half of a shared id
 *   takes its children; a server half hangs under the client half sharing its id);
 * - each span's nearest failed ancestor, by pointer jumping;
 * - an origin is a failed span that is no failed span's nearest failed ancestor (nothing below it
 *   failed); its chain is kept when the topmost failure above it is a root, else it was absorbed by
 *   a recovered span (a failed span with a parent and no failed ancestor);
 * - a chain's signature: its root-to-origin path of service:operation steps (a step repeated right
 *   after itself counted once), then " | " and the origin's reason (error-reason-sql.ts);
 * - with --where, a chain counts when one of its failed spans matches, a recovered error when it or
 *   an origin below it does, and only matching failed spans are counted.
 *
 * Parent cycles are not cut; a span in one never reaches a root.
 */
import type { ErrorGroup } from '../../analyses/error-groups.js';
import { EXAMPLE_TRACE_IDS } from '../../analyses/error-groups.js';
import type { ErrorTotals } from '../../analyses/errors-report.js';
import { gatherSql, jumpSql, memberSql, parentIndexSql } from './array-sql.js';
import { ERROR_SQL, KIND_SQL, SERVICE_SQL, START_SQL, TRACE_ID_SQL } from './columns.js';
import type { Row } from './connection.js';
import { errorDescriptionColumns, errorReasonSql } from './error-reason-sql.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import { whereSql } from './where-sql.js';

export function errorsStatement(scope: TableScope, where: string | undefined): Statement {
  const params = scopeParams(scope);
  const selected = where === undefined ? '1' : whereSql(where, params);
  // Element positions in a span tuple.
  const [START, ID, PARENT, SERVICE, NAME, KIND, FAILED, REASON, SELECTED] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const col = (i: number): string => `arrayMap(x -> x.${i}, spans)`;
  const sql = `WITH
failing AS (
    SELECT DISTINCT TraceId FROM ${SPANS_TABLE} WHERE ${IN_RANGE} AND ${ERROR_SQL}
),
described AS (
    SELECT
        TraceId,
        ${START_SQL} AS start_ns,
        SpanId AS span_id,
        ParentSpanId AS parent_id,
        ${SERVICE_SQL} AS service,
        SpanName AS operation,
        ${KIND_SQL} AS kind,
        ${ERROR_SQL} AS failed,
        ${errorDescriptionColumns(params)},
        ${selected} AS selected
    FROM ${SPANS_TABLE}
    WHERE ${IN_RANGE} AND TraceId IN failing
),
grouped AS (
    SELECT
        TraceId,
        arraySort(groupArray((start_ns, span_id, parent_id, service, operation, kind, failed, if(failed, ${errorReasonSql(params)}, ''), toUInt8(selected)))) AS spans
    FROM described
    GROUP BY TraceId
),
columns AS (
    SELECT
        ${TRACE_ID_SQL} AS trace_id,
        arrayMin(${col(START)}) AS trace_start,
        length(spans) AS n,
        toUInt32(ceil(log2(n + 1))) + 1 AS rounds,
        ${col(ID)} AS ids,
        ${col(PARENT)} AS pids,
        ${col(KIND)} AS kinds,
        arrayMap(x -> toUInt8(x.${FAILED}), spans) AS err,
        arrayMap(x -> toUInt8(x.${FAILED} AND x.${SELECTED}), spans) AS hit,
        arrayMap(x -> concat(x.${SERVICE}, ':', x.${NAME}), spans) AS names,
        arrayMap(x -> (x.${SERVICE}, x.${NAME}, x.${REASON}), spans) AS about
    FROM grouped
),
linked AS (
    SELECT
        *,
        ${parentIndexSql('ids', 'pids', 'kinds')} AS parent
    FROM columns
),
failures AS (
    SELECT
        *,
        arrayMap((q, e) -> if(e = 1, q, toUInt32(0)), ${jumpSql('parent', 'err', 'rounds')} AS up, ${gatherSql('err', 'up')}) AS nearest,
        ${memberSql("arrayMap((q, e) -> if(e = 1, q, toUInt32(0)), nearest, err)", 'n')} AS failed_below,
        arrayMap((e, b) -> toUInt8(e = 1 AND b = 0), err, failed_below) AS origin,
        arrayMap((q, i) -> if(q = 0, toUInt32(i), q), ${jumpSql('nearest', "arrayMap(q -> toUInt8(q = 0), nearest)", 'rounds')}, range(1, n + 1)) AS top,
        arrayMap((e, p, q) -> toUInt8(e = 1 AND p != 0 AND q = 0), err, parent, nearest) AS recovered
    FROM linked
),
paths AS (
    SELECT
        *,
        ${gatherSql('parent', 'top')} AS top_parent,
        -- Root-to-span paths by pointer jumping: each round prepends what lies above the part known.
        arrayFold((acc, r) -> (arrayMap((above, mine) -> arrayConcat(above, mine), ${gatherSql('acc.1', 'acc.2')}, acc.1), ${gatherSql('acc.2', 'acc.2')}),
            range(rounds), (arrayMap((name, h) -> [(name, h)], names, hit), parent)).1 AS path,
        -- Origins kept under a recovered span (--where: one of them, or the span, matches).
        ${memberSql("arrayMap((o, h, t) -> if(o = 1 AND h = 1, t, toUInt32(0)), origin, hit, top)", 'n')} AS matched_below
    FROM failures
),
chains AS (
    SELECT
        trace_id,
        trace_start,
        arrayFilter((c, k) -> k = 1, arrayMap((o, p, a) -> (o, p, a), origin, path, about),
            arrayMap((o, tp, p) -> toUInt8(o = 1 AND tp = 0 AND arrayExists(s -> s.2 = 1, p)), origin, top_parent, path)) AS kept,
        arraySum(hit) AS error_spans,
        arraySum(arrayMap((rc, h, m) -> rc = 1 AND (h = 1 OR m = 1), recovered, hit, matched_below)) AS kept_recovered
    FROM paths
),
rows AS (
    SELECT
        trace_id,
        trace_start,
        arrayJoin(arrayConcat([(0, '', [], ('', '', ''), error_spans, kept_recovered, length(kept))],
            arrayMap(c -> (1, arrayStringConcat(arrayFilter((s, prev) -> s != prev, arrayMap(s -> s.1, c.2), arrayPushFront(arrayPopBack(arrayMap(s -> s.1, c.2)), '')), ' > '), arrayFilter((s, prev) -> s != prev, arrayMap(s -> s.1, c.2), arrayPushFront(arrayPopBack(arrayMap(s -> s.1, c.2)), '')), c.3, 0, 0, 0), kept))) AS row
    FROM chains
    WHERE error_spans > 0 AND (length(kept) > 0 OR kept_recovered > 0)
)
SELECT
    row.1 = 1 AS is_chain,
    if(is_chain, concat(row.2, ' | ', row.4.3), '') AS signature,
    any(row.3) AS path,
    any(row.4) AS origin,
    uniqExactIf(trace_id, is_chain) AS trace_count,
    countIf(is_chain) AS chain_count,
    arraySlice(arrayMap(t -> t.2, arraySort(groupUniqArrayIf((trace_start, trace_id), is_chain))), 1, ${EXAMPLE_TRACE_IDS}) AS examples,
    countIf(NOT is_chain) AS failed_traces,
    countIf(NOT is_chain AND row.7 > 0) AS traces_with_chains,
    sumIf(row.5, NOT is_chain) AS error_spans,
    sumIf(row.7, NOT is_chain) AS chains,
    sumIf(row.6, NOT is_chain) AS recovered
FROM rows
GROUP BY is_chain, signature
ORDER BY is_chain, trace_count DESC, chain_count DESC, signature`;
  return { purpose: 'error chains grouped by signature, and the totals (worked out per failed trace in ClickHouse: one row per signature)', sql, params: params.all };
}

export interface PushedErrors {
  readonly totals: Omit<ErrorTotals, 'traces'>;
  readonly groups: ErrorGroup[];
}

export function errorsFromRows(rows: readonly Row[]): PushedErrors {
  let totals: Omit<ErrorTotals, 'traces'> = { tracesWithErrors: 0, tracesWithChains: 0, errorSpans: 0, chains: 0, recovered: 0 };
  const groups: ErrorGroup[] = [];
  for (const row of rows) {
    if (Number(row.is_chain) !== 1) {
      totals = {
        tracesWithErrors: Number(row.failed_traces),
        tracesWithChains: Number(row.traces_with_chains),
        errorSpans: Number(row.error_spans),
        chains: Number(row.chains),
        recovered: Number(row.recovered),
      };
      continue;
    }
    const origin = row.origin as [string, string, string];
    groups.push({
      signature: String(row.signature),
      count: Number(row.trace_count),
      chains: Number(row.chain_count),
      traceIds: (row.examples as string[]).map(String),
      origin: { service: origin[0], operation: origin[1] },
      reason: origin[2],
      path: (row.path as string[]).map(String),
    });
  }
  // The aggregator's order (error-groups.ts): most traces, most chains, then by signature.
  groups.sort((a, b) => b.count - a.count || b.chains - a.chains || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  return { totals, groups };
}
