/**
 * `tracectl waterfall` as a user runs it: the built binary, NO_COLOR, fixed widths; exact stdout,
 * stderr and exit codes.
 *
 * fixtures/waterfall/checkout.json (times in ms from the trace start):
 *   frontend GET /checkout      |0---------------------------------120|
 *   checkout POST /orders         |2-----------------------------112|
 *   cart GetCart                    |4--19|
 *   orders-db SELECT ×4                     |20-25|26-31|32-38|39-43|
 *   payment Charge ✗                                  |45-----------105|
 *   bank authorize (other host)   recorded |30-50|: before its parent → moved to |65-85|
 *   email send-receipt (follows from the root)                      ~|115------155|
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const CHECKOUT = fixture('waterfall/checkout.json');
const TWO = fixture('waterfall/two-traces.json');
const QUIRKS = fixture('waterfall/quirks.json');

interface Row {
  spanId: string;
  parentId: string | null;
  depth: number;
  service: string;
  operation: string;
  kind: string;
  startOffsetMs: number;
  durationMs: number;
  error: boolean;
  statusMessage: string | null;
  critical: boolean;
  async: boolean;
  flags: string[];
  skewMs: number;
  collapsed?: boolean;
  count?: number;
  totalMs?: number;
  avgMs?: number;
  maxMs?: number;
  attrs?: Record<string, unknown>;
}
interface WaterfallJson {
  traceId: string;
  startTime: string;
  durationMs: number;
  spans: Row[];
  hidden: Record<string, number>;
  warnings: { code: string; spanId?: string; message: string }[];
}

const SKEW_WARNING = 'warning clock-skew ×1: span 00000000000000a9 (bank authorize) starts before its parent, on another host: shifted by +35.000ms\n';

describe('tracectl waterfall: text', () => {
  it('draws the trace at 100 columns, with the clock-skew warning on stderr', async () => {
    const r = await runCli(['waterfall', CHECKOUT, '--width', '100']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(SKEW_WARNING);
    expect(r.stdout).toBe(
      [
        'Trace 4bf92f3577b34da6  2023-11-14 22:13:20.000 UTC · 155ms · 10 spans · 7 services · 1 error',
        '                                          0                 50ms               100ms',
        '                                          ┬─────────────────┬──────────────────┬──────────────────┬─',
        '◆ frontend GET /checkout            120ms ████████████████████████████████████████████▉',
        '◆ ├─checkout POST /orders           110ms █████████████████████████████████████████▏',
        '◆ │ ├─cart GetCart                 15.0ms  █████▋',
        '◆ │ ├─orders-db SELECT order_items 5.00ms        █▉',
        '◆ │ ├─orders-db SELECT order_items 5.00ms          █▉',
        '◆ │ ├─orders-db SELECT order_items 6.00ms            ██▎',
        '◆ │ ├─orders-db SELECT order_items 4.00ms               █▌',
        '◆ │ └─✗ payment Charge             60.0ms                 ██████████████████████▌',
        '  │   │ ✗ card declined: insufficient funds',
        '◆ │   └─bank authorize [skew]      20.0ms                         ███████▌',
        '  └─email send-receipt [async]     40.0ms                                            ███████████████',
        '',
        '◆ critical path  ✗ error',
        'skew: its clock was off: moved to fit its parent (--no-adjust: as recorded)',
        'async: does not block its parent (FOLLOWS_FROM, consumer)',
        '',
      ].join('\n'),
    );
  });

  it('--collapse --attrs at 80 columns: the N+1 queries fold into one row', async () => {
    const r = await runCli(['waterfall', CHECKOUT, '--width', '80', '--collapse', '--attrs', 'db.statement,service.version', '-q']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(4, 14)).toEqual([
      '◆ frontend GET /checkout          120ms ███████████████████████████████',
      '◆ ├─checkout POST /orders         110ms ████████████████████████████▍',
      '◆ │ ├─cart GetCart               15.0ms  ███▉',
      '◆ │ ├─orders-db SELECT order… ×4 23.0ms      █████▉',
      '  │ │   4 spans · total 20.0ms · avg 5.00ms · max 6.00ms',
      '  │ │   db.statement=SELECT * FROM order_items WHERE order_id = ?',
      '◆ │ └─✗ payment Charge           60.0ms            ███████████████▌',
      '  │   │ ✗ card declined: insufficient funds',
      '  │   │ service.version=2.4.1',
      '◆ │   └─bank authorize [skew]    20.0ms                 █████▏',
    ]);
    expect(r.stdout).toContain('\n--collapse folded 3 more spans into 1 row (×N)\n');
  });

  it('--min-duration hides short spans and says how many', async () => {
    const r = await runCli(['waterfall', CHECKOUT, '--width', '80', '--min-duration', '10ms', '-q']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /[▏▎▍▌▋▊▉█]$/.test(l)).map((l) => l.slice(0, 30).trimEnd())).toEqual([
      '◆ frontend GET /checkout',
      '◆ ├─checkout POST /orders',
      '◆ │ ├─cart GetCart',
      '◆ │ └─✗ payment Charge',
      '◆ │   └─bank authorize [skew]',
      '  └─email send-receipt [async]',
    ]);
    expect(lines).toContain('4 of 10 spans hidden: 4 shorter than 10ms');
  });

  it('--service keeps that service with its ancestors; --errors-only and --depth combine', async () => {
    const svc = await runCli(['waterfall', CHECKOUT, '--width', '80', '--service', 'bank', '-q']);
    expect(svc.stdout.split('\n').slice(4, 9)).toEqual([
      '◆ frontend GET /checkout       120ms █████████████████████████████████▎',
      '◆ └─checkout POST /orders      110ms ██████████████████████████████▌',
      '◆   └─✗ payment Charge        60.0ms             ████████████████▋',
      '      │ ✗ card declined: insufficient funds',
      '◆     └─bank authorize [skew] 20.0ms                   █████▌',
    ]);
    expect(svc.stdout).toContain('\n6 of 10 spans hidden: 6 not matching --service bank\n');

    const both = await runCli(['waterfall', CHECKOUT, '--width', '80', '--errors-only', '--depth', '1', '-q']);
    expect(both.stdout).toContain('\n8 of 10 spans hidden: 7 not matching --errors-only, 1 deeper than --depth 1\n');
  });

  it('--critical-only drops the async email span', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', CHECKOUT, '--critical-only', '-q']);
    expect(json.spans.map((s) => s.operation)).toEqual([
      'GET /checkout',
      'POST /orders',
      'GetCart',
      'SELECT order_items',
      'SELECT order_items',
      'SELECT order_items',
      'SELECT order_items',
      'Charge',
      'authorize',
    ]);
    expect(json.hidden).toEqual({ filtered: 1, shorter: 0, deeper: 0, folded: 0 });
  });

  it('--no-adjust shows the recorded time: bank authorize before its parent, flagged, with the shift it would get', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', CHECKOUT, '--no-adjust']);
    const bank = json.spans.find((s) => s.service === 'bank')!;
    expect([bank.startOffsetMs, bank.skewMs, bank.flags]).toEqual([30, 0, ['clock-skew']]);
    expect(json.warnings.map((w) => w.message)).toEqual([
      'span 00000000000000a9 (bank authorize) starts before its parent, on another host: not shifted (--no-adjust); the correction would be +35.000ms',
    ]);
  });

  it('quirks: escaped names, wide characters, missing time, duplicate ids and orphans marked', async () => {
    const r = await runCli(['waterfall', QUIRKS, '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(4, 11)).toEqual([
      '◆ svc-a handle                   10.0ms ████████████████████████████████████████',
      '  ├─svc-a \\x1b[31mred\\x1b[0m     2.00ms     ████████',
      '◆ ├─svc-a 注文を処理する         3.00ms         ████████████',
      '  │ └─svc-b no-time [no-time]       0ns         ▏',
      '  ├─svc-b first-of-two           1.00ms                         ████',
      '◆ └─✗ svc-b second-of-… [dup-id] 1.00ms                             ████',
      '  svc-b lost-parent [orphan]     4.00ms                 ████████████████',
    ]);
    expect(r.stderr.split('\n').map((l) => l.split(':')[0])).toEqual([
      'warning duplicate-span-id ×1',
      'warning missing-timestamp ×1',
      'warning orphan-span ×1',
      '',
    ]);
  });
});

describe('tracectl waterfall: choosing the trace', () => {
  it('several traces: the longest, with a note on stderr naming it and how to choose', async () => {
    const r = await runCli(['waterfall', TWO, '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Trace a1b2c3d4e5f60002');
    expect(r.stderr).toBe(
      "tracectl: the input has 2 traces; showing the longest, a1b2c3d4e5f60002 (50.0ms, 3 spans). Choose another with --trace ID ('tracectl traces' lists them).\n",
    );
  });

  it('the note goes to stderr with --json too, and stdout stays one JSON document', async () => {
    const r = await runCli(['waterfall', TWO, '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as WaterfallJson).traceId).toBe('a1b2c3d4e5f60002');
    expect(r.stderr).toContain('showing the longest');
  });

  it('--trace takes a unique prefix; an ambiguous or unknown one exits 2', async () => {
    const r = await runCli(['waterfall', TWO, '--trace', 'a1b2c3d4e5f60001', '--width', '80']);
    expect([r.status, r.stderr, r.stdout.split('\n')[0]]).toEqual([0, '', 'Trace a1b2c3d4e5f60001']);
    expect(await runCli(['waterfall', TWO, '--trace', 'a1b2c3d4e5f6000'])).toMatchObject({
      status: 2,
      stdout: '',
      stderr: "tracectl: --trace 'a1b2c3d4e5f6000' is ambiguous: 2 traces start with it: a1b2c3d4e5f60001, a1b2c3d4e5f60002\n",
    });
    expect(await runCli(['waterfall', TWO, '--trace', 'ff'])).toMatchObject({
      status: 2,
      stderr: "tracectl: no trace matches --trace 'ff' (the input has 2 traces; run 'tracectl traces' to list them)\n",
    });
  });

  it('with --trace, only that trace\'s warnings are reported (another trace\'s orphan is not)', async () => {
    // Trace ...0a is whole; trace ...0b has a span whose parent was never exported.
    const span = (traceId: string, id: string, parentId?: string): object => ({ traceId, id, ...(parentId ? { parentId } : {}), name: 'op', timestamp: 1_700_000_000_000_000, duration: 1000, localEndpoint: { serviceName: 's' } });
    const path = join(mkdtempSync(join(tmpdir(), 'tracectl-scope-')), 'two.json');
    writeFileSync(path, JSON.stringify([span('000000000000000a', '0000000000000001'), span('000000000000000b', '0000000000000002'), span('000000000000000b', '0000000000000003', '00000000000000ff')]));
    for (const command of [['waterfall'], ['critical-path'], ['stats'], ['errors'], ['span', '--span', '0000000000000001']]) {
      const clean = await runCli([...command, path, '--trace', '000000000000000a', '--width', '80']);
      expect([command[0], clean.status, clean.stderr]).toEqual([command[0], 0, '']);
      expect((await runJson<{ warnings: unknown[] }>([...command, path, '--trace', '0a'.padStart(16, '0')])).json.warnings).toEqual([]);
    }
    const orphan = await runCli(['waterfall', path, '--trace', '000000000000000b', '--width', '80']);
    expect([orphan.status, orphan.stderr]).toEqual([0, 'warning orphan-span ×1: span 0000000000000003 (s op): parent 00000000000000ff is not in the trace; shown as a root\n']);
  });

  it('usage errors: bad --min-duration, bad --depth, unknown --service', async () => {
    expect(await runCli(['waterfall', CHECKOUT, '--min-duration', '5'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--min-duration must be a duration with a unit (ns, us, µs, ms, s, m), e.g. 5ms or 1.5s, got '5'"),
    });
    expect((await runCli(['waterfall', CHECKOUT, '--depth', '-1'])).status).toBe(2);
    expect(await runCli(['waterfall', CHECKOUT, '--service', 'nope'])).toMatchObject({
      status: 2,
      stderr: "tracectl: --service 'nope' has no span in trace 4bf92f3577b34da6; its services are: bank, cart, checkout, email, frontend, orders-db, payment\n",
    });
  });

  it('an empty input exits 2', async () => {
    expect(await runCli(['waterfall'], { input: '' })).toMatchObject({ status: 2 });
  });
});

describe('tracectl waterfall --json', () => {
  it('rows in tree order with the issue fields, effective timing and flags', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', CHECKOUT, '-q']);
    expect([json.traceId, json.startTime, json.durationMs]).toEqual(['4bf92f3577b34da6', '2023-11-14T22:13:20.000000Z', 155]);
    expect(json.spans.map((s) => [s.spanId.slice(-2), s.parentId?.slice(-2) ?? null, s.depth, s.startOffsetMs, s.durationMs])).toEqual([
      ['a1', null, 0, 0, 120],
      ['a2', 'a1', 1, 2, 110],
      ['a3', 'a2', 2, 4, 15],
      ['a4', 'a2', 2, 20, 5],
      ['a5', 'a2', 2, 26, 5],
      ['a6', 'a2', 2, 32, 6],
      ['a7', 'a2', 2, 39, 4],
      ['a8', 'a2', 2, 45, 60],
      ['a9', 'a8', 3, 65, 20],
      ['aa', 'a1', 1, 115, 40],
    ]);
    expect(json.spans[7]).toEqual({
      spanId: '00000000000000a8',
      parentId: '00000000000000a2',
      depth: 2,
      service: 'payment',
      operation: 'Charge',
      kind: 'server',
      startOffsetMs: 45,
      durationMs: 60,
      error: true,
      statusMessage: 'card declined: insufficient funds',
      critical: true,
      async: false,
      flags: [],
      skewMs: 0,
    });
    expect(json.spans[8]!.flags).toEqual(['clock-skew']);
    expect(json.spans[8]!.skewMs).toBe(35);
    expect(json.spans[9]!.async).toBe(true);
    expect(json.warnings).toEqual([expect.objectContaining({ code: 'clock-skew', spanId: '00000000000000a9' })]);
  });

  it('--collapse: a collapsed row carries count, total, avg and max', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', CHECKOUT, '--collapse', '-q']);
    expect(json.spans.map((s) => s.operation)).toEqual(['GET /checkout', 'POST /orders', 'GetCart', 'SELECT order_items', 'Charge', 'authorize', 'send-receipt']);
    expect(json.spans[3]).toMatchObject({ collapsed: true, count: 4, startOffsetMs: 20, durationMs: 23, totalMs: 20, avgMs: 5, maxMs: 6 });
  });
});
