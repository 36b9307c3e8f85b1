import { describe, expect, it } from 'vitest';
import { traceErrors } from '../../src/analyses/error-chains.js';
import { buildTrace } from '../../src/model/tree.js';
import { makeSpan, makeTrace, type SpanSpec } from '../helpers/make-span.js';

const id = (n: string): string => n.padStart(16, '0');
const err = (spec: SpanSpec, statusMessage?: string): SpanSpec => ({ ...spec, status: 'error', ...(statusMessage !== undefined ? { statusMessage } : {}) });

describe('traceErrors', () => {
  it('a trace without error spans has no errors', () => {
    expect(traceErrors(makeTrace([{ id: '1', start: 0, dur: 10 }]))).toBeUndefined();
  });

  it('one origin: the chain runs from the root down to the deepest failed span, through healthy ones', () => {
    // 1 frontend GET ✗ ├────────────────────┤
    // 2 checkout Place ✗   ├───────────────┤
    // 3 checkout charge       ├──────────┤        (healthy, on the path)
    // 4 payments Charge ✗       ├──────┤          origin
    // 5 checkout GetCart  ├─┤                     (healthy, off the path)
    const trace = makeTrace([
      err({ id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET', attributes: { 'http.status_code': 500 } }),
      err({ id: '2', parent: '1', start: 10, dur: 80, service: 'checkout', operation: 'Place' }, 'charge failed'),
      { id: '5', parent: '2', start: 11, dur: 2, service: 'checkout', operation: 'GetCart' },
      { id: '3', parent: '2', start: 15, dur: 70, service: 'checkout', operation: 'charge' },
      err({ id: '4', parent: '3', start: 20, dur: 60, service: 'payments', operation: 'Charge' }, 'deadline exceeded after 5003ms'),
    ]);
    expect(traceErrors(trace)).toEqual({
      traceId: 'aaaaaaaaaaaaaaaa',
      rootService: 'frontend',
      rootOperation: 'GET',
      errorSpans: 3,
      chains: [
        {
          origin: { spanId: id('4'), service: 'payments', operation: 'Charge', message: 'deadline exceeded after 5003ms', reason: 'deadline exceeded after <n>ms' },
          path: [
            { spanId: id('1'), service: 'frontend', operation: 'GET', error: true, message: 'HTTP 500' },
            { spanId: id('2'), service: 'checkout', operation: 'Place', error: true, message: 'charge failed' },
            { spanId: id('3'), service: 'checkout', operation: 'charge', error: false, message: null },
            { spanId: id('4'), service: 'payments', operation: 'Charge', error: true, message: 'deadline exceeded after 5003ms' },
          ],
        },
      ],
      recovered: [],
    });
  });

  it('two origins (fan-out): one chain each, in tree order', () => {
    // 1 ✗ ├──────────────┤
    // 2 ✗   ├────┤          origin
    // 3 ✗          ├───┤    origin
    const trace = makeTrace([
      err({ id: '1', start: 0, dur: 40, service: 'frontend', operation: 'home' }),
      err({ id: '3', parent: '1', start: 20, dur: 10, service: 'recs', operation: 'List' }, 'timeout'),
      err({ id: '2', parent: '1', start: 5, dur: 10, service: 'ads', operation: 'Get' }, 'refused'),
    ]);
    const errors = traceErrors(trace)!;
    expect(errors.chains.map((c) => c.path.map((s) => s.spanId))).toEqual([
      [id('1'), id('2')],
      [id('1'), id('3')],
    ]);
    expect(errors.chains.map((c) => c.origin.message)).toEqual(['refused', 'timeout']);
    expect(errors.recovered).toEqual([]);
  });

  it('recovered: a failed span under healthy ancestors is listed apart, with who absorbed it', () => {
    // 1 frontend ok  ├──────────────────┤
    // 2 catalog ok     ├───────────────┤
    // 3 cache Get ✗      ├────┤              recovered (retried)
    // 4 cache Get ok            ├─┤
    const trace = makeTrace([
      { id: '1', start: 0, dur: 60, service: 'frontend', operation: 'GET' },
      { id: '2', parent: '1', start: 2, dur: 55, service: 'catalog', operation: 'Get' },
      err({ id: '3', parent: '2', start: 3, dur: 20, service: 'cache', operation: 'Get' }, 'timeout'),
      { id: '4', parent: '2', start: 24, dur: 2, service: 'cache', operation: 'Get' },
    ]);
    const errors = traceErrors(trace)!;
    expect(errors.chains).toEqual([]);
    expect(errors.recovered).toEqual([
      {
        spanId: id('3'),
        service: 'cache',
        operation: 'Get',
        message: 'timeout',
        absorbedBy: { spanId: id('2'), service: 'catalog', operation: 'Get' },
        origins: [{ spanId: id('3'), service: 'cache', operation: 'Get', message: 'timeout', reason: 'timeout' }],
      },
    ]);
  });

  it('a recovered span keeps the origins below it; the failure that reached the root is a chain', () => {
    // 1 ✗ root        ├──────────┤
    // 2 ok mid          ├──────┤
    // 3 ✗ leaf            ├──┤                   origin; ancestor 1 failed → a chain, not recovered
    // 7 ok other-root                  ├──────────┤
    // 8 ✗ retry-wrapper                  ├──────┤       recovered (7 succeeded)
    // 9 ✗ call                             ├──┤         origin, absorbed with 8
    const trace = makeTrace([
      err({ id: '1', start: 0, dur: 50, operation: 'root' }),
      { id: '2', parent: '1', start: 5, dur: 30, operation: 'mid' },
      err({ id: '3', parent: '2', start: 8, dur: 5, operation: 'leaf' }, 'boom'),
      { id: '7', start: 100, dur: 50, operation: 'other-root' },
      err({ id: '8', parent: '7', start: 105, dur: 30, operation: 'retry-wrapper' }, 'wrapped'),
      err({ id: '9', parent: '8', start: 110, dur: 10, operation: 'call' }, 'refused'),
    ]);
    const errors = traceErrors(trace)!;
    expect(errors.chains.map((c) => c.path.map((s) => s.operation))).toEqual([['root', 'mid', 'leaf']]);
    expect(errors.recovered.map((r) => [r.operation, r.absorbedBy.operation, r.origins.map((o) => o.operation)])).toEqual([['retry-wrapper', 'other-root', ['call']]]);
  });

  it('a failed root with nothing failed below is a chain of one', () => {
    const errors = traceErrors(makeTrace([err({ id: '1', start: 0, dur: 1, operation: 'only' }, 'x')]))!;
    expect(errors.chains).toEqual([
      { origin: { spanId: id('1'), service: 'svc', operation: 'only', message: 'x', reason: 'x' }, path: [{ spanId: id('1'), service: 'svc', operation: 'only', error: true, message: 'x' }] },
    ]);
  });

  it('a chain 100,000 spans deep: no recursion', () => {
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => makeSpan({ id: String(i + 1), ...(i > 0 ? { parent: String(i) } : {}), start: i, dur: 1, status: 'error' }));
    const trace = buildTrace('aaaaaaaaaaaaaaaa', spans, { adjustClockSkew: false }).result;
    const errors = traceErrors(trace)!;
    expect(errors.errorSpans).toBe(n);
    expect(errors.chains).toHaveLength(1);
    expect(errors.chains[0]!.path).toHaveLength(n);
    expect(errors.chains[0]!.origin.spanId).toBe(id(String(n)));
  });
});
