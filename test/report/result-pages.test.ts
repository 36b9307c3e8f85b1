/** `diff --html` and `check --html`: the page carries the command's JSON result, written atomically. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckDocument, DiffDocument } from '../../src/report/report-data.js';
import { fixture, runCli } from '../helpers/cli.js';
import { readPage, withoutWarnings } from '../helpers/report-page.js';

const dir = mkdtempSync(join(tmpdir(), 'tracectl-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const out = (): string => join(dir, `${serial++}.html`);

describe('diff --html', () => {
  it('two dumps: the page holds the same result as --json, and stdout is unchanged', async () => {
    const [base, head] = [fixture('diff/two-carts.otlp.json'), fixture('errors/otlp-shop.json')];
    const path = out();
    const withPage = await runCli(['diff', base, head, '--html', path]);
    const plain = await runCli(['diff', base, head]);
    expect(withPage.status).toBe(0);
    expect(withPage.stdout).toBe(plain.stdout);
    const json = JSON.parse((await runCli(['diff', base, head, '--json'])).stdout) as object;
    const { doc } = readPage<DiffDocument>(path);
    expect(doc.kind).toBe('diff');
    expect(doc.result).toEqual(withoutWarnings(json));
    expect(doc.inputs.map((i) => [i.name, i.bytes])).toEqual([
      [base, readFileSync(base).length],
      [head, readFileSync(head).length],
    ]);
  });

  it('two traces', async () => {
    const input = fixture('waterfall/two-traces.json');
    const args = ['diff', input, '--trace', 'a1b2c3d4e5f60001', '--trace', 'a1b2c3d4e5f60002'];
    const path = out();
    expect((await runCli([...args, '--html', path])).status).toBe(0);
    const json = JSON.parse((await runCli([...args, '--json'])).stdout) as object;
    expect(readPage<DiffDocument>(path).doc.result).toEqual(withoutWarnings(json));
  });

  it('is not written when the diff fails', async () => {
    const path = out();
    const r = await runCli(['diff', fixture('diff/two-carts.otlp.json'), join(dir, 'missing.json'), '--html', path]);
    expect(r.status).toBe(2);
    expect(existsSync(path)).toBe(false);
  });
});

describe('check --html', () => {
  it('holds the same result as --json, with exit code 1 for a failed budget', async () => {
    const args = ['check', fixture('check/shop.zipkin.json'), '--budgets', fixture('check/budgets.json')];
    const path = out();
    const r = await runCli([...args, '--html', path]);
    expect(r.status).toBe(1);
    const json = JSON.parse((await runCli([...args, '--json'])).stdout) as object;
    const { doc } = readPage<CheckDocument>(path);
    expect(doc.kind).toBe('check');
    expect(doc.result).toEqual(withoutWarnings(json));
    expect(doc.result.failed).toBe(2);
  });

  it('refuses an input as the page', async () => {
    const input = fixture('check/shop.zipkin.json');
    const r = await runCli(['check', input, '--budget', 'trace:spans<100', '--html', input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tracectl: refusing to write the report over an input: --html ${input} is ${input}\n`);
  });
});
