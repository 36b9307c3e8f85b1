import { describe, expect, it } from 'vitest';
import { spanStats } from '../../src/analyses/stats.js';
import { parseGroupKeys } from '../../src/query/group-keys.js';
import { makeTrace } from '../helpers/make-span.js';

// r |0----------10|   api  GET /      self 10 - (2..9) = 3
// a    |2---6|        db   op-a       self 4
// b      |4-----9|    db   op-b       self 5
const one = (traceId = 'aaaaaaaaaaaaaaaa') =>
  makeTrace([
    { id: 'r', start: 0, dur: 10, service: 'api', operation: 'GET /', traceId },
    { id: 'a', parent: 'r', start: 2, dur: 4, service: 'db', traceId },
    { id: 'b', parent: 'r', start: 4, dur: 5, service: 'db', traceId },
  ]);

describe('spanStats', () => {
  it('by service: count, total, self, avg, min, max; most self time first', () => {
    expect(spanStats([one()], parseGroupKeys('service'))).toEqual({
      traces: 1,
      traceDurationMs: 10,
      groupKeys: ['service'],
      groups: [
        { service: 'db', operation: null, keys: { service: 'db' }, count: 2, totalMs: 9, selfMs: 9, avgMs: 4.5, minMs: 4, maxMs: 5 },
        { service: 'api', operation: null, keys: { service: 'api' }, count: 1, totalMs: 10, selfMs: 3, avgMs: 10, minMs: 10, maxMs: 10 },
      ],
    });
  });

  it('by operation', () => {
    expect(spanStats([one()], parseGroupKeys('operation')).groups).toEqual([
      { service: 'db', operation: 'op-b', keys: { service: 'db', operation: 'op-b' }, count: 1, totalMs: 5, selfMs: 5, avgMs: 5, minMs: 5, maxMs: 5 },
      { service: 'db', operation: 'op-a', keys: { service: 'db', operation: 'op-a' }, count: 1, totalMs: 4, selfMs: 4, avgMs: 4, minMs: 4, maxMs: 4 },
      { service: 'api', operation: 'GET /', keys: { service: 'api', operation: 'GET /' }, count: 1, totalMs: 10, selfMs: 3, avgMs: 10, minMs: 10, maxMs: 10 },
    ]);
  });

  it('over a dump: summed over traces', () => {
    const longer = makeTrace([{ id: 'r', start: 0, dur: 30, service: 'api', operation: 'GET /', traceId: 'bbbbbbbbbbbbbbbb' }]);
    const stats = spanStats([one(), longer], parseGroupKeys('service'));
    expect(stats.traces).toBe(2);
    expect(stats.traceDurationMs).toBe(40);
    expect(stats.groups).toEqual([
      { service: 'api', operation: null, keys: { service: 'api' }, count: 2, totalMs: 40, selfMs: 33, avgMs: 20, minMs: 10, maxMs: 30 },
      { service: 'db', operation: null, keys: { service: 'db' }, count: 2, totalMs: 9, selfMs: 9, avgMs: 4.5, minMs: 4, maxMs: 5 },
    ]);
  });

  it('no traces: no groups', () => {
    expect(spanStats([], parseGroupKeys('operation'))).toEqual({ traces: 0, traceDurationMs: 0, groupKeys: ['service', 'operation'], groups: [] });
  });
});
