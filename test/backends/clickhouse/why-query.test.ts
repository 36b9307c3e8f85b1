/**
 * The statements `why` sends to ClickHouse, as text: every value a parameter, the threshold and the
 * sides as the local analysis decides them; and the rows read back as the snapshot a parse worker
 * would send. The same statements run against the engine in test/clickhouse/why.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { TableScope } from '../../../src/backends/clickhouse/scope.js';
import { whySnapshotFromRows, whyStatements, whySummaryFromRow, type WhySqlSpec } from '../../../src/backends/clickhouse/why-query.js';

const scope = {
  address: { secure: false, host: 'localhost', port: 8123, database: 'otel', table: 'otel_traces', username: 'default', password: '', display: 'clickhouse://localhost:8123/otel?table=otel_traces' },
  fromNs: 0n,
  toNs: 10n,
} as TableScope;

const spec = (over: Partial<WhySqlSpec>): WhySqlSpec => ({ rule: { by: 'errors' }, valueCap: 1000, scopeColumns: true, ...over });

/** The SQL without its parameters' values: what a value could have changed. */
function refOf(params: Readonly<Record<string, unknown>>, value: unknown): string {
  const entry = Object.entries(params).find(([, v]) => v === value);
  if (entry === undefined) throw new Error(`no parameter holds ${String(value)}`);
  return entry[0];
}

describe('why statements', () => {
  it('--slow p99.9: the nearest rank of the compared spans, cut to three digits, in the statement; every span of the range read once per side', () => {
    const { summary, counts } = whyStatements(scope, spec({ rule: { by: 'slow', percentile: 99.9 }, where: 'service = "api"' }));
    for (const s of [summary, counts]) {
      expect(s.sql).toContain('(SELECT arrayElement(arraySort(groupArray(duration_ns)), ');
      expect(s.sql).toContain('FROM spans WHERE kept) AS percentile_ns,');
      expect(s.sql).toContain('if(percentile_ns < 1000, toUInt64(percentile_ns), toUInt64(intDiv(toUInt64(percentile_ns), intExp10(length(toString(percentile_ns)) - 3)) * intExp10(length(toString(percentile_ns)) - 3))) AS threshold_ns');
      expect(s.sql).toContain('multiIf(NOT kept, -2, duration_ns >= threshold_ns, 1, in_baseline, 0, -1) AS side');
      // 99.9 as the exact fraction 999/10.
      expect(Object.values(s.params)).toEqual(expect.arrayContaining(['999', '10', 'api']));
      expect(s.sql).not.toContain('api');
    }
    expect(summary.sql).toContain('toUInt64(percentile_ns) AS pn_ns');
    // Spans of neither side are counted in the keys' totals under pN, as the local analysis counts them.
    expect(counts.sql).toContain('WHERE side >= -1 AND item.2 != \'\'');
    // No duration values: it defines the selection.
    expect(counts.sql).not.toContain("('intrinsic', 'duration'");
  });

  it("--slow '>D', --errors and --selection put a span on its side row by row", () => {
    const above = whyStatements(scope, spec({ rule: { by: 'slow', aboveNs: 2.5e8, inclusive: false } })).counts;
    expect(above.sql).toContain(`multiIf(NOT kept, -2, duration_ns > {${refOf(above.params, '250000000')}:Int64}, 1, in_baseline, 0, -1) AS side`);
    const errors = whyStatements(scope, spec({ rule: { by: 'errors' } })).counts;
    expect(errors.sql).toContain("(lower(replaceRegexpOne(StatusCode, '^(?i)status_code_', '')) = 'error') AS failed");
    expect(errors.sql).toContain('multiIf(NOT kept, -2, failed, 1, in_baseline, 0, -1) AS side');
    expect(errors.sql).toContain('WHERE side >= 0 AND item.2 != \'\'');
    expect(errors.sql).toContain("('intrinsic', 'duration', toString(");
    const chosen = whyStatements(scope, spec({ rule: { by: 'selection', expression: 'attr.tier = "gold"' }, baseline: 'kind = server' })).counts;
    expect(chosen.sql).toContain(`(mapContains(SpanAttributes, {${refOf(chosen.params, 'tier')}:String}) AND SpanAttributes[{${refOf(chosen.params, 'tier')}:String}] = {${refOf(chosen.params, 'gold')}:String}) AS in_selection`);
    expect(chosen.sql).toContain(`{${refOf(chosen.params, 'server')}:String}) AS in_baseline`);
    expect(chosen.sql).toContain('multiIf(NOT kept, -2, in_selection, 1, in_baseline, 0, -1) AS side');
  });

  it('counts every span field, attribute and the scope per value, one row per key, at most the cap (plus one) values each', () => {
    const { sql, params } = whyStatements(scope, spec({ valueCap: 7 })).counts;
    expect(sql).toContain("[('intrinsic', 'service', service), ('intrinsic', 'operation', operation), ('intrinsic', 'kind', kind), ('intrinsic', 'status', status), ");
    expect(sql).toContain("arrayMap((k, v) -> ('span', toString(k), v), mapKeys(span_attributes), mapValues(span_attributes))");
    expect(sql).toContain("arrayMap((k, v) -> ('resource', toString(k), v), mapKeys(resource_attributes), mapValues(resource_attributes))");
    expect(sql).toContain("[('span', 'otel.scope.name', scope_name), ('span', 'otel.scope.version', scope_version)]");
    expect(sql).toContain('GROUP BY place, key, value');
    expect(sql).toContain(`arraySlice(arrayPartialSort(x -> (-x.4, x.1), {${refOf(params, 8)}:UInt32}, groupArray((value, sel, base, total))), 1, {${refOf(params, 8)}:UInt32})`);
    expect(sql).toMatch(/GROUP BY place, key\nORDER BY place, key$/);
    // An old table without the scope columns is read without them.
    expect(whyStatements(scope, spec({ scopeColumns: false })).counts.sql).not.toContain('Scope');
  });

  it('hostile --where, --selection and --baseline text travels as parameters only', () => {
    const evil = `x'); DROP TABLE otel_traces; --`;
    const { summary, counts } = whyStatements(
      scope,
      spec({ rule: { by: 'selection', expression: `attr."${evil}" = "${evil}"` }, baseline: `resource."${evil}" != "${evil}"`, where: `name = "${evil}"` }),
    );
    for (const s of [summary, counts]) {
      expect(s.sql).not.toContain('DROP');
      expect(Object.values(s.params).filter((v) => v === evil).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('a part that needs the tree is refused, naming the flag it came from', () => {
    expect(() => whyStatements(scope, spec({ rule: { by: 'selection', expression: 'has child (error)' } }))).toThrow(/^--selection: 'has child \(error\)' cannot be computed in ClickHouse/);
    expect(() => whyStatements(scope, spec({ baseline: 'depth > 2' }))).toThrow(/^--baseline: 'depth > 2' cannot be computed in ClickHouse/);
    expect(() => whyStatements(scope, spec({ where: 'parent.service = "a"' }))).toThrow(/^--where: 'parent.service = "a"' cannot be computed/);
  });
});

describe('why rows', () => {
  const summary = whySummaryFromRow({ read: '12', compared: '10', selection: '3', baseline: '6', neither: '1', pn_ns: '1234', edge_ns: '1230' });

  it('the summary row, 64-bit numbers quoted as the connection asks', () => {
    expect(summary).toEqual({ read: 12, compared: 10, selection: 3, baseline: 6, neither: 1, percentileNs: 1234, thresholdNs: 1230 });
    expect(whySummaryFromRow(undefined)).toEqual({ read: 0, compared: 0, selection: 0, baseline: 0, neither: 0 });
  });

  it('keys become the snapshot a worker sends: values beyond the cap folded, zero counts left out, bins as cells', () => {
    const rows = [
      {
        place: 'span',
        key: 'otel.scope.name',
        spans: '9',
        max_total: '5',
        distinct_values: '3',
        numeric_values: '0',
        top_values: [
          ['a', '3', '2', '5'],
          ['b', '0', '3', '3'],
          ['c', '0', '1', '1'],
        ],
        bins: [[], [], []],
      },
      { place: 'intrinsic', key: 'duration', spans: '9', max_total: '1', distinct_values: '4', numeric_values: '4', top_values: [], bins: [['3700', '3705'], ['0', '3'], ['6', '0']] },
      { place: 'resource', key: 'host', spans: '9', max_total: '9', distinct_values: '1', numeric_values: '1', top_values: [['7', '3', '6', '9']], bins: [['3700'], ['3'], ['6']] },
    ];
    const snap = whySnapshotFromRows(rows, summary, 2);
    expect(snap).toMatchObject({ compared: 10, untimed: 0, neither: 1, tally: { classSpans: [6, 3], droppedKeys: 0 } });
    expect(snap.tally.keys).toEqual([
      { scope: 'scope', key: 'otel.scope.name', where: 'span', spans: 9, maxTotal: 5, unsupported: 0, folds: 1, foldLoss: 1, distinct: 3, numericDistinct: 0, values: ['a', 'b'], totals: [5, 3], valueCells: [0, 1, 3, 0, 0, 2, 1, 0, 3], binCells: [] },
      { scope: 'intrinsic', key: 'duration', where: 'intrinsic', spans: 9, maxTotal: 0, unsupported: 0, folds: 0, foldLoss: 0, distinct: 0, numericDistinct: 0, values: [], totals: [], valueCells: [], binCells: [3700, 0, 6, 3705, 1, 3] },
      { scope: 'resource', key: 'host', where: 'resource', spans: 9, maxTotal: 9, unsupported: 0, folds: 0, foldLoss: 0, distinct: 1, numericDistinct: 1, values: ['7'], totals: [9], valueCells: [0, 1, 3, 0, 0, 6], binCells: [3700, 1, 3, 3700, 0, 6] },
    ]);
  });
});
