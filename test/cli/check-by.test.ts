/**
 * `check --by KEYS`: service and operation budgets decided in each group of the keys (issue: a
 * budget on `frontend/GET` lumps every route together). On fixtures/group/routes.otlp.json every
 * HTTP span is named GET; frontend's routes are /api/cart (p50 47.912ms), /api/products and /health.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const ROUTES = fixture('group/routes.otlp.json');

describe('check --by', () => {
  it('a budget that holds over the operation fails in one of its groups', async () => {
    const whole = await runCli(['check', ROUTES, '--budget', 'frontend/GET:p50<20ms', '--width', '120']);
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain('pass    frontend/GET:p50<20ms  11.073ms  < 20ms  frontend/GET\n');

    const grouped = await runCli(['check', ROUTES, '--budget', 'frontend/GET:p50<20ms', '--by', 'attr.http.route', '--width', '120']);
    expect(grouped).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'RESULT  BUDGET                   ACTUAL  LIMIT   WHERE',
        'FAIL    frontend/GET:p50<20ms  47.912ms  < 20ms  frontend/GET [attr.http.route=/api/cart] (1 of 3 groups fail)',
        '1 of 1 budget failed (12 traces)',
        '',
      ].join('\n'),
    });
  });

  it('--json names the keys and each group subject carries their values', async () => {
    const r = await runCli(['check', ROUTES, '--budget', '*/GET:p95<50ms', '--by', 'attr:http.route', '--json']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { groupKeys: string[]; results: { matched: number; failing: number; worst: unknown; violations: unknown[] }[] };
    expect(json.groupKeys).toEqual(['attr.http.route']);
    expect(json.results[0]).toMatchObject({ matched: 4, failing: 1, worst: { service: 'frontend', operation: 'GET', keys: { 'attr.http.route': '/api/cart' } } });
    expect(json.results[0]!.violations).toEqual([{ service: 'frontend', operation: 'GET', keys: { 'attr.http.route': '/api/cart' }, actual: 59.782804 }]);
  });

  it('spans without the attribute form a group of their own, (none) in text and null in --json', async () => {
    const text = await runCli(['check', ROUTES, '--budget', 'cart:count>=4', '--by', 'attr.nope,kind', '--width', '120']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('pass    cart:count>=4       4  >= 4   cart [attr.nope=(none) kind=server]\n');
    const json = JSON.parse((await runCli(['check', ROUTES, '--budget', 'cart:count>=4', '--by', 'attr.nope,kind', '--json'])).stdout) as { results: { worst: unknown }[] };
    expect(json.results[0]!.worst).toEqual({ service: 'cart', operation: null, keys: { 'attr.nope': null, kind: 'server' } });
  });

  it('--by service (or operation) alone changes nothing: budgets name those themselves', async () => {
    const plain = await runCli(['check', ROUTES, '--budget', '*/GET:p95<50ms', '--json']);
    const by = await runCli(['check', ROUTES, '--budget', '*/GET:p95<50ms', '--by', 'service,operation', '--json']);
    expect(by).toEqual(plain);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('groupKeys');
  });

  it('the JUnit report names the failing group', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tracectl-check-by-')), 'j.xml');
    const r = await runCli(['check', ROUTES, '--budget', 'frontend/GET:p50<20ms', '--by', 'attr.http.route', '--junit', out, '-q']);
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain(
      'message="worst p50 is 47.912ms for frontend/GET [attr.http.route=/api/cart]; the budget is &lt; 20ms; 1 of 3 groups break it"',
    );
  });

  it('a bad key is refused before reading, and a ClickHouse table says --by is for dumps', async () => {
    const bad = await runCli(['check', ROUTES, '--budget', 'cart:count>=1', '--by', 'attr.']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^tracectl: --by: /);
    const table = await runCli(['check', 'clickhouse://localhost:1/otel.otel_traces', '--since', '1h', '--budget', 'cart:count>=4', '--by', 'kind']);
    expect(table).toEqual({
      status: 2,
      stdout: '',
      stderr: 'tracectl: check --by on a ClickHouse table: budgets are decided per service and operation there (run it on a dump, or use latency --by kind)\n',
    });
  });
});
