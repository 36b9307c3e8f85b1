/**
 * The condition that narrows the traces a fetching command asks for when ClickHouse cannot compute
 * all of --where: what it keeps, what it drops, and that it sends no parameter it does not use.
 */
import { describe, expect, it } from 'vitest';
import { Params } from '../../../src/backends/clickhouse/statement.js';
import { narrowingWhereSql } from '../../../src/backends/clickhouse/where-sql.js';

function narrow(expression: string): { sql: string; exact: boolean; params: Readonly<Record<string, unknown>> } {
  const params = new Params();
  return { ...narrowingWhereSql(expression, params), params: params.all };
}

const SERVICE = "if(ServiceName = '', 'unknown_service', ServiceName)";

describe('narrowing --where for fetched traces', () => {
  it('a computable expression is itself, exact', () => {
    expect(narrow('service = "api"')).toEqual({ sql: `(${SERVICE} = {p0:String})`, exact: true, params: { p0: 'api' } });
  });

  it("an and keeps its computable operands; the tree's part is left to the command", () => {
    expect(narrow('has child (error) and service = "api" and depth > 2 and name = "GET"')).toEqual({
      sql: `((${SERVICE} = {p0:String}) AND (SpanName = {p1:String}))`,
      exact: false,
      params: { p0: 'api', p1: 'GET' },
    });
  });

  it('an or stands only when each operand narrows; else nothing, and no parameter is sent', () => {
    expect(narrow('(service = "a" and root) or service = "b"')).toEqual({
      sql: `((${SERVICE} = {p0:String}) OR (${SERVICE} = {p1:String}))`,
      exact: false,
      params: { p0: 'a', p1: 'b' },
    });
    expect(narrow('service = "a" or has parent (error)')).toEqual({ sql: '1', exact: false, params: {} });
    expect(narrow('name = "x" and (service = "a" or has parent (error))')).toEqual({ sql: '(SpanName = {p0:String})', exact: false, params: { p0: 'x' } });
  });

  it('a not over what cannot be computed narrows nothing', () => {
    expect(narrow('not (has child (error))')).toEqual({ sql: '1', exact: false, params: {} });
    expect(narrow('not (service = "a") and trace.duration > 1s')).toEqual({ sql: `(NOT (${SERVICE} = {p0:String}))`, exact: false, params: { p0: 'a' } });
  });
});
