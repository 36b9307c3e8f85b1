import { describe, expect, it } from 'vitest';
import { LatencyAggregator, type LatencyOptions } from '../../src/analyses/latency.js';
import { renderLatency } from '../../src/render/latency.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace } from '../helpers/make-span.js';

const plain = createTheme(0);

/** frontend: 10 requests of 1..10ms, one failed; cart: 3 of 40ms, 45ms and 1.2s (bimodal). */
function result(options: LatencyOptions = {}) {
  const agg = new LatencyAggregator(options);
  for (let i = 0; i < 10; i++) {
    const specs = [{ id: '1', start: i * 100, dur: i + 1, service: 'frontend', operation: 'GET /', kind: 'server' as const, traceId: `${i + 1}`.padStart(16, '0'), ...(i === 9 ? { status: 'error' as const } : {}) }];
    agg.add(makeTrace(specs));
  }
  for (const [i, dur] of [40, 45, 1200].entries()) {
    agg.add(makeTrace([{ id: '1', start: 1000 + i * 100, dur, service: 'cart', operation: 'GetCart', kind: 'server', traceId: `c${i}`.padStart(16, '0') }]));
  }
  return agg.result();
}

describe('renderLatency', () => {
  it('an aligned table, slowest p99 first, with a summary line', () => {
    expect(renderLatency(result(), plain, 120)).toEqual([
      'SERVICE   COUNT  ERRORS  ERR%    MEAN     P50     P90     P95     P99     MAX    RATE',
      'cart          3       0    0%   428ms  45.0ms   1.20s   1.20s   1.20s   1.20s  1.25/s',
      'frontend     10       1   10%  5.50ms  5.00ms  9.00ms  10.0ms  10.0ms  10.0ms  4.17/s',
      '2 services, 13 entry spans over 2.40s; exact nearest-rank percentiles',
    ]);
  });

  it('at 60 columns: rate, mean, the error count, max, then middle percentiles (P95) go; nothing wider than the width', () => {
    const lines = renderLatency(result({ by: 'operation' }), plain, 60);
    expect(lines).toEqual([
      'SERVICE   OPERATION  COUNT  ERR%     P50     P90     P99',
      'cart      GetCart        3    0%  45.0ms   1.20s   1.20s',
      'frontend  GET /         10   10%  5.00ms  9.00ms  10.0ms',
      '2 operations, 13 entry spans over 2.40s; exact nearest-rank…',
    ]);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(60);
  });

  it('--histogram: bars per row on 1-2-5 buckets, a bimodal service shows both humps', () => {
    const lines = renderLatency(result({ histogram: true }), plain, 80);
    expect(lines.slice(4)).toEqual([
      '',
      'cart  (3)',
      '    20ms–50ms  ████████████████████████████████████████ 2',
      '   50ms–100ms                                           0',
      '  100ms–200ms                                           0',
      '  200ms–500ms                                           0',
      '     500ms–1s                                           0',
      '        1s–2s  ████████████████████                     1',
      '',
      'frontend  (10)',
      '    1ms–2ms  ████████                                 1',
      '    2ms–5ms  ████████████████████████                 3',
      '   5ms–10ms  ████████████████████████████████████████ 5',
      '  10ms–20ms  ████████                                 1',
    ]);
  });

  it('at the narrowest width (40) every line still fits', () => {
    const lines = renderLatency(result({ by: 'operation', histogram: true }), plain, 40);
    // Only the median and the tail are left, and the names give up even their minimum width.
    expect(lines.slice(0, 4)).toEqual([
      'SERV…  OPE…  COUNT  ERR%     P50     P99',
      'cart   Get…      3    0%  45.0ms   1.20s',
      'fron…  GET…     10   10%  5.00ms  10.0ms',
      '2 operations, 13 entry spans over 2.40s…',
    ]);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(40);
  });

  it('names from the dump are escaped', () => {
    const agg = new LatencyAggregator();
    agg.add(makeTrace([{ id: '1', start: 0, dur: 1, service: 'evil\u001b[31m', kind: 'server' }]));
    expect(renderLatency(agg.result(), plain, 120)[1]).toMatch(/^evil\\x1b\[31m /);
  });

  it('nothing to show', () => {
    expect(renderLatency(new LatencyAggregator().result(), plain, 80)).toEqual(['no entry spans with a duration']);
  });
});
