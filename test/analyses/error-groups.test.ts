import { describe, expect, it } from 'vitest';
import type { ErrorChain, TraceErrors } from '../../src/analyses/error-chains.js';
import { ErrorGroupAggregator } from '../../src/analyses/error-groups.js';

function chain(steps: string[], reason: string): ErrorChain {
  const path = steps.map((s, i) => {
    const [service, operation] = s.split(':') as [string, string];
    return { spanId: String(i), service, operation, error: true, message: null };
  });
  const last = path[path.length - 1]!;
  return { origin: { spanId: last.spanId, service: last.service, operation: last.operation, message: null, reason }, path };
}

function trace(traceId: string, chains: ErrorChain[]): TraceErrors {
  return { traceId, rootService: 'x', rootOperation: 'y', errorSpans: chains.length, chains, recovered: [] };
}

describe('ErrorGroupAggregator', () => {
  it('groups by path and reason, counts traces and chains, sorts by traces then chains then signature', () => {
    const agg = new ErrorGroupAggregator();
    const pay = chain(['web:GET', 'checkout:Place', 'payments:Charge'], 'TimeoutError');
    const ads = chain(['web:GET', 'ads:Get'], 'refused');
    agg.add(trace('t1', [ads]));
    agg.add(trace('t2', [pay]));
    agg.add(trace('t3', [pay, pay]));
    agg.add(trace('t4', [pay, chain(['web:GET', 'checkout:Place', 'payments:Charge'], 'CardError')]));
    expect(agg.result()).toEqual([
      {
        signature: 'web:GET > checkout:Place > payments:Charge | TimeoutError',
        count: 3,
        chains: 4,
        traceIds: ['t2', 't3', 't4'],
        origin: { service: 'payments', operation: 'Charge' },
        reason: 'TimeoutError',
        path: ['web:GET', 'checkout:Place', 'payments:Charge'],
      },
      // Ties in traces and chains: by signature.
      { signature: 'web:GET > ads:Get | refused', count: 1, chains: 1, traceIds: ['t1'], origin: { service: 'ads', operation: 'Get' }, reason: 'refused', path: ['web:GET', 'ads:Get'] },
      {
        signature: 'web:GET > checkout:Place > payments:Charge | CardError',
        count: 1,
        chains: 1,
        traceIds: ['t4'],
        origin: { service: 'payments', operation: 'Charge' },
        reason: 'CardError',
        path: ['web:GET', 'checkout:Place', 'payments:Charge'],
      },
    ]);
  });

  it('a step repeated right after itself counts once; at most five example ids', () => {
    const agg = new ErrorGroupAggregator();
    const c = chain(['web:get', 'web:get', 'cart:get'], 'error');
    for (let i = 1; i <= 7; i++) agg.add(trace(`t${i}`, [c]));
    const [group] = agg.result();
    expect(group!.signature).toBe('web:get > cart:get | error');
    expect(group!.count).toBe(7);
    expect(group!.traceIds).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });
});
