import { describe, expect, it } from 'vitest';
import { evaluateBudgets, holds } from '../../src/check/evaluate-budgets.js';
import { parseBudget } from '../../src/check/parse-budget.js';
import type { Trace } from '../../src/model/trace.js';
import { makeTrace } from '../helpers/make-span.js';

/*
 * Three requests, one a second (times in ms from each trace's start):
 *
 * t1 (at 0)     frontend GET /cart  |==========100==========|
 *               cart GetCart          |==30==|
 *               payments Charge                |==40 ERROR==|
 * t2 (at 1000)  frontend GET /cart  |======================200======================|
 *               cart GetCart          |==========120==========|
 *               payments Charge                                 |=20=|
 * t3 (at 2000)  frontend GET /home  |=50=|
 *
 * Entry spans: frontend 100, 200, 50; cart 30, 120; payments 40 (failed), 20.
 * The dump covers 0..2050ms.
 */
const T1 = '0000000000000001';
const T2 = '0000000000000002';
const T3 = '0000000000000003';
function traces(): Trace[] {
  const server = { kind: 'server' as const };
  return [
    makeTrace([
      { traceId: T1, id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET /cart', ...server },
      { traceId: T1, id: '2', parent: '1', start: 10, dur: 30, service: 'cart', operation: 'GetCart', ...server },
      { traceId: T1, id: '3', parent: '1', start: 50, dur: 40, service: 'payments', operation: 'Charge', status: 'error', ...server },
    ]),
    makeTrace([
      { traceId: T2, id: '1', start: 1000, dur: 200, service: 'frontend', operation: 'GET /cart', ...server },
      { traceId: T2, id: '2', parent: '1', start: 1010, dur: 120, service: 'cart', operation: 'GetCart', ...server },
      { traceId: T2, id: '3', parent: '1', start: 1140, dur: 20, service: 'payments', operation: 'Charge', ...server },
    ]),
    makeTrace([{ traceId: T3, id: '1', start: 2000, dur: 50, service: 'frontend', operation: 'GET /home', ...server }]),
  ];
}

function check(...exprs: string[]) {
  return evaluateBudgets(exprs.map((e) => parseBudget(e)), traces());
}

describe('evaluateBudgets', () => {
  it('a service percentile: exact nearest rank, equal to the limit holds for <= and fails for <', () => {
    // frontend sorted: 50 100 200. p50 = rank 2 = 100ms; p99 = rank 3 = 200ms.
    const r = check('frontend:p99<300ms', 'frontend:p50<=100ms', 'frontend:p50<100ms');
    expect(r.results.map((o) => [o.budget, o.actual, o.passed])).toEqual([
      ['frontend:p99<300ms', 200, true],
      ['frontend:p50<=100ms', 100, true],
      ['frontend:p50<100ms', 100, false],
    ]);
    expect(r).toMatchObject({ passed: false, total: 3, failed: 1, traces: 3, spans: 'entry' });
  });

  it('the whole outcome of a glob budget: worst value, how many fail, violations worst first', () => {
    const [o] = check('*:error-rate<10%').results;
    expect(o).toEqual({
      budget: '*:error-rate<10%',
      target: '*',
      targetKind: 'service',
      glob: true,
      metric: 'error-rate',
      comparison: '<',
      limit: 0.1,
      limitText: '10%',
      unit: 'ratio',
      actual: 0.5,
      passed: false,
      matched: 3,
      failing: 1,
      worst: { service: 'payments', operation: null },
      onlyNonEntrySpans: false,
      violations: [{ service: 'payments', operation: null, actual: 0.5 }],
    });
  });

  it('operations: */* checks each; one operation of one service', () => {
    const r = check('*/*:max<150ms', 'payments/Charge:errors<=0', 'cart/GetCart:mean>50ms');
    expect(r.results[0]).toMatchObject({ actual: 200, matched: 4, failing: 1, worst: { service: 'frontend', operation: 'GET /cart' }, passed: false });
    expect(r.results[1]).toMatchObject({ actual: 1, matched: 1, failing: 1, passed: false });
    // (30 + 120) / 2
    expect(r.results[2]).toMatchObject({ actual: 75, passed: true, glob: false });
  });

  it('counts and the rate over the dump (3 requests over 2.05s)', () => {
    const r = check('frontend:count>=3', 'frontend:rate>=1.5/s', 'frontend:rate>=1/s');
    expect(r.results.map((o) => [o.actual, o.passed])).toEqual([
      [3, true],
      [3 / 2.05, false],
      [3 / 2.05, true],
    ]);
  });

  it('a target that matches nothing fails, with nothing measured', () => {
    const [o] = check('checkout:count>=1').results;
    expect(o).toMatchObject({ actual: null, passed: false, matched: 0, failing: 0, worst: null, violations: [] });
  });

  it('trace budgets: every trace; the worst is the highest against <, the lowest against >=', () => {
    const r = check('trace:duration<150ms', 'trace:spans<=3', 'trace:depth<2', 'trace:depth>=1');
    expect(r.results[0]).toMatchObject({ actual: 200, matched: 3, failing: 1, worst: { traceId: T2 }, violations: [{ traceId: T2, actual: 200 }] });
    expect(r.results[1]).toMatchObject({ actual: 3, passed: true, worst: { traceId: T1 } });
    // Depth counts levels: t1 and t2 have 2, t3 has 1. Ties keep input order.
    expect(r.results[2]).toMatchObject({ actual: 2, failing: 2, violations: [{ traceId: T1, actual: 2 }, { traceId: T2, actual: 2 }] });
    expect(r.results[3]).toMatchObject({ actual: 1, passed: true, worst: { traceId: T3 } });
  });

  it('--all-spans counts internal and client spans too', () => {
    const t = makeTrace([
      { id: '1', start: 0, dur: 10, service: 'api', operation: 'GET', kind: 'server' },
      { id: '2', parent: '1', start: 1, dur: 2, service: 'api', operation: 'db', kind: 'client' },
    ]);
    const budgets = [parseBudget('api:count>=2')];
    expect(evaluateBudgets(budgets, [t]).results[0]!.actual).toBe(1);
    expect(evaluateBudgets(budgets, [t], { allSpans: true })).toMatchObject({ spans: 'all', results: [{ actual: 2, passed: true }] });
  });

  it('an empty input: trace budgets and service budgets match nothing and fail', () => {
    const r = evaluateBudgets([parseBudget('trace:duration<1s'), parseBudget('*:p99<1s')], []);
    expect(r.results.map((o) => [o.matched, o.passed])).toEqual([
      [0, false],
      [0, false],
    ]);
  });

  it('a rate over a dump that lasts no time cannot be measured, and fails', () => {
    const t = makeTrace([{ id: '1', start: 0, dur: 0, service: 'api', operation: 'GET', kind: 'server' }]);
    const [o] = evaluateBudgets([parseBudget('api:rate>=0')], [t]).results;
    expect(o).toMatchObject({ actual: null, matched: 1, failing: 1, passed: false, violations: [{ service: 'api', operation: null, actual: null }] });
  });

  it('--where: services count only the selected spans, trace budgets only traces with one', () => {
    // Only failed spans: payments' failed Charge in t1.
    const where = (node: { span: { status: string } }): boolean => node.span.status === 'error';
    const r = evaluateBudgets(['payments:count>=2', 'frontend:count>=1', 'trace:duration<150ms'].map((e) => parseBudget(e)), traces(), { where });
    expect(r.results.map((o) => [o.actual, o.matched, o.passed])).toEqual([
      [1, 1, false],
      [null, 0, false],
      // t1 (100ms) is the only trace with a failed span.
      [100, 1, true],
    ]);
  });

  it('holds', () => {
    expect([holds(1, '<', 1), holds(1, '<=', 1), holds(1, '>', 1), holds(1, '>=', 1), holds(null, '>=', 0)]).toEqual([false, true, false, true, false]);
  });
});
