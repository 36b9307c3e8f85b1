import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateCriticalPaths } from '../../src/analyses/critical-path-aggregate.js';
import { nsToMs } from '../../src/model/time.js';
import type { Trace } from '../../src/model/trace.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

const api = { service: 'api' };
const db = { service: 'db', operation: 'query' };

function trace(traceId: string, specs: SpanSpec[]): Trace {
  return makeTrace(specs.map((s) => ({ ...s, traceId })));
}

// A: r |0--------10|  api GET /a      → api GET /a 2+4 = 6, db query 4
//    d    |2--6|      db query
// B: r |0--------------------20|  api GET /a  → api GET /a 4, db query 16
//    d   |2------------------18|  db query
// C: r |0----5|   api GET /b      → api GET /b 5
// Z: r |0|        api GET /b, 0 ms: counted as a trace with nothing on its path
const dump = (): Trace[] => [
  trace('a1', [{ id: 'r', start: 0, dur: 10, ...api, operation: 'GET /a' }, { id: 'd', parent: 'r', start: 2, dur: 4, ...db }]),
  trace('b1', [{ id: 'r', start: 0, dur: 20, ...api, operation: 'GET /a' }, { id: 'd', parent: 'r', start: 2, dur: 16, ...db }]),
  trace('c1', [{ id: 'r', start: 0, dur: 5, ...api, operation: 'GET /b' }]),
  trace('d1', [{ id: 'r', start: 0, dur: 0, ...api, operation: 'GET /b' }]),
];

describe('aggregateCriticalPaths', () => {
  it('sums critical time per service+operation over traces, with per-trace percentiles', () => {
    expect(aggregateCriticalPaths(dump())).toEqual({
      traces: 4,
      totalCriticalMs: 35,
      operations: [
        { service: 'db', operation: 'query', criticalMs: 20, share: 20 / 35, traces: 2, p50Ms: 4, p90Ms: 16, p99Ms: 16 },
        { service: 'api', operation: 'GET /a', criticalMs: 10, share: 10 / 35, traces: 2, p50Ms: 4, p90Ms: 6, p99Ms: 6 },
        { service: 'api', operation: 'GET /b', criticalMs: 5, share: 5 / 35, traces: 1, p50Ms: 5, p90Ms: 5, p99Ms: 5 },
      ],
      omitted: { operations: 0, criticalMs: 0 },
    });
  });

  it('--top keeps the largest and says what it left out', () => {
    const result = aggregateCriticalPaths(dump(), { top: 1 });
    expect(result.operations.map((o) => o.operation)).toEqual(['query']);
    expect(result.operations[0]!.share).toBe(20 / 35);
    expect(result.omitted).toEqual({ operations: 2, criticalMs: 15 });
  });

  it('--by-root groups by the root service+operation, each with its own shares', () => {
    const result = aggregateCriticalPaths(dump(), { byRoot: true, top: 5 });
    expect(result.roots).toEqual([
      {
        service: 'api',
        operation: 'GET /a',
        traces: 2,
        totalCriticalMs: 30,
        operations: [
          { service: 'db', operation: 'query', criticalMs: 20, share: 20 / 30, traces: 2, p50Ms: 4, p90Ms: 16, p99Ms: 16 },
          { service: 'api', operation: 'GET /a', criticalMs: 10, share: 10 / 30, traces: 2, p50Ms: 4, p90Ms: 6, p99Ms: 6 },
        ],
        omitted: { operations: 0, criticalMs: 0 },
      },
      {
        service: 'api',
        operation: 'GET /b',
        traces: 2,
        totalCriticalMs: 5,
        operations: [{ service: 'api', operation: 'GET /b', criticalMs: 5, share: 1, traces: 1, p50Ms: 5, p90Ms: 5, p99Ms: 5 }],
        omitted: { operations: 0, criticalMs: 0 },
      },
    ]);
    expect(result.totalCriticalMs).toBe(35);
  });

  it('no traces: zeros, not NaN', () => {
    expect(aggregateCriticalPaths([])).toEqual({ traces: 0, totalCriticalMs: 0, operations: [], omitted: { operations: 0, criticalMs: 0 } });
  });

  it('only traces of 0 ns: share 0, not NaN', () => {
    const zero = [trace('e1', [{ id: 'r', start: 0, dur: 0 }])];
    expect(aggregateCriticalPaths(zero)).toEqual({ traces: 1, totalCriticalMs: 0, operations: [], omitted: { operations: 0, criticalMs: 0 } });
  });

  it('p99 over 100 traces is the 99th smallest contribution', () => {
    const many = Array.from({ length: 100 }, (_, i) => trace(`f${i}`, [{ id: 'r', start: 0, dur: i + 1 }]));
    const [op] = aggregateCriticalPaths(many).operations;
    expect([op!.p50Ms, op!.p90Ms, op!.p99Ms, op!.traces, op!.criticalMs]).toEqual([50, 90, 99, 100, 5050]);
  });

  it('property: over a generated dump the total is the sum of root durations, and the operations add up to it', () => {
    const span = fc.record({ parent: fc.nat(), start: fc.integer({ min: -5, max: 60 }), dur: fc.integer({ min: 0, max: 50 }), async: fc.boolean(), svc: fc.constantFrom('a', 'b', 'c'), op: fc.constantFrom('x', 'y') });
    const traceSpec = fc.record({ rootDur: fc.integer({ min: 0, max: 40 }), rootOp: fc.constantFrom('GET /', 'POST /'), rest: fc.array(span, { maxLength: 15 }) });
    fc.assert(
      fc.property(fc.array(traceSpec, { minLength: 1, maxLength: 12 }), (specs) => {
        const traces = specs.map((t, n) =>
          trace(`t${n}`, [
            { id: 's0', start: 0, dur: t.rootDur, service: 'api', operation: t.rootOp },
            ...t.rest.map((s, i): SpanSpec => ({
              id: `s${i + 1}`,
              parent: `s${s.parent % (i + 1)}`,
              start: s.start,
              dur: s.dur,
              service: s.svc,
              operation: s.op,
              ...(s.async ? { parentType: 'follows_from' as const } : {}),
            })),
          ]),
        );
        const rootsNs = traces.reduce((sum, t) => sum + t.root.durationNs, 0);
        const result = aggregateCriticalPaths(traces, { byRoot: true });
        expect(result.totalCriticalMs).toBe(nsToMs(rootsNs));
        const opsMs = result.operations.reduce((sum, o) => sum + o.criticalMs, 0);
        expect(opsMs).toBeCloseTo(result.totalCriticalMs, 9);
        expect(result.roots!.reduce((sum, g) => sum + g.totalCriticalMs, 0)).toBeCloseTo(result.totalCriticalMs, 9);
        for (const o of result.operations) expect(o.p50Ms <= o.p90Ms && o.p90Ms <= o.p99Ms && o.p99Ms * o.traces >= o.criticalMs - 1e-9).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
