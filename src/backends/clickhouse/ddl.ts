/**
 * The tables the OpenTelemetry Collector's clickhouseexporter creates for traces, as its current
 * release writes them (exporter/clickhouseexporter/internal/sqltemplates: traces_table.sql,
 * traces_id_ts_lookup_table.sql, traces_id_ts_lookup_mv.sql), without a TTL (the exporter's
 * default): the spans table, and a per-trace time range kept by a materialized view, which the
 * exporter's readers use to find a trace's partitions. `convert --to clickhouse --create-table`
 * runs these, so a table tracectl creates is one the Collector can write to and the other way round.
 *
 * Names travel as Identifier parameters: {db}, {table}, {ts} (`<table>_trace_id_ts`), {mv}.
 */
import type { Statement } from './statement.js';

const SPANS = `CREATE TABLE IF NOT EXISTS {db:Identifier}.{table:Identifier} (
    Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ParentSpanId String CODEC(ZSTD(1)),
    TraceState String CODEC(ZSTD(1)),
    SpanName LowCardinality(String) CODEC(ZSTD(1)),
    SpanKind LowCardinality(String) CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    SpanAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    Duration UInt64 CODEC(ZSTD(1)),
    StatusCode LowCardinality(String) CODEC(ZSTD(1)),
    StatusMessage String CODEC(ZSTD(1)),
    Events Nested (
        Timestamp DateTime64(9),
        Name LowCardinality(String),
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
    Links Nested (
        TraceId String,
        SpanId String,
        TraceState String,
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_key mapKeys(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_value mapValues(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_duration Duration TYPE minmax GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (ServiceName, SpanName, toDateTime(Timestamp))
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1`;

const TRACE_ID_TS = `CREATE TABLE IF NOT EXISTS {db:Identifier}.{ts:Identifier} (
    TraceId String CODEC(ZSTD(1)),
    Start DateTime CODEC(Delta, ZSTD(1)),
    End DateTime CODEC(Delta, ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(Start)
ORDER BY (TraceId, Start)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1`;

const TRACE_ID_TS_MV = `CREATE MATERIALIZED VIEW IF NOT EXISTS {db:Identifier}.{mv:Identifier}
TO {db:Identifier}.{ts:Identifier}
AS SELECT
    TraceId,
    min(Timestamp) AS Start,
    max(Timestamp) AS End
FROM {db:Identifier}.{table:Identifier}
WHERE TraceId != ''
GROUP BY TraceId`;

export function createTableStatements(database: string, table: string): Statement[] {
  const params = { db: database, table, ts: `${table}_trace_id_ts`, mv: `${table}_trace_id_ts_mv` };
  return [
    { purpose: 'create the spans table (the exporter DDL)', sql: SPANS, params },
    { purpose: "create the trace time-range table (the exporter's otel_traces_trace_id_ts)", sql: TRACE_ID_TS, params },
    { purpose: 'create the materialized view that fills it', sql: TRACE_ID_TS_MV, params },
  ];
}
