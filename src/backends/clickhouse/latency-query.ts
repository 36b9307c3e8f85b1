/**
 * `latency` computed in ClickHouse: per service (or service and operation) the count, errors, sum
 * and max of the entry spans' durations and their exact nearest-rank percentiles; the answer is one
 * row per group, whatever the number of spans. The rate's window is a second, one-row statement:
 * the earliest start to the latest end of the range's spans, as the streaming path computes it.
 *
 * The groups are the `--by` keys (group-keys-sql.ts).
 *
 * Percentiles sort each group's durations inside ClickHouse (8 bytes a span, as the local
 * aggregator keeps them) and take the nearest rank with the integer formula of percentile.ts.
 */
import { histogramEdges, histogramFromCounts } from '../../analyses/histogram.js';
import { latencyResult, type LatencyResult, type LatencySettings, type LatencyTally } from '../../analyses/latency.js';
import type { Row } from './connection.js';
import { linkedSpansSql } from './entry-spans-sql.js';
import { nearestRankSql } from './nearest-rank-sql.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Statement } from './statement.js';
import { DURATION_SQL, START_SQL } from './columns.js';
import { whereSql } from './where-sql.js';
import { groupKeysSql, groupKeyValues } from './group-keys-sql.js';

export function latencyStatement(scope: TableScope, settings: LatencySettings, where: string | undefined, histogram = false): Statement {
  const params = scopeParams(scope);
  // --histogram: durations counted per bucket of histogram.ts's ladder (the bucket's index is the
  // number of edges at or below the duration, less one).
  const buckets = histogram
    ? `,
    sumMap([toUInt32(arrayCount(e -> e <= duration_ns, ${params.ref('Array(UInt64)', histogramEdges().filter((e) => e < 2 ** 63))}) - 1)], [toUInt64(1)]) AS buckets`
    : '';
  const selected = where === undefined ? '1' : whereSql(where, params);
  const grouping = groupKeysSql(settings.by, params);
  const keys = grouping.columns.join(', ');
  const percentiles = settings.percentiles.map((p, i) => `${nearestRankSql('sorted', 'count()', p, params)} AS pct${i}`).join(',\n    ');
  const sql = `WITH ${linkedSpansSql(selected, false, grouping.extra)},
arraySort(groupArray(duration_ns)) AS sorted
SELECT
    ${keys},
    count() AS count,
    countIf(failed) AS errors,
    sum(duration_ns) AS sum_ns,
    max(duration_ns) AS max_ns,
    ${percentiles}${buckets}
FROM (SELECT * FROM linked WHERE selected${settings.allSpans ? '' : ' AND entry'})
GROUP BY ${keys}
ORDER BY ${keys}`;
  return {
    purpose: `latency per ${settings.by.map((k) => k.name).join(', ')} over ${settings.allSpans ? 'every span' : 'entry spans'} (aggregated in ClickHouse: one row per group)`,
    sql,
    params: params.all,
  };
}

/** The range's span-time window (earliest start, latest end), for the rate. */
export function windowStatement(scope: TableScope): Statement {
  return {
    purpose: 'the time the spans of the range cover (for the rate)',
    sql: `SELECT min(${START_SQL}) AS start_ns, max(${START_SQL} + ${DURATION_SQL}) AS end_ns, count() AS spans
FROM ${SPANS_TABLE}
WHERE ${IN_RANGE}`,
    params: scopeParams(scope).all,
  };
}

export function latencyFromRows(settings: LatencySettings, rows: readonly Row[], window: Row | undefined, histogram = false): LatencyResult {
  const tallies: LatencyTally[] = rows.map((row) => {
    const percentilesNs: Record<string, number> = {};
    settings.percentiles.forEach((p, i) => {
      percentilesNs[String(p)] = Number(row[`pct${i}`]);
    });
    return {
      values: groupKeyValues(settings.by, row),
      count: Number(row.count),
      errors: Number(row.errors),
      sumNs: Number(row.sum_ns),
      maxNs: Number(row.max_ns),
      percentilesNs,
      ...(histogram ? { histogram: histogramFromCounts(bucketCounts(row.buckets)) } : {}),
    };
  });
  return latencyResult(settings, tallies, windowSeconds(window), 0);
}

function bucketCounts(value: unknown): Map<number, number> {
  const [keys, counts] = value as [unknown[], unknown[]];
  return new Map(keys.map((k, i) => [Number(k), Number(counts[i])]));
}

/** Seconds between the window row's start and end (0 without spans). */
function windowSeconds(window: Row | undefined): number {
  if (window === undefined || Number(window.spans) === 0) return 0;
  return Number(BigInt(String(window.end_ns)) - BigInt(String(window.start_ns))) / 1e9;
}
