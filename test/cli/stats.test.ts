/**
 * `tracectl stats` over fixtures/critical-path/checkout.json (diagrams in test/cli/critical-path.test.ts).
 * Self times of trace aaaa…0001, in ms:
 *
 *   frontend POST /checkout |0 --------------------------------- 100|  children cover 5-27 and 30-100
 *   cart GetCart               |5 ----- 27|                           (Send, clipped, reaches 100) → 8
 *   payment Charge                          |30 --------- 70|          db.query covers 40-65 → 15
 *   payment db.query                           |40 ----- 65|           → 25
 *   email Send                                          |65 ------------- 120|  → 55
 *   frontend render                                           |81 - 95|        → 14
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const CHECKOUT = fixture('critical-path/checkout.json');

describe('tracectl stats', () => {
  it('one trace by service: count, total, self, share of the trace, avg, min, max', async () => {
    const r = await runCli(['stats', CHECKOUT, '--trace', 'aaaa000000000001', '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Span statistics of trace aaaa000000000001, by service',
        '',
        'SERVICE   SPANS   TOTAL    SELF  SELF%     AVG     MIN     MAX',
        'email         1  55.0ms  55.0ms    46%  55.0ms  55.0ms  55.0ms',
        'payment       2  65.0ms  40.0ms    33%  32.5ms  25.0ms  40.0ms',
        'cart          1  22.0ms  22.0ms    18%  22.0ms  22.0ms  22.0ms',
        'frontend      2   114ms  22.0ms    18%  57.0ms  14.0ms   100ms',
        '',
        '6 spans; SELF% is self time over the 120ms the trace lasts',
        '',
      ].join('\n'),
    );
  });

  it('--json by operation: exactly the documented fields', async () => {
    const { json } = await runJson(['stats', CHECKOUT, '--trace', 'aaaa000000000001', '--by', 'operation']);
    expect(json).toEqual({
      groupKeys: ['service', 'operation'],
      groups: [
        { service: 'email', operation: 'Send', keys: { service: 'email', operation: 'Send' }, count: 1, totalMs: 55, selfMs: 55, avgMs: 55, minMs: 55, maxMs: 55 },
        { service: 'payment', operation: 'db.query', keys: { service: 'payment', operation: 'db.query' }, count: 1, totalMs: 25, selfMs: 25, avgMs: 25, minMs: 25, maxMs: 25 },
        { service: 'cart', operation: 'GetCart', keys: { service: 'cart', operation: 'GetCart' }, count: 1, totalMs: 22, selfMs: 22, avgMs: 22, minMs: 22, maxMs: 22 },
        { service: 'payment', operation: 'Charge', keys: { service: 'payment', operation: 'Charge' }, count: 1, totalMs: 40, selfMs: 15, avgMs: 40, minMs: 40, maxMs: 40 },
        { service: 'frontend', operation: 'render', keys: { service: 'frontend', operation: 'render' }, count: 1, totalMs: 14, selfMs: 14, avgMs: 14, minMs: 14, maxMs: 14 },
        { service: 'frontend', operation: 'POST /checkout', keys: { service: 'frontend', operation: 'POST /checkout' }, count: 1, totalMs: 100, selfMs: 8, avgMs: 100, minMs: 100, maxMs: 100 },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('without --trace: summed over every trace (by service, operation null)', async () => {
    const { json } = await runJson<{ groups: { service: string; operation: string | null; count: number; totalMs: number; selfMs: number; minMs: number; maxMs: number }[] }>(['stats', CHECKOUT]);
    expect(json.groups.map((g) => [g.service, g.operation, g.count, g.totalMs, g.selfMs, g.minMs, g.maxMs])).toEqual([
      ['shipping', null, 1, 65, 65, 65, 65],
      ['frontend', null, 6, 192, 63, 8, 100],
      ['email', null, 1, 55, 55, 55, 55],
      ['cart', null, 2, 40, 40, 18, 22],
      ['payment', null, 2, 65, 40, 25, 40],
    ]);
  });

  it('a dump by operation at 80 columns, with the dump-wide share', async () => {
    const r = await runCli(['stats', CHECKOUT, '--by', 'operation', '--width', '80']);
    expect(r.stdout.split('\n')).toEqual([
      'Span statistics of 3 traces, by service and operation',
      '',
      'SERVICE   OPERATION       SPANS   TOTAL    SELF  SELF%     AVG     MIN     MAX',
      'shipping  consume             1  65.0ms  65.0ms    30%  65.0ms  65.0ms  65.0ms',
      'email     Send                1  55.0ms  55.0ms    26%  55.0ms  55.0ms  55.0ms',
      'cart      GetCart             2  40.0ms  40.0ms    19%  20.0ms  18.0ms  22.0ms',
      'frontend  POST /checkout      2   150ms  30.0ms    14%  75.0ms  50.0ms   100ms',
      'payment   db.query            1  25.0ms  25.0ms    12%  25.0ms  25.0ms  25.0ms',
      'frontend  render              2  22.0ms  22.0ms    10%  11.0ms  8.00ms  14.0ms',
      'payment   Charge              1  40.0ms  15.0ms   7.0%  40.0ms  40.0ms  40.0ms',
      'frontend  GET /home           1  10.0ms  6.00ms   2.8%  10.0ms  10.0ms  10.0ms',
      'frontend  publish             1  10.0ms  5.00ms   2.3%  10.0ms  10.0ms  10.0ms',
      '',
      '12 spans; SELF% is self time over the 214ms the traces last',
      '',
    ]);
  });

  it('at 40 columns drops min, max, avg, total and the span count, in that order', async () => {
    const r = await runCli(['stats', CHECKOUT, '--by', 'operation', '--width', '40']);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe('SERVICE   OPERATION         SELF  SELF%');
    expect(lines[3]).toBe('shipping  consume         65.0ms    30%');
    expect(lines.filter((l) => [...l].length > 40)).toEqual([]);
  });

  it('--by names an unknown key: one line, exit 2', async () => {
    const r = await runCli(['stats', CHECKOUT, '--by', 'service,host']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tracectl: --by: unknown key 'host' (an attribute is attr.host or resource.host); keys: service, operation, kind, status, attr.KEY, resource.KEY\n");
  });
});
