import { describe, expect, it } from 'vitest';
import { Params } from '../../../src/backends/clickhouse/statement.js';
import { whereSql } from '../../../src/backends/clickhouse/where-sql.js';

function compiled(expression: string): { sql: string; params: Record<string, unknown> } {
  const params = new Params();
  const sql = whereSql(expression, params);
  return { sql, params: { ...params.all } };
}

describe('--where as a ClickHouse condition', () => {
  it('puts every value of the expression in a parameter, none in the SQL text', () => {
    const hostile = `service = "x'); DROP TABLE otel_traces; --" and attr."k'\\\\ey" =~ "a'.*" and resource.region != "{p0:String}" and duration > 1500ms`;
    const { sql, params } = compiled(hostile);
    expect(sql).not.toMatch(/DROP|k'|\{p0:String\}.*\{p0:String\}|1500/);
    expect(Object.values(params)).toEqual(expect.arrayContaining(["x'); DROP TABLE otel_traces; --", "k'\\ey", '{p0:String}', 'region', '1500000000']));
    expect(sql).toMatch(/^\(.* AND .* AND .* AND .*\)$/);
  });

  it('maps span fields, attributes and enums', () => {
    expect(compiled('service = "api"').sql).toMatch(/^\(if\(ServiceName = '', 'unknown_service', ServiceName\) = \{p0:String\}\)$/);
    expect(compiled('kind = server').params).toEqual({ p0: 'server' });
    expect(compiled('error').sql).toContain("StatusCode");
    const attr = compiled('attr.http.status_code >= 500');
    expect(attr.sql).toContain('mapContains(SpanAttributes, {p0:String})');
    expect(attr.params.p0).toBe('http.status_code');
    expect(attr.params).toMatchObject({ p3: 500 });
    expect(compiled('.region = nil').sql).toBe('(NOT (mapContains(SpanAttributes, {p0:String}) OR mapContains(ResourceAttributes, {p0:String})))');
    expect(compiled('name =~ "GET .*"').params.p0).toBe('^(?:\\x{47}\\x{45}\\x{54}\\x{20}(?s:.){0,})$');
  });

  it('refuses a part that needs the tree, the trace or another field, naming it', () => {
    expect(() => compiled('service = "a" and has child (error)')).toThrow(
      "--where: 'has child (error)' cannot be computed in ClickHouse (it needs the span tree); the commands that fetch traces and analyse them here (waterfall, span, critical-path, stats, diff --trace) take it",
    );
    expect(() => compiled('parent.service = "a"')).toThrow("'parent.service = \"a\"' cannot be computed in ClickHouse (it reads the span's parent)");
    expect(() => compiled('trace.duration > 1s')).toThrow('(it reads the whole trace)');
    expect(() => compiled('depth > 3')).toThrow('(it needs the span tree)');
    expect(() => compiled('service = attr.peer.service')).toThrow("'service = attr.peer.service' cannot be computed in ClickHouse (it compares two fields)");
  });
});
