/**
 * The spans of the range with what `latency`, `deps` and `check` need of each, and of each span its
 * parent's service, in SQL. The parent is found as the tree builder finds it (model/tree.ts
 * linkParents): by the parent id within the trace; among spans sharing an id, the server half
 * (kind SERVER) takes the children, else the earliest (a dump's order of reading does not exist in a
 * table); a parent id equal to the span's own, or empty, means no parent. The keys are 64-bit hashes
 * of (trace id, span id), as the streaming path keys spans (analyses/entry-span-stream.ts): a join
 * on one integer instead of two strings.
 *
 * With `pairs`, a server half whose id a client span shares (a Zipkin RPC recorded as two halves of
 * one span) hangs under that client half, as in the tree; `latency` leaves this out (a server half
 * is an entry span whatever its parent), `deps` needs it (the caller is the client's service).
 *
 * `entry` is entry-spans.ts isEntrySpan: a SERVER or CONSUMER span, a root, a span whose parent is
 * not in the range (an orphan, shown as a root), or one whose parent belongs to another service.
 *
 * Parent cycles are not cut (a span in a cycle has a parent), as in the streaming path.
 */
import { DURATION_SQL, ERROR_SQL, KIND_SQL, SERVICE_SQL, START_SQL } from './columns.js';
import { IN_RANGE, SPANS_TABLE } from './scope.js';

/**
 * CTEs `spans` (one row per span of the range; `selected` is the --where condition, 1 without one;
 * `extra`: more columns, as `expression AS name`)
 * and `linked` (each span with `has_parent`, `parent_service` and `entry`).
 */
export function linkedSpansSql(selected: string, pairs = false, extra: readonly string[] = []): string {
  // The joined spans' own columns by name: with two joins, `spans.*` would name them after the table.
  const columns = [...SPAN_COLUMNS, ...extra.map((e) => e.slice(e.lastIndexOf(' AS ') + 4))].map((c) => `spans.${c} AS ${c}`).join(',\n        ');
  return `spans AS (
    SELECT
        cityHash64(TraceId, SpanId) AS span_key,
        if(ParentSpanId = '' OR ParentSpanId = SpanId, 0, cityHash64(TraceId, ParentSpanId)) AS parent_key,
        ParentSpanId = '' AS parentless,
        ${SERVICE_SQL} AS service,
        SpanName AS operation,
        ${KIND_SQL} AS kind,
        ${ERROR_SQL} AS failed,
        ${DURATION_SQL} AS duration_ns,
        ${START_SQL} AS start_ns,
        ${selected} AS selected${extra.map((e) => `,
        ${e}`).join('')}
    FROM ${SPANS_TABLE}
    WHERE ${IN_RANGE}
),
span_services AS (
    -- Per span id, the service its children hang under: the server half's, else the earliest span's.
    SELECT span_key, argMin(service, (kind != 'server', start_ns)) AS owner${pairs ? `,
        countIf(kind = 'client') > 0 AS has_client,
        argMinIf(service, start_ns, kind = 'client') AS client_owner` : ''}
    FROM spans
    GROUP BY span_key
),
linked AS (${pairs ? pairedSql(columns) : unpairedSql(columns)}
)`;
}

const SPAN_COLUMNS = ['span_key', 'parent_key', 'parentless', 'service', 'operation', 'kind', 'failed', 'duration_ns', 'start_ns', 'selected'];

function unpairedSql(columns: string): string {
  return `
    SELECT
        ${columns},
        parent_key != 0 AND parent.span_key != 0 AS has_parent,
        parent.owner AS parent_service,
        kind IN ('server', 'consumer') OR NOT has_parent OR parent_service != service AS entry
    FROM spans
    LEFT ANY JOIN span_services AS parent ON spans.parent_key = parent.span_key`;
}

function pairedSql(columns: string): string {
  return `
    SELECT
        ${columns},
        kind = 'server' AND own.has_client AS under_client,
        under_client OR (parent_key != 0 AND parent.span_key != 0) AS has_parent,
        if(under_client, own.client_owner, parent.owner) AS parent_service,
        kind IN ('server', 'consumer') OR NOT has_parent OR parent_service != service AS entry
    FROM spans
    LEFT ANY JOIN span_services AS parent ON spans.parent_key = parent.span_key
    LEFT ANY JOIN span_services AS own ON spans.span_key = own.span_key`;
}
