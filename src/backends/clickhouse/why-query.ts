/**
 * `why` computed in ClickHouse: the counts the local analysis keeps (analyses/why/attribute-tally.ts)
 * are computed where the spans are, and come back as one row per attribute key: how many spans had
 * it, its most frequent values (at most the value cap, with their counts in the selection and the
 * baseline), and its numbers' counts per bin. The rows are turned into the snapshot a parse worker
 * would send (WhySnapshot) and merged into a WhyAnalysis, so the findings are ranked by the same code
 * as a dump's and the answer's size follows the keys and their values, never the spans.
 *
 * Each span is put on its side as the local analysis puts it: `--slow pN` against the pN of the
 * compared spans (nearest rank, percentile.ts's integers) cut to three significant digits
 * (duration-buckets.ts), computed in the statement itself; `--slow '>D'`, `--errors`, `--selection`
 * and `--baseline` per row (where-sql.ts). Keys are what a span read from the table has: the span
 * fields (service, operation, kind, status, duration), every SpanAttributes and ResourceAttributes
 * key, and the instrumentation scope (ScopeName and ScopeVersion as `otel.scope.name` and
 * `otel.scope.version`, unless the span's attributes have those keys already).
 *
 * A key with more distinct values than the cap keeps its most frequent ones (ties by value), and the
 * result says the key was folded and how many spans a dropped value had at most; a dump's analysis
 * folds in reading order instead (lossy counting), so on such a key the two may keep different values.
 */
import { FINE_BASE, type KeySnapshot, type Scalar } from '../../analyses/why/attribute-tally.js';
import { spanAttributeScope } from '../../analyses/why/key-filter.js';
import type { WhyRule, WhySnapshot } from '../../analyses/why/why-analysis.js';
import { DURATION_SQL, ERROR_SQL, KIND_SQL, SERVICE_SQL, STATUS_SQL } from './columns.js';
import type { Row } from './connection.js';
import { nearestRankSql } from './nearest-rank-sql.js';
import { IN_RANGE, SPANS_TABLE, scopeParams, type TableScope } from './scope.js';
import type { Params, Statement } from './statement.js';
import { durationBucketEdgeSql, valueBinColumns } from './value-bin-sql.js';
import { DECIMAL_RE2, JS_SPACE_CLASS, UnmappableWhereError, whereSql } from './where-sql.js';

export interface WhySqlSpec {
  readonly rule: WhyRule;
  readonly where?: string | undefined;
  readonly baseline?: string | undefined;
  /** Distinct values kept per key. */
  readonly valueCap: number;
  /** The table has ScopeName and ScopeVersion (every exporter release but the oldest). */
  readonly scopeColumns: boolean;
}

/** The summary (spans read, compared, on each side, the threshold) and the counts per key. */
export function whyStatements(scope: TableScope, spec: WhySqlSpec): { summary: Statement; counts: Statement } {
  return { summary: summaryStatement(scope, spec), counts: countsStatement(scope, spec) };
}

/**
 * CTEs `spans` (the range's spans, `kept` by --where) and `sided` (each with its `side`: 1
 * selection, 0 baseline, −1 neither, −2 not compared), and under `--slow pN` the scalars
 * `percentile_ns` and `threshold_ns`. `columns`: more of each span's columns, as `expr AS name`.
 */
function sidedSql(spec: WhySqlSpec, params: Params, columns: readonly string[]): string {
  const rule = spec.rule;
  const kept = spec.where === undefined ? '1' : whereSql(spec.where, params);
  const baseline = spec.baseline === undefined ? '1' : flagSql('--baseline', spec.baseline, params);
  let selection: string;
  let scalars = '';
  if (rule.by === 'slow' && 'percentile' in rule) {
    const rank = nearestRankSql('arraySort(groupArray(duration_ns))', 'count()', rule.percentile, params);
    scalars = `
(SELECT ${rank} FROM spans WHERE kept) AS percentile_ns,
${durationBucketEdgeSql('percentile_ns')} AS threshold_ns,`;
    selection = 'duration_ns >= threshold_ns';
  } else if (rule.by === 'slow') {
    selection = `duration_ns ${rule.inclusive ? '>=' : '>'} ${params.ref('Int64', String(Math.round(rule.aboveNs)))}`;
  } else if (rule.by === 'errors') {
    selection = 'failed';
  } else {
    selection = 'in_selection';
  }
  const own = rule.by === 'selection' ? [`${flagSql('--selection', rule.expression, params)} AS in_selection`] : [];
  const all = [`${kept} AS kept`, `${DURATION_SQL} AS duration_ns`, `${ERROR_SQL} AS failed`, `${baseline} AS in_baseline`, ...own, ...columns];
  return `WITH spans AS (
    SELECT
        ${all.join(',\n        ')}
    FROM ${SPANS_TABLE}
    WHERE ${IN_RANGE}
),${scalars}
sided AS (
    SELECT *, multiIf(NOT kept, -2, ${selection}, 1, in_baseline, 0, -1) AS side
    FROM spans
)`;
}

/** An expression of `flag` as SQL; a part that cannot be is refused naming the flag. */
function flagSql(flag: string, expression: string, params: Params): string {
  try {
    return whereSql(expression, params);
  } catch (err) {
    if (err instanceof UnmappableWhereError) throw new UnmappableWhereError(err.message.replace(/^--where:/, `${flag}:`));
    throw err;
  }
}

function summaryStatement(scope: TableScope, spec: WhySqlSpec): Statement {
  const params = scopeParams(scope);
  const pN = spec.rule.by === 'slow' && 'percentile' in spec.rule;
  const sql = `${sidedSql(spec, params, [])}
SELECT
    count() AS read,
    countIf(side >= -1) AS compared,
    countIf(side = 1) AS selection,
    countIf(side = 0) AS baseline,
    countIf(side = -1) AS neither${pN ? ',\n    toUInt64(percentile_ns) AS pn_ns,\n    toUInt64(threshold_ns) AS edge_ns' : ''}
FROM sided`;
  return { purpose: `the spans compared and on each side${pN ? ', and the threshold' : ''} (one row)`, sql, params: params.all };
}

function countsStatement(scope: TableScope, spec: WhySqlSpec): Statement {
  const params = scopeParams(scope);
  const rule = spec.rule;
  const pN = rule.by === 'slow' && 'percentile' in rule;
  const columns = [
    `toString(${SERVICE_SQL}) AS service`,
    'toString(SpanName) AS operation',
    `${KIND_SQL} AS kind`,
    `${STATUS_SQL} AS status`,
    'SpanAttributes AS span_attributes',
    'ResourceAttributes AS resource_attributes',
    ...(spec.scopeColumns ? ['ScopeName AS scope_name', 'ScopeVersion AS scope_version'] : []),
  ];
  const intrinsics = ['service', 'operation', 'kind', 'status'].map((k) => `('intrinsic', '${k}', ${k})`);
  // Durations are compared by their bins only: the bucket's edge stands for the duration.
  if (rule.by !== 'slow') intrinsics.push(`('intrinsic', 'duration', toString(${durationBucketEdgeSql('duration_ns')}))`);
  const lists = [
    `[${intrinsics.join(', ')}]`,
    "arrayMap((k, v) -> ('span', toString(k), v), mapKeys(span_attributes), mapValues(span_attributes))",
    ...(spec.scopeColumns
      ? ["arrayFilter(x -> x.3 != '' AND NOT mapContains(span_attributes, x.2), [('span', 'otel.scope.name', scope_name), ('span', 'otel.scope.version', scope_version)])"]
      : []),
    "arrayMap((k, v) -> ('resource', toString(k), v), mapKeys(resource_attributes), mapValues(resource_attributes))",
  ];
  // Under --slow pN the local analysis counts a key's spans, values and totals on spans of neither
  // side too (they are told apart only once the threshold is known); under other rules it does not.
  const lowest = pN ? -1 : 0;
  const decimal = params.ref('String', DECIMAL_RE2);
  const trim = params.ref('String', `^${JS_SPACE_CLASS}+|${JS_SPACE_CLASS}+$`);
  const number = `if(lengthUTF8(value) <= 40 AND match(value, ${decimal}), toFloat64OrNull(replaceRegexpAll(value, ${trim}, '')), NULL)`;
  // One value beyond the cap comes back: its count is what a dropped value had at most.
  const kept = params.ref('UInt32', spec.valueCap + 1);
  const sql = `${sidedSql(spec, params, columns)},
cells AS (
    SELECT side, item.1 AS place, item.2 AS key, item.3 AS value
    FROM sided
    ARRAY JOIN arrayConcat(
        ${lists.join(',\n        ')}) AS item
    WHERE side >= ${lowest} AND item.2 != ''
),
value_counts AS (
    SELECT place, key, value, countIf(side = 1) AS sel, countIf(side = 0) AS base, count() AS total
    FROM cells
    GROUP BY place, key, value
),
binned AS (
    SELECT *, ${number} AS number,
        ${valueBinColumns('number').join(',\n        ')}
    FROM value_counts
)
SELECT
    place,
    key,
    sum(total) AS spans,
    max(total) AS max_total,
    count() AS distinct_values,
    countIf(bin >= 0) AS numeric_values,
    if(place = 'intrinsic' AND key = 'duration', [], arraySlice(arrayPartialSort(x -> (-x.4, x.1), ${kept}, groupArray((value, sel, base, total))), 1, ${kept})) AS top_values,
    sumMapIf([bin], [sel], [base], bin >= 0 AND (place != 'intrinsic' OR key = 'duration')) AS bins
FROM binned
GROUP BY place, key
ORDER BY place, key`;
  return {
    purpose: `counts per attribute value on each side (aggregated in ClickHouse: one row per key, at most ${spec.valueCap} values each)`,
    sql,
    params: params.all,
  };
}

/** The summary row, read. */
export interface WhySummary {
  readonly read: number;
  readonly compared: number;
  readonly selection: number;
  readonly baseline: number;
  readonly neither: number;
  /** `--slow pN`: the pN of the compared spans, and it cut to three significant digits (ns). */
  readonly percentileNs?: number;
  readonly thresholdNs?: number;
}

export function whySummaryFromRow(row: Row | undefined): WhySummary {
  const n = (name: string): number => Number(row?.[name] ?? 0);
  return {
    read: n('read'),
    compared: n('compared'),
    selection: n('selection'),
    baseline: n('baseline'),
    neither: n('neither'),
    ...(row !== undefined && row.edge_ns !== undefined ? { percentileNs: n('pn_ns'), thresholdNs: n('edge_ns') } : {}),
  };
}

/** The rows as the snapshot a parse worker sends (classes: 1 selection, 0 baseline). */
export function whySnapshotFromRows(rows: readonly Row[], summary: WhySummary, valueCap: number): WhySnapshot {
  const keys: KeySnapshot[] = [];
  for (const row of rows) {
    const where = String(row.place) as KeySnapshot['where'];
    const key = String(row.key);
    const top = (row.top_values as [unknown, unknown, unknown, unknown][]).map(([v, s, b, t]) => [String(v), Number(s), Number(b), Number(t)] as const);
    const kept = top.slice(0, valueCap);
    const values: Scalar[] = [];
    const totals: number[] = [];
    const valueCells: number[] = [];
    kept.forEach(([value, sel, base, total], i) => {
      values.push(value);
      totals.push(total);
      if (sel > 0) valueCells.push(i, 1, sel);
      if (base > 0) valueCells.push(i, 0, base);
    });
    const [bins, sels, bases] = row.bins as [unknown[], unknown[], unknown[]];
    const binCells: number[] = [];
    bins.forEach((bin, i) => {
      const sel = Number(sels[i]);
      const base = Number(bases[i]);
      if (sel > 0) binCells.push(Number(bin), 1, sel);
      if (base > 0) binCells.push(Number(bin), 0, base);
    });
    const duration = where === 'intrinsic' && key === 'duration';
    const folded = top.length > valueCap;
    keys.push({
      scope: where === 'span' ? spanAttributeScope(key) : where,
      key,
      where,
      spans: Number(row.spans),
      maxTotal: duration ? 0 : Number(row.max_total),
      unsupported: 0,
      folds: folded ? 1 : 0,
      foldLoss: folded ? top[valueCap]![3] : 0,
      distinct: duration ? 0 : Number(row.distinct_values),
      numericDistinct: duration ? 0 : Number(row.numeric_values),
      values,
      totals,
      valueCells,
      binCells,
    });
  }
  const classSpans = new Array<number>(FINE_BASE).fill(0);
  classSpans[0] = summary.baseline;
  classSpans[1] = summary.selection;
  return { tally: { classSpans, droppedKeys: 0, keys }, compared: summary.compared, untimed: 0, neither: summary.neither };
}
