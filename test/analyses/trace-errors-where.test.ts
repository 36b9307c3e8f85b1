/**
 * `errors --where` per trace: chains found on the whole tree, kept when one of their failed spans
 * matches; recovered errors kept when the recovered span or a failure below it matches.
 */
import { describe, expect, it } from 'vitest';
import { traceErrorsWhere } from '../../src/analyses/trace-errors-where.js';
import { compileWhere } from '../../src/query/where.js';
import type { Trace } from '../../src/model/trace.js';
import { makeTrace } from '../helpers/make-span.js';

/*
 *  CHAIN     0        50       100
 *  1 api     |==================|  ERROR
 *  2 orders    |==========|        ERROR
 *  3 db          |====|            ERROR  (origin of the chain api → orders → db)
 *  4 search                |====|  ok
 */
const CHAIN = makeTrace([
  { id: '1', start: 0, dur: 100, service: 'api', status: 'error' },
  { id: '2', parent: '1', start: 10, dur: 50, service: 'orders', status: 'error' },
  { id: '3', parent: '2', start: 20, dur: 20, service: 'db', status: 'error' },
  { id: '4', parent: '1', start: 70, dur: 25, service: 'search' },
]);

/*
 *  RECOVERED 0        50       100
 *  1 api     |==================|  ok
 *  2 search    |==========|        ok
 *  3 cache       |====|            ERROR  (recovered: search succeeded)
 *  4 redis        |=|              ERROR  (the failure below it)
 */
const RECOVERED = makeTrace([
  { id: '1', start: 0, dur: 100, service: 'api' },
  { id: '2', parent: '1', start: 10, dur: 50, service: 'search' },
  { id: '3', parent: '2', start: 20, dur: 20, service: 'cache', status: 'error' },
  { id: '4', parent: '3', start: 22, dur: 5, service: 'redis', status: 'error' },
]);

const summary = (trace: Trace, q: string): unknown => {
  const r = traceErrorsWhere(trace, compileWhere(q));
  if (r === undefined) return undefined;
  return {
    errorSpans: r.errorSpans,
    chains: r.chains.map((c) => c.path.map((step) => step.service).join('>')),
    recovered: r.recovered.map((x) => `${x.service}: ${x.origins.map((o) => o.service).join(',')}`),
  };
};

describe('traceErrorsWhere', () => {
  it.each<[string, unknown]>([
    ['service = "db"', { errorSpans: 1, chains: ['api>orders>db'], recovered: [] }],
    // A failed span in the middle of the chain keeps it, whole.
    ['service = "orders"', { errorSpans: 1, chains: ['api>orders>db'], recovered: [] }],
    ['root', { errorSpans: 1, chains: ['api>orders>db'], recovered: [] }],
    ['depth >= 1', { errorSpans: 2, chains: ['api>orders>db'], recovered: [] }],
    // search matches but did not fail: nothing to count.
    ['service = "search"', undefined],
  ])('chain, %s', (q, expected) => {
    expect(summary(CHAIN, q)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['service = "cache"', { errorSpans: 1, chains: [], recovered: ['cache: redis'] }],
    // The failure below a recovered span keeps it.
    ['service = "redis"', { errorSpans: 1, chains: [], recovered: ['cache: redis'] }],
    ['error', { errorSpans: 2, chains: [], recovered: ['cache: redis'] }],
    ['service = "api"', undefined],
  ])('recovered, %s', (q, expected) => {
    expect(summary(RECOVERED, q)).toEqual(expected);
  });
});
