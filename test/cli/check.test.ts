import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cells } from '../helpers/cells.js';
import { elements, parseXml } from '../check/strict-xml.js';
import { fixture, runCli } from '../helpers/cli.js';
import { unsampled } from '../helpers/unsampled.js';

/*
 * shop.zipkin.json, six requests one second apart (ms):
 *   frontend GET /checkout 120, 180, 250, 95 → payments Charge 40, 90 (error "card declined"), 130, 30
 *   frontend GET /home 20, 35
 * frontend sorted 20 35 95 120 180 250: p99 = 250. Charge sorted 30 40 90 130: p95 = rank 4 = 130.
 */
const SHOP = fixture('check/shop.zipkin.json');
const BUDGETS = fixture('check/budgets.json');
// Tests must not depend on whether they run inside GitHub Actions.
const OUTSIDE_CI = { env: { GITHUB_ACTIONS: '' } };
const dir = mkdtempSync(join(tmpdir(), 'tracectl-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLE = [
  'RESULT  BUDGET                         ACTUAL  LIMIT     WHERE',
  'pass    frontend:p99<300ms              250ms  < 300ms   frontend',
  'FAIL    payments/Charge:p95<=120ms      130ms  <= 120ms  payments/Charge',
  'FAIL    no service fails more than 1%     25%  < 1%      payments (1 of 2 services fail)',
  'pass    frontend:count>=5                   6  >= 5      frontend',
  'pass    trace:duration<2s               0.25s  < 2s      trace 0000000000000003 (worst of 6 traces)',
  'pass    trace:spans<5000                    2  < 5000    trace 0000000000000001 (worst of 6 traces)',
  'pass    trace:depth<30                      2  < 30      trace 0000000000000001 (worst of 6 traces)',
  '2 of 7 budgets failed (6 traces)',
];

describe('tracectl check', () => {
  it('a budgets file: the table of every budget, exit code 1 when one fails', async () => {
    const r = await runCli(['check', SHOP, '--budgets', BUDGETS, '--width', '100'], OUTSIDE_CI);
    expect(r.stdout).toBe(`${TABLE.join('\n')}\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  it('exit code 0 when every budget holds', async () => {
    const r = await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', '--budget', 'payments/Charge:errors<=1', '--budget', '*/*:count>=2'], OUTSIDE_CI);
    expect(r.stdout).toBe(
      [
        'RESULT  BUDGET                     ACTUAL  LIMIT    WHERE',
        'pass    frontend:p99<300ms          250ms  < 300ms  frontend',
        'pass    payments/Charge:errors<=1       1  <= 1     payments/Charge',
        'pass    */*:count>=2                    2  >= 2     frontend/GET /home (worst of 3 operations)',
        'all 3 budgets hold (6 traces)',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });

  it('exit code 2 on a bad budget, with the caret under the mistake, before reading the input', async () => {
    const r = await runCli(['check', 'no-such-dump.json', '--budget', 'frontend:p99<300ms', '--budget', 'payments/Charge:p95<=120'], OUTSIDE_CI);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tracectl: --budget: a duration needs a unit: ns, us, ms, s, m or h (e.g. 300ms) at column 25\n  payments/Charge:p95<=120\n                          ^\n');
    expect(r.status).toBe(2);
  });

  it('exit code 2 without budgets, with a missing budgets file, with a bad one', async () => {
    expect(await runCli(['check', SHOP], OUTSIDE_CI)).toEqual({
      stdout: '',
      stderr: "tracectl: no budgets: give --budget EXPR (e.g. --budget 'frontend:p99<300ms') or --budgets FILE\n",
      status: 2,
    });
    expect(await runCli(['check', SHOP, '--budgets', 'nope.json'], OUTSIDE_CI)).toEqual({ stdout: '', stderr: 'tracectl: cannot read nope.json: no such file\n', status: 2 });
    const bad = join(dir, 'bad-budgets.json');
    writeFileSync(bad, '{"budgets": ["frontend:p99<300ms", {"budget": "trace:depth<3.5"}]}');
    expect(await runCli(['check', SHOP, '--budgets', bad], OUTSIDE_CI)).toEqual({
      stdout: '',
      stderr: `tracectl: ${bad}: budgets[1].budget: depth is a whole number, got 3.5 at column 13\n  trace:depth<3.5\n              ^\n`,
      status: 2,
    });
  });

  it('a budget whose target matches nothing fails (a typo must not pass silently)', async () => {
    const r = await runCli(['check', SHOP, '--budget', 'frontnd:p99<1s'], OUTSIDE_CI);
    expect(r.stdout).toBe(
      [
        'RESULT  BUDGET          ACTUAL  LIMIT  WHERE',
        "FAIL    frontnd:p99<1s       -  < 1s   no entry spans of service 'frontnd'",
        '1 of 1 budget failed (6 traces)',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });

  it('--json: the result itself, and the same exit code', async () => {
    const r = await runCli(['check', SHOP, '--budget', 'payments/Charge:p95<=120ms', '--budget', 'trace:duration<200ms', '--json'], OUTSIDE_CI);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      passed: false,
      total: 2,
      failed: 2,
      traces: 6,
      spans: 'entry',
      sampling: unsampled(10),
      results: [
        {
          budget: 'payments/Charge:p95<=120ms',
          target: 'payments/Charge',
          targetKind: 'operation',
          glob: false,
          metric: 'p95',
          comparison: '<=',
          limit: 120,
          limitText: '120ms',
          unit: 'ms',
          actual: 130,
          passed: false,
          matched: 1,
          failing: 1,
          worst: { service: 'payments', operation: 'Charge' },
          onlyNonEntrySpans: false,
          violations: [{ service: 'payments', operation: 'Charge', actual: 130 }],
        },
        {
          budget: 'trace:duration<200ms',
          target: 'trace',
          targetKind: 'trace',
          glob: false,
          metric: 'duration',
          comparison: '<',
          limit: 200,
          limitText: '200ms',
          unit: 'ms',
          actual: 250,
          passed: false,
          matched: 6,
          failing: 1,
          worst: { traceId: '0000000000000003' },
          onlyNonEntrySpans: false,
          violations: [{ traceId: '0000000000000003', actual: 250 }],
        },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('--junit and --markdown: exact files, written whole (no temporary file left behind)', async () => {
    const out = mkdtempSync(join(dir, 'reports-'));
    const junit = join(out, 'budgets.xml');
    const markdown = join(out, 'summary.md');
    const r = await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', '--budget', 'payments/Charge:p95<=120ms', '--junit', junit, '--markdown', markdown], OUTSIDE_CI);
    expect(r.status).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="tracectl check" tests="2" failures="1" errors="0">',
        '  <testsuite name="tracectl check" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase name="frontend:p99&lt;300ms" classname="tracectl check"/>',
        '    <testcase name="payments/Charge:p95&lt;=120ms" classname="tracectl check">',
        '      <failure message="p95 is 130ms for payments/Charge; the budget is &lt;= 120ms" type="budget">payments/Charge:p95&lt;=120ms',
        'payments/Charge: 130ms</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    const suite = elements(parseXml(xml), 'testsuite')[0]!;
    expect(elements(suite, 'testcase').map((c) => [c.attrs.name, elements(c, 'failure')[0]?.attrs.message ?? null])).toEqual([
      ['frontend:p99<300ms', null],
      ['payments/Charge:p95<=120ms', 'p95 is 130ms for payments/Charge; the budget is <= 120ms'],
    ]);
    expect(readFileSync(markdown, 'utf8')).toBe(
      [
        '### ❌ tracectl check: 1 of 2 budgets failed',
        '',
        '| Result | Budget | Actual | Limit | Where |',
        '| --- | --- | ---: | --- | --- |',
        '| ✅ pass | `frontend:p99<300ms` | 250ms | \\< 300ms | frontend |',
        '| ❌ **fail** | `payments/Charge:p95<=120ms` | 130ms | \\<= 120ms | payments/Charge |',
        '',
        '6 traces read; services and operations measured by their entry spans.',
        '',
      ].join('\n'),
    );
    expect(readdirSync(out).sort()).toEqual(['budgets.xml', 'summary.md']);
  });

  it('a report path that cannot be written: exit code 2, and no half-written file', async () => {
    const r = await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', '--junit', join(dir, 'missing', 'x.xml')], OUTSIDE_CI);
    expect(r).toEqual({ stdout: '', stderr: `tracectl: cannot write ${join(dir, 'missing', 'x.xml')}: no such directory\n`, status: 2 });
    const out = mkdtempSync(join(dir, 'partial-'));
    const r2 = await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', '--markdown', join(out, 'summary.md'), '--junit', join(dir, 'missing', 'x.xml')], OUTSIDE_CI);
    expect(r2.status).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--junit - and --markdown - are refused: standard output carries the table, and no file named "-" is written', async () => {
    const cwd = mkdtempSync(join(dir, 'dash-'));
    for (const flag of ['--junit', '--markdown']) {
      expect(await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', flag, '-'], { ...OUTSIDE_CI, cwd })).toEqual({
        stdout: '',
        stderr: `tracectl: ${flag} writes a file: give its path (standard output carries the check's report)\n`,
        status: 2,
      });
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses to write a report over an input or the budgets file', async () => {
    expect(await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms', '--junit', SHOP], OUTSIDE_CI)).toEqual({
      stdout: '',
      stderr: `tracectl: refusing to write the report over an input: --junit ${SHOP} is ${SHOP}\n`,
      status: 2,
    });
    expect((await runCli(['check', SHOP, '--budgets', BUDGETS, '--markdown', BUDGETS], OUTSIDE_CI)).stderr).toBe(
      `tracectl: refusing to write the report over an input: --markdown ${BUDGETS} is ${BUDGETS}\n`,
    );
  });

  it('GITHUB_ACTIONS=true: ::error annotations after the table (stderr with --json), a ::notice when all hold', async () => {
    const gha = { env: { GITHUB_ACTIONS: 'true' } };
    const budgets = ['--budget', 'frontend:p99<300ms', '--budget', '*:error-rate<1%'];
    const r = await runCli(['check', SHOP, ...budgets], gha);
    expect(r.stdout.split('\n').slice(-3)).toEqual([
      '1 of 2 budgets failed (6 traces)',
      '::error title=Budget failed%3A *%3Aerror-rate<1%25::worst error-rate is 25%25 for payments; the budget is < 1%25; 1 of 2 services break it',
      '',
    ]);
    expect(r.status).toBe(1);
    const json = await runCli(['check', SHOP, ...budgets, '--json'], gha);
    expect(JSON.parse(json.stdout)).toMatchObject({ passed: false });
    expect(json.stderr).toBe('::error title=Budget failed%3A *%3Aerror-rate<1%25::worst error-rate is 25%25 for payments; the budget is < 1%25; 1 of 2 services break it\n');
    const ok = await runCli(['check', SHOP, '--budget', 'frontend:p99<300ms'], gha);
    expect(ok.stdout.split('\n').slice(-2)).toEqual(['::notice title=tracectl check::the budget holds (6 traces)', '']);
    expect(ok.status).toBe(0);
    // Outside GitHub Actions: no workflow commands at all.
    expect((await runCli(['check', SHOP, ...budgets], OUTSIDE_CI)).stdout).not.toContain('::');
  });

  it('--where: only the selected spans count', async () => {
    const r = await runCli(['check', SHOP, '--budget', 'payments:count>=4', '--budget', 'payments:count<=1', '--where', 'status = error', '--json'], OUTSIDE_CI);
    expect(JSON.parse(r.stdout).results.map((o: { actual: number; passed: boolean }) => [o.actual, o.passed])).toEqual([
      [1, false],
      [1, true],
    ]);
  });

  it('--print-schema prints the schema in the repository, without reading input', async () => {
    const r = await runCli(['check', '--print-schema']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(new URL('../../src/check/budgets.schema.json', import.meta.url), 'utf8')));
    expect(r.status).toBe(0);
  });

  it('fits the width', async () => {
    for (const width of [80, 60, 40]) {
      const r = await runCli(['check', SHOP, '--budgets', BUDGETS, '--width', String(width)], OUTSIDE_CI);
      for (const line of r.stdout.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(width);
    }
  });
});

describe('tracectl check: a budget on spans that are not entry spans', () => {
  // two-carts.otlp.json: `ads db` is called inside `ads Fetch` (same service): never an entry span.
  const CARTS = fixture('diff/two-carts.otlp.json');

  it('fails as matching nothing, with a hint at --all-spans; with --all-spans it is checked', async () => {
    const r = await runCli(['check', CARTS, '--budget', 'ads/db:p99<10ms', '--budget', 'nope:p99<1s', '--width', '80', '-q']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(-4)).toEqual([
      '2 of 2 budgets failed (2 traces)',
      'hint: ads/db:p99<10ms: it has only spans that are not entry spans: --all-spans',
      '  counts them',
      '',
    ]);
    const json = JSON.parse((await runCli(['check', CARTS, '--budget', 'ads/db:p99<10ms', '--budget', 'nope:p99<1s', '--json'])).stdout) as { results: { onlyNonEntrySpans: boolean }[] };
    expect(json.results.map((o) => o.onlyNonEntrySpans)).toEqual([true, false]);
    const all = await runCli(['check', CARTS, '--budget', 'ads/db:p99<10ms', '--all-spans', '-q']);
    expect(all.status).toBe(0);
    expect(all.stdout).not.toContain('hint:');
  });
});
