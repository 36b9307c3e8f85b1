/**
 * How tracectl reads the exporter's columns, in SQL and in JavaScript from the same table of
 * spellings, so a span means the same thing whether ClickHouse aggregates it or tracectl fetches it.
 *
 * Exporter releases spell enums differently: older ones `SPAN_KIND_SERVER` and `STATUS_CODE_ERROR`
 * (the proto names, traceutil.SpanKindStr), current ones `Server` and `Error` (pdata's String()). Both are
 * read, in any letter case; anything else is an unspecified kind and an unset status, as an unknown
 * enum is in a dump. `Duration` is Int64 in older tables and UInt64 in newer ones; a duration that
 * is negative or beyond 2^53 ns counts as 0, as the tree builder treats it (model/tree.ts
 * usableDuration).
 */
import { UNKNOWN_SERVICE, type SpanKind, type StatusCode } from '../../model/span.js';

const KINDS: readonly SpanKind[] = ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'];
const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/** A list of tracectl's own names as an SQL array literal (no value from outside goes in here). */
function list(names: readonly string[]): string {
  return `[${names.map((n) => `'${n}'`).join(', ')}]`;
}

/**
 * The trace id as tracectl writes it (model/ids.ts normalizeTraceId): lower case, padded to 16 or
 * 32 digits, a 128-bit id whose high half is zero shortened to 16 (the exporter writes 32 digits);
 * an id that is not hex, lower-cased (fallbackId).
 */
export const TRACE_ID_SQL = `if(match(TraceId, '^[0-9a-fA-F]{1,32}$'), if(length(leftPad(lower(TraceId), if(length(TraceId) <= 16, 16, 32), '0') AS trace_hex) = 32 AND startsWith(trace_hex, '0000000000000000'), substring(trace_hex, 17), trace_hex), lowerUTF8(TraceId))`;

/** The service; the exporter writes '' when the resource has no service.name (a dump reads that as unknown_service). */
export const SERVICE_SQL = `if(ServiceName = '', '${UNKNOWN_SERVICE}', ServiceName)`;

/** The span's kind, one of tracectl's six names. */
export const KIND_SQL = `transform(lower(replaceRegexpOne(SpanKind, '^(?i)span_kind_', '')), ${list(KINDS)}, ${list(KINDS)}, 'unspecified')`;

/** The span's status: 'error', 'ok' or 'unset'. */
export const STATUS_SQL = `transform(lower(replaceRegexpOne(StatusCode, '^(?i)status_code_', '')), ${list(STATUSES)}, ${list(STATUSES)}, 'unset')`;

/** Whether the span failed. */
export const ERROR_SQL = `(lower(replaceRegexpOne(StatusCode, '^(?i)status_code_', '')) = 'error')`;

/** The duration in ns as the analyses use it. */
export const DURATION_SQL = `if(toInt64(Duration) BETWEEN 0 AND 9007199254740991, toInt64(Duration), 0)`;

/** The start in epoch ns. */
export const START_SQL = `toUnixTimestamp64Nano(Timestamp)`;

export function spanKindOf(text: string): SpanKind {
  const name = text.replace(/^span_kind_/i, '').toLowerCase();
  return (KINDS as readonly string[]).includes(name) ? (name as SpanKind) : 'unspecified';
}

export function statusOf(text: string): StatusCode {
  const name = text.replace(/^status_code_/i, '').toLowerCase();
  return (STATUSES as readonly string[]).includes(name) ? (name as StatusCode) : 'unset';
}

/** How tracectl writes a kind: the spelling of current exporters (`Server`, `Unspecified`). */
export function kindSpelling(kind: SpanKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** How tracectl writes a status: `Unset`, `Ok`, `Error`. */
export function statusSpelling(status: StatusCode): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}
