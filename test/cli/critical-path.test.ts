/**
 * `tracectl critical-path` as a user runs it. fixtures/critical-path/checkout.json holds three traces
 * (times in ms from the first trace's start; each trace's offsets from its own start):
 *
 * aaaa…0001  frontend POST /checkout  |0 ----------------------------------- 100|
 *            cart GetCart                |5 ------ 27|
 *            payment Charge                             |30 ----------- 70|
 *            payment db.query (of Charge)                   |40 ------ 65|
 *            email Send (FOLLOWS_FROM)                              |65 ------------- 120|
 *            frontend render                                               |81 --- 95|
 *   → POST 0-5, GetCart 5-27, POST 27-30, Charge 30-40, db.query 40-65, Charge 65-70, POST 70-81,
 *     render 81-95, POST 95-100 (Send does not block: left out)
 *
 * aaaa…0002  frontend POST /checkout  |0 ---------------------- 50|
 *            frontend publish (PRODUCER)  |10 - 20|
 *            shipping consume (CONSUMER of publish)  |15 -------------------- 80|
 *            cart GetCart                          |22 ----- 40|
 *   → POST 0-10, publish 10-20, POST 20-22, GetCart 22-40, POST 40-50 (consume left out)
 *
 * bbbb…0003  frontend GET /home  |0 ----- 10|
 *            frontend render           |6 -------- 14|    clipped to 6-10
 *   → GET /home 0-6, render 6-10
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const CHECKOUT = fixture('critical-path/checkout.json');

describe('tracectl critical-path: one trace', () => {
  it('--trace with a prefix: sections in time order and the time per service and per operation', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--trace', 'aaaa000000000001', '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Critical path of trace aaaa000000000001',
        'root frontend POST /checkout, 100ms; 9 sections on 5 spans',
        '',
        ' START     END  DURATION  SHARE  SPAN              SERVICE   OPERATION',
        '   0ns  5.00ms    5.00ms   5.0%  0000000000000101  frontend  POST /checkout',
        '5.00ms  27.0ms    22.0ms    22%  0000000000000102  cart      GetCart',
        '27.0ms  30.0ms    3.00ms   3.0%  0000000000000101  frontend  POST /checkout',
        '30.0ms  40.0ms    10.0ms    10%  0000000000000103  payment   Charge',
        '40.0ms  65.0ms    25.0ms    25%  0000000000000104  payment   db.query',
        '65.0ms  70.0ms    5.00ms   5.0%  0000000000000103  payment   Charge',
        '70.0ms  81.0ms    11.0ms    11%  0000000000000101  frontend  POST /checkout',
        '81.0ms  95.0ms    14.0ms    14%  0000000000000106  frontend  render',
        '95.0ms   100ms    5.00ms   5.0%  0000000000000101  frontend  POST /checkout',
        '',
        'SERVICE   CRITICAL  SHARE',
        'payment     40.0ms    40%',
        'frontend    38.0ms    38%',
        'cart        22.0ms    22%',
        '',
        'SERVICE   OPERATION       CRITICAL  SHARE',
        'payment   db.query          25.0ms    25%',
        'frontend  POST /checkout    24.0ms    24%',
        'cart      GetCart           22.0ms    22%',
        'payment   Charge            15.0ms    15%',
        'frontend  render            14.0ms    14%',
        '',
      ].join('\n'),
    );
  });

  it('--json (id in upper case): exactly the documented fields, offsets from the trace start in ms', async () => {
    const { json } = await runJson(['critical-path', CHECKOUT, '--trace', 'AAAA000000000002']);
    expect(json).toEqual({
      traceId: 'aaaa000000000002',
      durationMs: 50,
      sections: [
        { spanId: '0000000000000201', service: 'frontend', operation: 'POST /checkout', startOffsetMs: 0, endOffsetMs: 10 },
        { spanId: '0000000000000202', service: 'frontend', operation: 'publish', startOffsetMs: 10, endOffsetMs: 20 },
        { spanId: '0000000000000201', service: 'frontend', operation: 'POST /checkout', startOffsetMs: 20, endOffsetMs: 22 },
        { spanId: '0000000000000204', service: 'cart', operation: 'GetCart', startOffsetMs: 22, endOffsetMs: 40 },
        { spanId: '0000000000000201', service: 'frontend', operation: 'POST /checkout', startOffsetMs: 40, endOffsetMs: 50 },
      ],
      byOperation: [
        { service: 'frontend', operation: 'POST /checkout', criticalMs: 22, share: 0.44 },
        { service: 'cart', operation: 'GetCart', criticalMs: 18, share: 0.36 },
        { service: 'frontend', operation: 'publish', criticalMs: 10, share: 0.2 },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('an input with one trace needs no --trace; a clipped child shows its clipped time', async () => {
    const dump = JSON.parse(readFileSync(CHECKOUT, 'utf8')) as { data: { traceID: string }[] };
    const input = JSON.stringify({ data: dump.data.filter((t) => t.traceID === 'bbbb000000000003') });
    const { json } = await runJson<{ sections: { operation: string; startOffsetMs: number; endOffsetMs: number }[] }>(['critical-path', '-'], { input });
    expect(json.sections.map((s) => [s.operation, s.startOffsetMs, s.endOffsetMs])).toEqual([
      ['GET /home', 0, 6],
      ['render', 6, 10],
    ]);
  });

  it('--top limits the per-operation list of one trace', async () => {
    const { json } = await runJson<{ byOperation: { operation: string }[]; sections: unknown[] }>(['critical-path', CHECKOUT, '--trace', 'aaaa000000000001', '--top', '2']);
    expect(json.byOperation.map((o) => o.operation)).toEqual(['db.query', 'POST /checkout']);
    expect(json.sections).toHaveLength(9);
  });
});

describe('tracectl critical-path: a dump', () => {
  it('aggregates over every trace, sorted by total critical time', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Critical path over 3 traces: 160ms in total (the root spans\' durations)',
        '',
        'SERVICE   OPERATION       CRITICAL  SHARE  TRACES     P50     P90     P99',
        'frontend  POST /checkout    46.0ms    29%       2  22.0ms  24.0ms  24.0ms',
        'cart      GetCart           40.0ms    25%       2  18.0ms  22.0ms  22.0ms',
        'payment   db.query          25.0ms    16%       1  25.0ms  25.0ms  25.0ms',
        'frontend  render            18.0ms    11%       2  4.00ms  14.0ms  14.0ms',
        'payment   Charge            15.0ms   9.4%       1  15.0ms  15.0ms  15.0ms',
        'frontend  publish           10.0ms   6.3%       1  10.0ms  10.0ms  10.0ms',
        'frontend  GET /home         6.00ms   3.8%       1  6.00ms  6.00ms  6.00ms',
        '',
        'SHARE: of all critical-path time; P50-P99: per trace it is on',
        '',
      ].join('\n'),
    );
  });

  it('--json: traces, totalCriticalMs (the sum of root durations) and operations', async () => {
    const { json } = await runJson(['critical-path', CHECKOUT, '--top', '3']);
    expect(json).toEqual({
      traces: 3,
      totalCriticalMs: 160,
      shareOf: 'all-traces',
      operations: [
        { service: 'frontend', operation: 'POST /checkout', criticalMs: 46, share: 46 / 160, traces: 2, p50Ms: 22, p90Ms: 24, p99Ms: 24 },
        { service: 'cart', operation: 'GetCart', criticalMs: 40, share: 40 / 160, traces: 2, p50Ms: 18, p90Ms: 22, p99Ms: 22 },
        { service: 'payment', operation: 'db.query', criticalMs: 25, share: 25 / 160, traces: 1, p50Ms: 25, p90Ms: 25, p99Ms: 25 },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('--top N says what it left out', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--top', '2', '--width', '80']);
    expect(r.stdout.split('\n').slice(3, 6)).toEqual([
      'frontend  POST /checkout    46.0ms    29%       2  22.0ms  24.0ms  24.0ms',
      'cart      GetCart           40.0ms    25%       2  18.0ms  22.0ms  22.0ms',
      '… 5 more operations: 74.0ms (46%)',
    ]);
  });

  it('--by-root: one table per root operation, shares within it', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--by-root', '--top', '2', '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Critical path over 3 traces, by root operation: 160ms in total',
        '',
        'frontend POST /checkout: 2 traces, 150ms (94%)',
        'SERVICE   OPERATION       CRITICAL  SHARE  TRACES     P50     P90     P99',
        'frontend  POST /checkout    46.0ms    31%       2  22.0ms  24.0ms  24.0ms',
        'cart      GetCart           40.0ms    27%       2  18.0ms  22.0ms  22.0ms',
        '… 4 more operations: 64.0ms (43%)',
        '',
        'frontend GET /home: 1 trace, 10.0ms (6.3%)',
        'SERVICE   OPERATION  CRITICAL  SHARE  TRACES     P50     P90     P99',
        'frontend  GET /home    6.00ms    60%       1  6.00ms  6.00ms  6.00ms',
        'frontend  render       4.00ms    40%       1  4.00ms  4.00ms  4.00ms',
        '',
        'SHARE: of its root group\'s critical-path time; P50-P99: per trace it is on',
        '',
      ].join('\n'),
    );
  });

  it('--by-root --json nests the same figures per root', async () => {
    const { json } = await runJson<{ traces: number; totalCriticalMs: number; operations: unknown[]; roots: { service: string; operation: string; traces: number; totalCriticalMs: number; operations: { operation: string }[] }[] }>(['critical-path', CHECKOUT, '--by-root']);
    expect(json.traces).toBe(3);
    expect(json.operations).toHaveLength(7);
    expect(json.roots.map((g) => [g.service, g.operation, g.traces, g.totalCriticalMs, g.operations.map((o) => o.operation)])).toEqual([
      ['frontend', 'POST /checkout', 2, 150, ['POST /checkout', 'GetCart', 'db.query', 'Charge', 'render', 'publish']],
      ['frontend', 'GET /home', 1, 10, ['GET /home', 'render']],
    ]);
    expect(Object.keys(json.roots[0]!)).toEqual(['service', 'operation', 'traces', 'totalCriticalMs', 'shareOf', 'operations']);
    // Each share names its denominator: the group's total inside roots[], every trace's at the top.
    const shares = json as unknown as { shareOf: string; roots: { shareOf: string; totalCriticalMs: number; operations: { criticalMs: number; share: number }[] }[] };
    expect([shares.shareOf, ...shares.roots.map((g) => g.shareOf)]).toEqual(['all-traces', 'root-group', 'root-group']);
    for (const g of shares.roots) for (const o of g.operations) expect(o.share).toBeCloseTo(o.criticalMs / g.totalCriticalMs, 12);
  });

  it('no line is wider than --width 40', async () => {
    for (const args of [[], ['--by-root'], ['--trace', 'aaaa000000000001']]) {
      const r = await runCli(['critical-path', CHECKOUT, '--width', '40', ...args]);
      expect(r.status).toBe(0);
      const wide = r.stdout.split('\n').filter((l) => [...l].length > 40);
      expect(wide).toEqual([]);
    }
  });
});

describe('tracectl critical-path: errors', () => {
  it('an ambiguous prefix lists the candidates; exit 2', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--trace', 'aaaa']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("tracectl: --trace 'aaaa' is ambiguous: 2 traces start with it: aaaa000000000001, aaaa000000000002\n");
  });

  it('no matching trace; exit 2', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--trace', 'cccc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tracectl: no trace matches --trace 'cccc' (the input has 3 traces; run 'tracectl traces' to list them)\n");
  });

  it('--by-root with --trace is a usage error', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--trace', 'bbbb', '--by-root']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tracectl: --by-root groups the traces of a dump; it does not go with --trace\n');
  });

  it('--top must be a whole number', async () => {
    const r = await runCli(['critical-path', CHECKOUT, '--top', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--top must be a whole number of at least 1, got '0'");
  });
});
