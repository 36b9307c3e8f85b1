/** The `traces` table: it fits the width however the rows make it wide. */
import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../src/analyses/trace-list.js';
import { cells } from '../helpers/cells.js';
import { renderTraceList } from '../../src/render/trace-list.js';
import { createTheme } from '../../src/render/theme.js';

const row = (traceId: string, startTime: string, rootOperation = 'GET /checkout'): TraceRow => ({ traceId, rootService: 'frontend', rootOperation, startTime, durationMs: 12.5, spans: 3, services: 2, errors: 0 });
const plain = createTheme(0);

describe('renderTraceList', () => {
  it('traces of one day: the time alone, the date in the footer', () => {
    const lines = renderTraceList({ total: 2, traces: [row('a1b2c3d4e5f60001', '2023-11-14T22:13:20.000001Z'), row('a1b2c3d4e5f60002', '2023-11-14T23:00:00.500000Z')] }, plain, 80);
    expect(lines).toEqual([
      'TRACE             ROOT               START         DURATION  SPANS  SVCS  ERRORS',
      'a1b2c3d4e5f60001  frontend GET /ch…  22:13:20.000    12.5ms      3     2       0',
      'a1b2c3d4e5f60002  frontend GET /ch…  23:00:00.500    12.5ms      3     2       0',
      '2 traces on 2023-11-14 (UTC)',
    ]);
  });

  it('traces of different days at 80 columns: the milliseconds go before the line overflows', () => {
    const lines = renderTraceList({ total: 2, traces: [row('a1b2c3d4e5f60001', '1970-01-01T00:00:00.000000Z'), row('a1b2c3d4e5f60002', '2023-11-14T22:13:20.000000Z')] }, plain, 80);
    expect(lines.slice(0, 2)).toEqual([
      'TRACE             ROOT        START                DURATION  SPANS  SVCS  ERRORS',
      'a1b2c3d4e5f60001  frontend …  1970-01-01 00:00:00    12.5ms      3     2       0',
    ]);
    expect(Math.max(...lines.map(cells))).toBe(80);
  });

  it('ids kept as written that a prefix cannot tell apart within the width are cut, with an ellipsis', () => {
    const id = (n: number): string => `${'0'.repeat(31)}zz${n}`;
    const lines = renderTraceList({ total: 2, traces: [row(id(1), '1970-01-01T00:00:00.000000Z'), row(id(2), '2023-11-14T22:13:20.000000Z')] }, plain, 80);
    expect(lines.map(cells).slice(0, 3)).toEqual([80, 80, 80]);
    expect(lines[1]!.startsWith(`${'0'.repeat(21)}…  `)).toBe(true);
  });
});
