import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells } from '../helpers/cells.js';
import { checkoutOtlpJson } from '../helpers/checkout-dumps.js';
import { fixture, runCli } from '../helpers/cli.js';

// Generated dumps (test/helpers/checkout-dumps.ts): 300 checkouts each. HEAD makes payments Charge
// twice as slow and inventory Reserve fail 30% of the time; SAME is the same flow with another seed.
const dir = mkdtempSync(join(tmpdir(), 'tracectl-diff-'));
const BASE = join(dir, 'base.json');
const HEAD = join(dir, 'head.json');
const SAME = join(dir, 'same.json');
beforeAll(() => {
  writeFileSync(BASE, checkoutOtlpJson({ traces: 300, seed: 1 }));
  writeFileSync(HEAD, checkoutOtlpJson({ traces: 300, seed: 3, slower: { operation: 'payments/Charge', factor: 2 }, failing: { operation: 'inventory/Reserve', rate: 0.3 } }));
  writeFileSync(SAME, checkoutOtlpJson({ traces: 300, seed: 2 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/*
 * two-carts.otlp.json: the same request twice.
 * b01  frontend GET /cart 100ms: GetCart (2 redis GET), Charge 40ms, ads Fetch → ads db
 * c01  frontend GET /cart 160ms: GetCart (3 redis GET, the first 1ms faster), Charge 90ms and failing
 */
const CARTS = fixture('diff/two-carts.otlp.json');
const B = '0000000000000b01';
const C = '0000000000000c01';

interface OperationJson {
  service: string;
  operation: string;
  latency: { significant: boolean; effect: number; pValue: number };
  errorRate: { significant: boolean };
  regression: boolean;
}

describe('tracectl diff BASE HEAD (two dumps)', () => {
  it('the slowed and the failing operations first, marked; the exact table', async () => {
    const r = await runCli(['diff', BASE, HEAD, '--width', '120']);
    expect(r.stdout).toBe(
      [
        'base 300 traces, head 300 traces; entry spans; Mann-Whitney U and two-proportion z-test, alpha 0.01 (Holm)',
        '',
        'CHANGE   SERVICE    OPERATION        COUNT    ERR%            P50            P90            P99  LATENCY',
        'slower   payments   Charge         300→300   0%→0%  19.9ms→40.2ms  27.5ms→56.6ms  33.3ms→66.8ms    +106%',
        'errors↑  inventory  Reserve        300→300  0%→29%  9.88ms→10.1ms  14.3ms→13.9ms  17.0ms→17.9ms    +5.4%',
        'slower   frontend   GET /checkout  300→300   0%→0%    159ms→180ms    194ms→221ms    232ms→256ms     +14%',
        '         cart       GetCart        300→300   0%→0%  15.3ms→14.7ms  20.2ms→20.0ms  23.9ms→24.6ms    -3.9%',
        '         shipping   Quote          300→300   0%→0%  8.06ms→7.94ms  10.9ms→11.1ms  14.1ms→13.7ms    -2.9%',
        '',
        'critical-path share',
        'SERVICE    OPERATION      BASE  HEAD  CHANGE',
        'payments   Charge          13%   23%  +9.9pt',
        'frontend   GET /checkout   66%   59%  -7.3pt',
        'cart       GetCart        7.7%  6.6%  -1.0pt',
        'shipping   Quote          5.1%  4.5%  -0.7pt',
        'inventory  Reserve        6.3%  5.7%  -0.6pt',
        'cart       redis GET      1.9%  1.6%  -0.2pt',
        '',
        "3 regressions (significant at 0.01 after Holm's correction)",
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    // Without --fail-on-regression a diff only reports.
    expect(r.status).toBe(0);
  });

  it('--json: significance and direction per operation', async () => {
    const r = await runCli(['diff', BASE, HEAD, '--json']);
    const json = JSON.parse(r.stdout) as { mode: string; regressions: number; operations: OperationJson[]; alpha: number; threshold: number };
    expect([json.mode, json.alpha, json.threshold, json.regressions]).toEqual(['dumps', 0.01, 0, 3]);
    expect(json.operations.map((o) => [`${o.service}/${o.operation}`, o.latency.significant, o.latency.effect > 0, o.errorRate.significant, o.regression])).toEqual([
      ['payments/Charge', true, true, false, true],
      ['inventory/Reserve', false, true, true, true],
      ['frontend/GET /checkout', true, true, false, true],
      ['cart/GetCart', false, false, false, false],
      ['shipping/Quote', false, false, false, false],
    ]);
  });

  it('--fail-on-regression: exit code 1 and a line on stderr; --threshold 20% hides the smaller changes', async () => {
    const r = await runCli(['diff', BASE, HEAD, '--threshold', '20%', '--fail-on-regression', '--width', '80']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tracectl: --fail-on-regression: 2 operations regressed\n');
    const lines = r.stdout.split('\n');
    expect(lines.slice(2, 6)).toEqual([
      'CHANGE   SERVICE    OPERATION    ERR%            P50            P99  LATENCY',
      'slower   payments   Charge      0%→0%  19.9ms→40.2ms  33.3ms→66.8ms    +106%',
      'errors↑  inventory  Reserve    0%→29%  9.88ms→10.1ms  17.0ms→17.9ms    +5.4%',
      '3 more operations changed by less than 20% (--threshold)',
    ]);
    for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(80);
  });

  it('an unchanged pair: nothing significant, exit code 0 even with --fail-on-regression', async () => {
    const r = await runCli(['diff', BASE, SAME, '--fail-on-regression']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('no significant change');
    // No row carries a verdict.
    expect(lines[2]).toMatch(/^CHANGE {2}SERVICE/);
    expect(lines.slice(3, 8).every((l) => l.slice(0, 'CHANGE'.length).trim() === '')).toBe(true);
    const json = JSON.parse((await runCli(['diff', BASE, SAME, '--json'])).stdout) as { operations: OperationJson[]; regressions: number };
    expect(json.operations.filter((o) => o.latency.significant || o.errorRate.significant)).toEqual([]);
    expect(json.regressions).toBe(0);
  });

  it('identical inputs: no rows, no -0.00%, a count of the unchanged operations; --all lists them at 0%; --json keeps them', async () => {
    const r = await runCli(['diff', BASE, BASE]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(1)).toEqual(['', 'no operation changed: 5 operations with the same percentiles and error rate (--all lists them)', '', 'no significant change']);
    const all = (await runCli(['diff', BASE, BASE, '--all'])).stdout.trimEnd().split('\n');
    const rows = all.slice(3, all.indexOf('', 3));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row, row).toMatch(/ 0%$/);
    expect(all.join('\n')).not.toMatch(/[-+]0\.0/);
    const json = JSON.parse((await runCli(['diff', BASE, BASE, '--json'])).stdout) as { operations: { latencyChange: number; errorRateDelta: number }[] };
    expect(json.operations.map((o) => [o.latencyChange, o.errorRateDelta])).toEqual(Array.from({ length: 5 }, () => [0, 0]));
  });

  it('fits the width', async () => {
    for (const width of [100, 80, 60, 40]) {
      const r = await runCli(['diff', BASE, HEAD, '--width', String(width)]);
      for (const line of r.stdout.split('\n')) expect(cells(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
  });
});

describe('tracectl diff --trace A --trace B (two traces)', () => {
  const TEXT = [
    `base ${B}  frontend GET /cart  100ms, 7 spans`,
    `head ${C}  frontend GET /cart  160ms, 6 spans`,
    'duration +60.0ms (+60%)',
    '5 spans matched by path · 2 slower · 1 faster · 1 added · 1 removed · 1 failing · 0 recovered',
    '',
    'slower',
    '  BASE    HEAD    DELTA  CHANGE  SPAN (path from the root)',
    ' 100ms   160ms  +60.0ms    +60%  frontend:GET /cart',
    '40.0ms  90.0ms  +50.0ms   +125%  frontend:GET /cart › payments:Charge',
    '',
    'faster',
    '  BASE    HEAD    DELTA  CHANGE  SPAN (path from the root)',
    '2.00ms  1.00ms  -1.00ms    -50%  frontend:GET /cart › cart:GetCart › redis:GET',
    '',
    'added (only in head)',
    'DURATION  SPANS  SPAN (path from the root)',
    '  12.0ms      1  frontend:GET /cart › cart:GetCart › redis:GET#3',
    '',
    'removed (only in base)',
    'DURATION  SPANS  SPAN (path from the root)',
    '  6.00ms      2  frontend:GET /cart › ads:Fetch',
    '',
    'failing (only in head)',
    '  frontend:GET /cart › payments:Charge: generated failure',
    '',
    'critical path',
    'SERVICE   OPERATION    BASE    HEAD    DELTA',
    'payments  Charge     40.0ms  90.0ms  +50.0ms',
    'frontend  GET /cart  24.0ms  40.0ms  +16.0ms',
    'cart      GetCart    26.0ms  15.0ms  -11.0ms',
    'redis     GET        4.00ms  15.0ms  +11.0ms',
    'ads       db         4.00ms     0ns  -4.00ms',
    'ads       Fetch      2.00ms     0ns  -2.00ms',
    '',
  ].join('\n');

  it('two traces of one input (ids or unique prefixes): the exact report', async () => {
    const r = await runCli(['diff', CARTS, '--trace', B, '--trace', '0000000000000c', '--width', '100']);
    expect(r.stdout).toBe(TEXT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('one trace from each of two inputs gives the same report', async () => {
    expect((await runCli(['diff', CARTS, CARTS, '--trace', B, '--trace', C, '--width', '100'])).stdout).toBe(TEXT);
  });

  it('one --trace and two inputs: the same id from each (here the same trace: nothing changed)', async () => {
    const json = JSON.parse((await runCli(['diff', CARTS, CARTS, '--trace', B, '--json'])).stdout) as { matched: number; slower: unknown[]; added: unknown[]; criticalPath: unknown[] };
    expect([json.matched, json.slower.length, json.added.length, json.criticalPath.length]).toEqual([7, 0, 0, 0]);
  });

  it('--json: the diff itself', async () => {
    const json = JSON.parse((await runCli(['diff', CARTS, '--trace', B, '--trace', C, '--json'])).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['mode', 'threshold', 'base', 'head', 'durationDeltaMs', 'matched', 'slower', 'faster', 'added', 'removed', 'failing', 'recovered', 'criticalPath', 'warnings', 'warningCounts']);
    expect(json.added).toEqual([{ path: ['frontend:GET /cart', 'cart:GetCart', 'redis:GET#3'], depth: 2, service: 'redis', operation: 'GET', spanId: '00000000000000a5', durationMs: 12, spans: 1 }]);
    expect(json.failing).toEqual([
      { path: ['frontend:GET /cart', 'payments:Charge'], depth: 1, service: 'payments', operation: 'Charge', baseSpanId: '0000000000000005', headSpanId: '00000000000000a6', message: 'generated failure' },
    ]);
  });

  it('--threshold 100% keeps only the spans that at least doubled', async () => {
    const r = await runCli(['diff', CARTS, '--trace', B, '--trace', C, '--threshold', '100%', '--json']);
    const json = JSON.parse(r.stdout) as { slower: { path: string[] }[]; faster: unknown[] };
    expect(json.slower.map((s) => s.path.at(-1))).toEqual(['payments:Charge']);
    expect(json.faster).toEqual([]);
  });
});

describe('tracectl diff: usage errors (exit code 2)', () => {
  it.each([
    [['diff', CARTS], 'tracectl: diff needs two dumps (BASE HEAD), or one input and two --trace\n'],
    [['diff', CARTS, '--trace', B], 'tracectl: give --trace twice to compare two traces of one input (or a second input)\n'],
    [['diff', CARTS, '--trace', B, '--trace', C, '--trace', B], 'tracectl: --trace compares two traces: given 3 times\n'],
    [['diff', CARTS, '--trace', B, '--trace', C, '--fail-on-regression'], 'tracectl: --fail-on-regression compares two dumps; it does not go with --trace\n'],
    [['diff', '-', '-'], 'tracectl: standard input can be read once: give at most one "-"\n'],
    [['diff', CARTS, CARTS, '--threshold', 'ten'], "tracectl: --threshold must be a percentage such as 10%, got 'ten'\n"],
    [['diff', CARTS, CARTS, '--alpha', '5'], "tracectl: --alpha must be a number above 0 and below 1 (e.g. 0.01), got '5'\n"],
    [['diff', CARTS, '--trace', 'b0', '--trace', C], "tracectl: no trace matches --trace 'b0' (the input has 2 traces; run 'tracectl traces' to list them)\n"],
    [['diff', CARTS, '--trace', B, '--trace', '00000000000'], "tracectl: --trace '00000000000' is ambiguous: 2 traces start with it: 0000000000000b01, 0000000000000c01\n"],
  ])('%j', async (args, stderr) => {
    const r = await runCli(args);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });
});
