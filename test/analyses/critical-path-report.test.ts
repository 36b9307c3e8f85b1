import { describe, expect, it } from 'vitest';
import { traceCriticalPath } from '../../src/analyses/critical-path-report.js';
import { makeTrace } from '../helpers/make-span.js';

describe('traceCriticalPath', () => {
  it('names each section and sums the path per service+operation', () => {
    // r |0--------------------10|   frontend GET /
    // a   |1---4|                   db SELECT
    // b          |5-----8|          db SELECT
    // c                |7-9|        cache get (child of r; ends last, wins)
    // → r 0-1, a 1-4, r 4-7, c 7-9, r 9-10 (back at 7, b has not ended: skipped)
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 10, service: 'frontend', operation: 'GET /' },
      { id: 'a', parent: 'r', start: 1, dur: 3, service: 'db', operation: 'SELECT' },
      { id: 'b', parent: 'r', start: 5, dur: 3, service: 'db', operation: 'SELECT' },
      { id: 'c', parent: 'r', start: 7, dur: 2, service: 'cache', operation: 'get' },
    ]);
    expect(traceCriticalPath(trace)).toEqual({
      traceId: 'aaaaaaaaaaaaaaaa',
      durationMs: 10,
      sections: [
        { spanId: '000000000000000r', service: 'frontend', operation: 'GET /', startOffsetMs: 0, endOffsetMs: 1 },
        { spanId: '000000000000000a', service: 'db', operation: 'SELECT', startOffsetMs: 1, endOffsetMs: 4 },
        { spanId: '000000000000000r', service: 'frontend', operation: 'GET /', startOffsetMs: 4, endOffsetMs: 7 },
        { spanId: '000000000000000c', service: 'cache', operation: 'get', startOffsetMs: 7, endOffsetMs: 9 },
        { spanId: '000000000000000r', service: 'frontend', operation: 'GET /', startOffsetMs: 9, endOffsetMs: 10 },
      ],
      byOperation: [
        { service: 'frontend', operation: 'GET /', criticalMs: 5, share: 0.5 },
        { service: 'db', operation: 'SELECT', criticalMs: 3, share: 0.3 },
        { service: 'cache', operation: 'get', criticalMs: 2, share: 0.2 },
      ],
    });
  });

  it('a root lasting 0 ns: no sections, no shares, no division by zero', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 0 },
      { id: 'a', parent: 'r', start: 0, dur: 5 },
    ]);
    expect(traceCriticalPath(trace)).toEqual({ traceId: 'aaaaaaaaaaaaaaaa', durationMs: 0, sections: [], byOperation: [] });
  });
});
