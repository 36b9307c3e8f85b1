/**
 * The statements of the commands that fetch traces and analyse them locally (waterfall, span,
 * critical-path, stats, diff --trace, errors --trace, convert from a table): first which traces (by
 * id or prefix, the one holding a span, the longest, a sample, or all in the range), then their
 * spans by trace id.
 *
 * A trace's spans are read within its own time range when the table has the exporter's
 * `<table>_trace_id_ts` companion (the first and last span start per trace), so a trace that began
 * before the range or ends after it comes whole and only its partitions are read; without it, within
 * the range given.
 */
import { DURATION_SQL, START_SQL, TRACE_ID_SQL } from './columns.js';
import { SPAN_COLUMNS } from './row-to-span.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import type { TableShape } from './table-shape.js';

const ZERO16 = '0000000000000000';

/** Traces whose id is `query` (as any producer writes it) or starts with it; at most `limit`. */
export function traceIdsByPrefixStatement(scope: TableScope, query: string, limit: number): Statement {
  const params = scopeParams(scope);
  const wanted = query.trim().toLowerCase();
  const exact = wanted.length >= 16 ? [...new Set([wanted.padStart(32, '0'), wanted, wanted.toUpperCase()])] : [];
  // A whole 128-bit id is no prefix of another: equality alone lets the TraceId bloom filter skip granules.
  const conditions = [
    ...exact.map((id) => `TraceId = ${params.ref('String', id)}`),
    ...(wanted.length === 32
      ? []
      : [`startsWith(lower(TraceId), ${params.ref('String', wanted)})`, `startsWith(lower(TraceId), ${params.ref('String', ZERO16 + wanted)})`]),
  ];
  return {
    purpose: `the traces whose id is or starts with '${wanted}'`,
    sql: `SELECT ${TRACE_ID_SQL} AS trace_id, any(TraceId) AS raw_id
FROM ${SPANS_TABLE}
WHERE ${IN_RANGE} AND (${conditions.join(' OR ')})
GROUP BY trace_id
ORDER BY trace_id
LIMIT ${params.ref('UInt64', String(limit))}`,
    params: params.all,
  };
}

/** Traces holding a span whose id is `query` (padded) or starts with it. */
export function traceIdsBySpanStatement(scope: TableScope, query: string, limit: number): Statement {
  const params = scopeParams(scope);
  const wanted = query.trim().toLowerCase();
  const padded = /^[0-9a-f]{1,16}$/.test(wanted) ? wanted.padStart(16, '0') : wanted;
  return {
    purpose: `the traces holding a span whose id is or starts with '${wanted}'`,
    sql: `SELECT ${TRACE_ID_SQL} AS trace_id, any(TraceId) AS raw_id
FROM ${SPANS_TABLE}
WHERE ${IN_RANGE} AND (SpanId = ${params.ref('String', padded)} OR startsWith(lower(SpanId), ${params.ref('String', wanted)}))
GROUP BY trace_id
ORDER BY trace_id
LIMIT ${params.ref('UInt64', String(limit))}`,
    params: params.all,
  };
}

export type TraceChoice = 'longest' | 'sample' | 'all';

/**
 * Traces of the range by a rule: the longest first (raw times), a sample (the lowest hashes of the
 * trace id: spread over the range, the same on every run), or all in start order; with the total.
 * `selected`: a condition a span of the trace must meet ('1' for none).
 */
export function traceIdsStatement(scope: TableScope, choice: TraceChoice, limit: number, selected: string, params = scopeParams(scope)): Statement {
  const order =
    choice === 'longest'
      ? `max(${START_SQL} + ${DURATION_SQL}) - min(${START_SQL}) DESC, trace_id`
      : choice === 'sample'
        ? 'cityHash64(trace_id), trace_id'
        : 'min(Timestamp), trace_id';
  return {
    purpose: choice === 'longest' ? 'the longest traces of the range' : choice === 'sample' ? 'a sample of the traces of the range (by a hash of the trace id)' : 'every trace of the range, in start order',
    sql: `SELECT ${TRACE_ID_SQL} AS trace_id, any(TraceId) AS raw_id, count() OVER () AS total
FROM ${SPANS_TABLE}
WHERE ${IN_RANGE}
GROUP BY trace_id${selected === '1' ? '' : `
HAVING countIf(${selected}) > 0`}
ORDER BY ${order}
LIMIT ${params.ref('UInt64', String(limit))}`,
    params: params.all,
  };
}

/** The spans of the traces `rawIds` (as stored), in their own time range when the table keeps it. */
export function spansOfTracesStatement(scope: TableScope, shape: Pick<TableShape, 'traceIdTs'>, rawIds: readonly string[]): Statement {
  const params = scopeParams(scope);
  const ids = params.ref('Array(String)', rawIds);
  let range = IN_RANGE;
  if (shape.traceIdTs !== undefined) {
    const ts = params.named('ts', 'Identifier', shape.traceIdTs.table);
    // Start and End are the first and last span start (DateTime ones cut to the second). The range
    // asked for stays inside, for a trace the time-range table does not know.
    const end = shape.traceIdTs.seconds ? 'toDateTime64(maxOrNull(End), 9) + toIntervalSecond(1)' : 'maxOrNull(End)';
    range = `Timestamp >= least(ifNull((SELECT toDateTime64(minOrNull(Start), 9) FROM {db:Identifier}.${ts} WHERE TraceId IN ${ids}), fromUnixTimestamp64Nano({from:Int64})), fromUnixTimestamp64Nano({from:Int64}))
    AND Timestamp <= greatest(ifNull((SELECT ${end} FROM {db:Identifier}.${ts} WHERE TraceId IN ${ids}), fromUnixTimestamp64Nano({to:Int64})), fromUnixTimestamp64Nano({to:Int64}))`;
  }
  return {
    purpose: shape.traceIdTs !== undefined ? "the traces' spans, each trace whole (its time range from the trace time-range table)" : "the traces' spans within the range",
    sql: `SELECT
    ${SPAN_COLUMNS}
FROM ${SPANS_TABLE}
WHERE TraceId IN ${ids}
    AND ${range}
ORDER BY TraceId, Timestamp, SpanId`,
    params: params.all,
  };
}
