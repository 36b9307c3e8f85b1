/**
 * Checks, before any analysis, that the table is the exporter's traces table, so a wrong table name
 * or another schema fails with one clear message (exit code 2) instead of a ClickHouse error about
 * some column deep inside a statement. Every exporter release's column types are accepted: Duration
 * Int64 (older) or UInt64 (current), attribute maps with or without LowCardinality keys, ScopeName
 * and ScopeVersion present or not. The exporter's JSON-typed variant (attributes as JSON columns) is
 * named as such: tracectl reads the Map schema.
 *
 * Also finds the exporter's `<table>_trace_id_ts` companion (a trace's first and last span start,
 * DateTime in current versions, DateTime64(9) in older ones), which narrows the fetch of one trace
 * to its own partitions.
 */
import { InputError } from '../../errors.js';
import type { TableAddress } from './address.js';
import type { Row } from './connection.js';
import type { Statement } from './statement.js';

export interface TableShape {
  /** The trace time-range table, when there is one; `seconds` when its times are DateTime. */
  readonly traceIdTs: { readonly table: string; readonly seconds: boolean } | undefined;
  /** ScopeName and ScopeVersion are there (the instrumentation scope; not in the oldest releases). */
  readonly scopeColumns: boolean;
}

const STRING = /^(LowCardinality\()?String\)?$/;
const MAP = /^Map\((LowCardinality\()?String\)?, ?(LowCardinality\()?String\)?\)$/;
const DATETIME64 = /^DateTime64\(\d+(, ?'[^']*')?\)$/;

/** Column → what it must be, and how that is said. */
const REQUIRED: readonly [string, RegExp, string][] = [
  ['Timestamp', DATETIME64, 'DateTime64'],
  ['TraceId', STRING, 'String'],
  ['SpanId', STRING, 'String'],
  ['ParentSpanId', STRING, 'String'],
  ['SpanName', STRING, 'String'],
  ['SpanKind', STRING, 'String'],
  ['ServiceName', STRING, 'String'],
  ['ResourceAttributes', MAP, 'Map(String, String)'],
  ['SpanAttributes', MAP, 'Map(String, String)'],
  ['Duration', /^U?Int64$/, 'Int64 or UInt64'],
  ['StatusCode', STRING, 'String'],
  ['StatusMessage', STRING, 'String'],
  ['Events.Timestamp', /^Array\(DateTime64\(\d+(, ?'[^']*')?\)\)$/, 'Array(DateTime64)'],
  ['Events.Name', /^Array\((LowCardinality\()?String\)?\)$/, 'Array(String)'],
  ['Events.Attributes', /^Array\(Map\((LowCardinality\()?String\)?, ?(LowCardinality\()?String\)?\)\)$/, 'Array(Map(String, String))'],
  ['Links.TraceId', /^Array\(String\)$/, 'Array(String)'],
  ['Links.SpanId', /^Array\(String\)$/, 'Array(String)'],
  ['Links.Attributes', /^Array\(Map\((LowCardinality\()?String\)?, ?(LowCardinality\()?String\)?\)\)$/, 'Array(Map(String, String))'],
];

export function shapeStatement(address: TableAddress): Statement {
  return {
    purpose: "check the table's columns (the exporter's schema) and look for its trace time-range table",
    sql: `SELECT table, name, type
FROM system.columns
WHERE database = {db:String} AND table IN ({table:String}, {ts:String})
ORDER BY table, position`,
    params: { db: address.database, table: address.table, ts: `${address.table}_trace_id_ts` },
  };
}

/** `missingHint`: added to the message when the table does not exist. */
export function checkShape(address: TableAddress, rows: readonly Row[], missingHint = ''): TableShape {
  const columns = new Map<string, string>();
  const ts = new Map<string, string>();
  for (const row of rows) {
    const target = String(row.table) === address.table ? columns : ts;
    target.set(String(row.name), String(row.type));
  }
  const name = `${address.database}.${address.table}`;
  if (columns.size === 0) throw new InputError(address.display, `table ${name} does not exist (or this user cannot see it)${missingHint}`);
  if (/^JSON\b/.test(columns.get('SpanAttributes') ?? '')) {
    throw new InputError(address.display, `table ${name} keeps attributes in JSON columns (the exporter's JSON schema); tracectl reads the Map(String, String) schema`);
  }
  const problems: string[] = [];
  const missing: string[] = [];
  for (const [column, pattern, expected] of REQUIRED) {
    const type = columns.get(column);
    if (type === undefined) missing.push(column);
    else if (!pattern.test(type)) problems.push(`${column} is ${type} (expected ${expected})`);
  }
  if (missing.length > 0) problems.unshift(`no ${missing.join(', ')}`);
  if (problems.length > 0) {
    throw new InputError(address.display, `table ${name} is not an OpenTelemetry Collector traces table (clickhouseexporter schema): ${problems.join('; ')}`);
  }
  const start = ts.get('Start');
  const usable = ts.get('TraceId') !== undefined && start !== undefined && ts.get('End') !== undefined && /^DateTime(64)?\b/.test(start);
  return {
    traceIdTs: usable ? { table: `${address.table}_trace_id_ts`, seconds: !start.startsWith('DateTime64') } : undefined,
    scopeColumns: STRING.test(columns.get('ScopeName') ?? '') && STRING.test(columns.get('ScopeVersion') ?? ''),
  };
}
