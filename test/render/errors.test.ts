import { describe, expect, it } from 'vitest';
import { ErrorsAggregator } from '../../src/analyses/errors-report.js';
import { renderErrors } from '../../src/render/errors.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

const plain = createTheme(0);
const tid = (c: string): string => c.repeat(16);

function checkout(traceId: string, ms: number): SpanSpec[] {
  return [
    { id: '1', start: 0, dur: 100, traceId, service: 'frontend', operation: 'GET /checkout', status: 'error', attributes: { 'http.status_code': 500 } },
    { id: '2', parent: '1', start: 5, dur: 90, traceId, service: 'checkout', operation: 'PlaceOrder', status: 'error', statusMessage: 'charge failed' },
    { id: '3', parent: '2', start: 6, dur: 80, traceId, service: 'checkout', operation: 'charge-card' },
    {
      id: '4', parent: '3', start: 7, dur: 70, traceId, service: 'payments', operation: 'Charge', status: 'error',
      events: [{ timeNs: 0n, name: 'exception', attributes: { 'exception.type': 'TimeoutError', 'exception.message': `deadline exceeded after ${ms}ms` } }],
    },
  ];
}

function report() {
  const agg = new ErrorsAggregator();
  agg.add(makeTrace(checkout(tid('1'), 5003)));
  agg.add(makeTrace(checkout(tid('2'), 4998)));
  agg.add(
    makeTrace([
      { id: '1', start: 0, dur: 60, traceId: tid('3'), service: 'frontend', operation: 'GET /product' },
      { id: '2', parent: '1', start: 1, dur: 50, traceId: tid('3'), service: 'catalog', operation: 'GetProduct' },
      { id: '3', parent: '2', start: 2, dur: 20, traceId: tid('3'), service: 'catalog', operation: 'cache Get', status: 'error', statusMessage: 'timeout after 20ms' },
    ]),
  );
  agg.add(makeTrace([{ id: '1', start: 0, dur: 1, traceId: tid('4'), service: 'frontend', operation: 'GET /health' }]));
  agg.add(
    makeTrace([
      { id: '1', start: 0, dur: 40, traceId: tid('5'), service: 'frontend', operation: 'GET /home', status: 'error', attributes: { 'http.status_code': 503 } },
      { id: '2', parent: '1', start: 2, dur: 30, traceId: tid('5'), service: 'ads', operation: 'GetAds', status: 'error', statusMessage: 'connect ECONNREFUSED 10.0.3.7:9555' },
      { id: '3', parent: '1', start: 3, dur: 35, traceId: tid('5'), service: 'recs', operation: 'List', status: 'error' },
    ]),
  );
  return agg.result();
}

describe('renderErrors', () => {
  it('groups first (most traces on top), then each trace’s chains and recovered errors, then a summary', () => {
    expect(renderErrors(report(), plain, 100)).toEqual([
      '2 traces fail in payments Charge: TimeoutError',
      '    via frontend:GET /checkout > checkout:PlaceOrder > checkout:charge-card > payments:Charge',
      '    e.g. 1111111111111111 2222222222222222',
      '1 trace fails in ads GetAds: connect ECONNREFUSED <ip>:<n>',
      '    via frontend:GET /home > ads:GetAds',
      '    e.g. 5555555555555555',
      '1 trace fails in recs List: error',
      '    via frontend:GET /home > recs:List',
      '    e.g. 5555555555555555',
      '',
      'trace 1111111111111111  frontend GET /checkout  (1 error chain)',
      '  ✗  frontend GET /checkout  HTTP 500',
      '  ✗  checkout PlaceOrder     charge failed',
      '     checkout charge-card',
      '  ✗  payments Charge         TimeoutError: deadline exceeded after 5003ms',
      '',
      'trace 2222222222222222  frontend GET /checkout  (1 error chain)',
      '  ✗  frontend GET /checkout  HTTP 500',
      '  ✗  checkout PlaceOrder     charge failed',
      '     checkout charge-card',
      '  ✗  payments Charge         TimeoutError: deadline exceeded after 4998ms',
      '',
      'trace 3333333333333333  frontend GET /product  (1 recovered)',
      '  recovered catalog cache Get: timeout after 20ms (absorbed by catalog GetProduct)',
      '',
      'trace 5555555555555555  frontend GET /home  (2 error chains)',
      '  chain 1 of 2: origin ads GetAds',
      '  ✗  frontend GET /home  HTTP 503',
      '  ✗  ads GetAds          connect ECONNREFUSED 10.0.3.7:9555',
      '  chain 2 of 2: origin recs List',
      '  ✗  frontend GET /home  HTTP 503',
      '  ✗  recs List',
      '',
      '4 of 5 traces with errors, 10 error spans: 4 chains in 3 traces, 3 signatures, 1 recovered',
    ]);
  });

  it('every line fits a narrow terminal', () => {
    const lines = renderErrors(report(), plain, 50);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(50);
    expect(lines[1]).toBe('    via frontend:GET /checkout > checkout:PlaceOr…');
    expect(lines[14]).toBe('  ✗  payments Charge         TimeoutError: deadli…');
  });

  it('example trace ids are never cut: as many whole ones as fit', () => {
    // 4 + 'e.g. ' + 16 + ' ' + 16 = 42 columns.
    expect(renderErrors(report(), plain, 42)[2]).toBe('    e.g. 1111111111111111 2222222222222222');
    expect(renderErrors(report(), plain, 41)[2]).toBe('    e.g. 1111111111111111');
  });

  it('dump strings are escaped', () => {
    const agg = new ErrorsAggregator();
    agg.add(makeTrace([{ id: '1', start: 0, dur: 1, service: 'a\u001b]0;pwned\u0007', status: 'error', statusMessage: 'bad\u001b[2J' }]));
    const text = renderErrors(agg.result(), plain, 120).join('\n');
    expect(text).not.toMatch(/[\u0000-\u001f](?<!\n)/);
    expect(text).toContain('bad\\x1b[2J');
  });

  it('every example trace id is escaped, not only the first (ids kept as written can hold anything)', () => {
    const agg = new ErrorsAggregator();
    agg.add(makeTrace(checkout('t1', 5000)));
    agg.add(makeTrace(checkout('t2\u0007', 5001)));
    const lines = renderErrors(agg.result(), plain, 120);
    expect(lines).toContain('    e.g. t1 t2\\x07');
  });

  it('no errors', () => {
    const agg = new ErrorsAggregator();
    agg.add(makeTrace([{ id: '1', start: 0, dur: 1 }]));
    expect(renderErrors(agg.result(), plain, 80)).toEqual(['no errors in 1 trace']);
  });
});
