import { describe, expect, it } from 'vitest';
import { latencySettings } from '../../../src/analyses/latency.js';
import { latencyFromRows, latencyStatement } from '../../../src/backends/clickhouse/latency-query.js';
import type { TableScope } from '../../../src/backends/clickhouse/scope.js';
import { parseGroupKeys } from '../../../src/query/group-keys.js';

const scope = {
  address: { secure: false, host: 'localhost', port: 8123, database: 'otel', table: 'otel_traces', username: 'default', password: '', display: 'clickhouse://localhost:8123/otel.otel_traces' },
  fromNs: 0n,
  toNs: 10n,
} as TableScope;

describe('latency --by keys in ClickHouse', () => {
  it('service and operation alone: the spans CTE’s own columns, no key columns added', () => {
    const { sql } = latencyStatement(scope, latencySettings({ by: 'operation' }), undefined);
    expect(sql).toContain('GROUP BY service, operation\nORDER BY service, operation');
    expect(sql).not.toContain('group_key_');
  });

  it('kind, status and attributes: one column each, attribute names as parameters only, NULL when missing', () => {
    const hostile = `x'] , 1) --`;
    const settings = latencySettings({ by: parseGroupKeys(`kind,status,attr.http.route,resource."${hostile}",.region`) });
    const { sql, params } = latencyStatement(scope, settings, undefined);
    expect(sql).not.toContain(hostile);
    expect(sql).not.toContain('http.route');
    const keys = Object.entries(params).filter(([name]) => /^p\d+$/.test(name));
    expect(keys.map(([, v]) => v)).toEqual(expect.arrayContaining(['http.route', hostile, 'region']));
    const ref = (value: string): string => `{${keys.find(([, v]) => v === value)![0]}:String}`;
    expect(sql).toContain(`if(ServiceName = '', 'unknown_service', ServiceName) AS group_key_0`);
    expect(sql).toMatch(/transform\(lower\(replaceRegexpOne\(SpanKind, .*\) AS group_key_1/);
    expect(sql).toMatch(/transform\(lower\(replaceRegexpOne\(StatusCode, .*\) AS group_key_2/);
    expect(sql).toContain(`if(mapContains(SpanAttributes, ${ref('http.route')}), SpanAttributes[${ref('http.route')}], NULL) AS group_key_3`);
    expect(sql).toContain(`if(mapContains(ResourceAttributes, ${ref(hostile)}), ResourceAttributes[${ref(hostile)}], NULL) AS group_key_4`);
    expect(sql).toContain(
      `multiIf(mapContains(SpanAttributes, ${ref('region')}), SpanAttributes[${ref('region')}], mapContains(ResourceAttributes, ${ref('region')}), ResourceAttributes[${ref('region')}], NULL) AS group_key_5`,
    );
    // The linked CTE carries the key columns through, and the groups are by them.
    expect(sql).toContain('spans.group_key_5 AS group_key_5');
    expect(sql).toContain('GROUP BY group_key_0, group_key_1, group_key_2, group_key_3, group_key_4, group_key_5\nORDER BY group_key_0');
    expect(sql).toMatch(/^SELECT\n    group_key_0, group_key_1, group_key_2, group_key_3, group_key_4, group_key_5,\n    count\(\) AS count/m);
  });

  it('rows come back as groups with their keys; NULL is a missing value', () => {
    const settings = latencySettings({ by: parseGroupKeys('service,attr.http.route'), percentiles: [50] });
    const row = (route: string | null, count: number) => ({ group_key_0: 'cart', group_key_1: route, count, errors: 0, sum_ns: count * 1e6, max_ns: 1e6, pct0: 1e6 });
    const result = latencyFromRows(settings, [row('/cart/{id}', 3), row(null, 1)], undefined);
    expect(result.groupKeys).toEqual(['service', 'attr.http.route']);
    expect(result.groups.map((g) => [g.service, g.keys, g.count])).toEqual([
      ['cart', { service: 'cart', 'attr.http.route': '/cart/{id}' }, 3],
      ['cart', { service: 'cart', 'attr.http.route': null }, 1],
    ]);
  });
});
