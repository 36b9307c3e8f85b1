/**
 * `traces` computed in ClickHouse (analyses/trace-list.ts): one row per trace with a span in the
 * range — its root's service and operation, start, duration, spans, services and errors — sorted
 * and cut (--sort, --limit) in the query, with the number of traces before the cut.
 *
 * The root is the tree's (model/tree.ts): among the spans without a parent in the range, the
 * earliest that is not an orphan (a span whose parent is missing), else the earliest orphan; of
 * roots that start together, the lowest span id (a dump takes the first read). Times
 * are as stored, with no clock-skew correction (as --no-adjust on a dump): the start is the earliest
 * span start, the duration runs to the latest span end.
 */
import type { TraceSortKey } from '../../analyses/choices.js';
import type { TraceList, TraceRow } from '../../analyses/trace-list.js';
import { isoFromNanos, nsToMs } from '../../model/time.js';
import type { Row } from './connection.js';
import { linkedSpansSql } from './entry-spans-sql.js';
import { TRACE_ID_SQL } from './columns.js';
import { scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import { whereSql } from './where-sql.js';

const ORDER: Readonly<Record<TraceSortKey, string>> = {
  start: 'trace_start_ns, trace_id',
  duration: 'trace_duration_ns DESC, trace_start_ns, trace_id',
  spans: 'spans DESC, trace_start_ns, trace_id',
  errors: 'errors DESC, trace_start_ns, trace_id',
};

export function tracesStatement(scope: TableScope, sort: TraceSortKey, limit: number, where: string | undefined): Statement {
  const params = scopeParams(scope);
  const selected = where === undefined ? '1' : whereSql(where, params);
  const sql = `WITH ${linkedSpansSql(selected, true, [`${TRACE_ID_SQL} AS trace_id`, 'SpanId AS span_id'])}
SELECT
    trace_id,
    argMinIf((service, operation), (parent_key != 0, start_ns, span_id), NOT has_parent) AS root,
    min(start_ns) AS trace_start_ns,
    max(start_ns + duration_ns) - trace_start_ns AS trace_duration_ns,
    count() AS spans,
    uniqExact(service) AS services,
    countIf(failed) AS errors,
    count() OVER () AS total
FROM linked
GROUP BY trace_id
HAVING countIf(selected) > 0
ORDER BY ${ORDER[sort]}
LIMIT ${params.ref('UInt64', String(limit))}`;
  return { purpose: `one row per trace, sorted by ${sort} and cut to --limit in ClickHouse`, sql, params: params.all };
}

export function tracesFromRows(rows: readonly Row[]): TraceList {
  const traces: TraceRow[] = rows.map((row) => {
    const root = row.root as [string, string];
    return {
      traceId: String(row.trace_id),
      rootService: String(root[0]),
      rootOperation: String(root[1]),
      startTime: isoFromNanos(BigInt(String(row.trace_start_ns))),
      durationMs: nsToMs(Number(row.trace_duration_ns)),
      spans: Number(row.spans),
      services: Number(row.services),
      errors: Number(row.errors),
    };
  });
  return { total: rows.length === 0 ? 0 : Number(rows[0]!.total), traces };
}
