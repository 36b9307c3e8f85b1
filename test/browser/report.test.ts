/**
 * Report pages from the bundled fixtures in Chromium: no console error and no request; the
 * summary shows the figures `tracectl latency / errors / deps --json` print; a deep link opens its
 * trace and span; the keyboard and `/` search work; a dump of script and markup runs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyResult } from '../../src/analyses/latency.js';
import type { ServiceDeps } from '../../src/analyses/deps.js';
import type { ErrorsReport } from '../../src/analyses/errors-report.js';
import { fixture, runCli } from '../helpers/cli.js';
import { launch, open, removeDir, type Browser } from './helpers/browser.js';
import { commandJson, scratch, tableValues, writeReport } from './helpers/pages.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  removeDir(scratch);
});

const SHOP = fixture('errors/otlp-shop.json');

describe('the summary', () => {
  it.each([SHOP, fixture('deps/shop.zipkin.json'), fixture('errors/jaeger-error-logs.json')])('shows what the commands print: %s', async (input) => {
    const w = await open(browser, await writeReport([input]));
    const page = w.page;
    const latency = await commandJson<LatencyResult>(['latency', input]);
    const rows = await tableValues(page, '#latency-service');
    expect(rows.map((r) => r.slice(0, 9))).toEqual(
      latency.groups.map((g) => [g.service, g.count, g.errors, g.errorRate, g.percentilesMs['50'], g.percentilesMs['90'], g.percentilesMs['95'], g.percentilesMs['99'], g.maxMs]),
    );
    const deps = await commandJson<ServiceDeps>(['deps', input]);
    expect(await tableValues(page, '#deps-edges')).toEqual(deps.edges.map((e) => [e.from, e.to, e.calls, e.errors, e.errorRate, e.p50Ms ?? '–', e.p99Ms ?? '–']));
    expect(await page.$$eval('svg.graph g.node', (nodes) => nodes.length)).toBe(deps.services.length);
    expect(await page.$$eval('svg.graph g.edge', (edges) => edges.length)).toBe(deps.edges.length);
    const errors = await commandJson<ErrorsReport>(['errors', input]);
    const totals = await page.$eval('#error-totals', (el) => ({ ...(el as HTMLElement).dataset }));
    expect(totals).toEqual({ errorSpans: String(errors.totals.errorSpans), chains: String(errors.totals.chains), recovered: String(errors.totals.recovered) });
    if (errors.groups.length > 0) {
      const groups = await tableValues(page, '#error-groups');
      expect(groups.map((g) => [g[0], g[1], g[3]])).toEqual(errors.groups.map((g) => [g.count, g.chains, g.reason]));
    }
    const traces = await commandJson<{ traces: { spans: number }[] }>(['traces', input]);
    const cards = await page.$$eval('#totals .value', (els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    expect(cards.slice(0, 2)).toEqual([traces.traces.length, traces.traces.reduce((n, t) => n + t.spans, 0)]);
    expect(w.problems).toEqual([]);
    expect(w.requests).toEqual([]);
  });

  it('links the slowest trace to its waterfall', async () => {
    const w = await open(browser, await writeReport([SHOP]));
    const first = await w.page.$eval('#slowest-table tbody tr a', (a) => ({ href: a.getAttribute('href'), text: a.textContent }));
    await w.page.click('#slowest-table tbody tr a');
    await w.page.waitForSelector('[role=treeitem]');
    expect(first.href).toBe(`#trace=${first.text}`);
    expect(await w.page.textContent('#trace-id')).toBe(first.text);
    expect(w.problems).toEqual([]);
  });
});

describe('one trace', () => {
  const TRACE = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';
  const SPAN = 'a100000000000003';

  it('a deep link opens the trace at the span, with its details', async () => {
    const w = await open(browser, await writeReport([SHOP]), `#trace=${TRACE}&span=${SPAN}`);
    const page = w.page;
    expect(await page.textContent('#trace-id')).toBe(TRACE);
    expect(await page.$eval('.row.selected', (r) => (r as HTMLElement).dataset.spanId)).toBe(SPAN);
    const panel = await page.textContent('aside.panel');
    expect(panel).toContain(`Span ID${SPAN}`);
    expect(await page.isVisible('aside.panel')).toBe(true);
    expect(await page.$$eval('[role=treeitem]', (rows) => rows.length)).toBe(6);
    expect(w.problems).toEqual([]);
    expect(w.requests).toEqual([]);
  });

  it('arrows move, Left and Enter collapse and expand, Escape closes the details, and the address follows', async () => {
    const w = await open(browser, await writeReport([SHOP]), `#trace=${TRACE}`);
    const page = w.page;
    const selected = (): Promise<string | undefined> => page.$eval('[role=tree]', (t) => (t.querySelector('.row.selected') as HTMLElement | null)?.dataset.spanId);
    await page.focus('[role=tree]');
    await page.keyboard.press('ArrowDown');
    const root = await selected();
    await page.keyboard.press('ArrowDown');
    const second = await selected();
    expect(second).not.toBe(root);
    expect(await page.evaluate(() => location.hash)).toBe(`#trace=${TRACE}&span=${second}`);
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toBe(root);
    await page.keyboard.press('ArrowLeft');
    expect(await page.$$eval('[role=treeitem]', (rows) => rows.length)).toBe(1);
    expect(await page.getAttribute('.row.selected', 'aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await page.$$eval('[role=treeitem]', (rows) => rows.length)).toBe(6);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('aside.panel')).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe(`#trace=${TRACE}`);
    expect(w.problems).toEqual([]);
  });

  it('/ searches spans by any text and Enter goes to the match', async () => {
    const w = await open(browser, await writeReport([SHOP]), `#trace=${TRACE}`);
    const page = w.page;
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('charge');
    // charge-card and Charge by name, PlaceOrder by its status message "charge failed".
    expect(await page.textContent('.toolbar .count')).toBe('3 matches');
    await page.keyboard.press('Enter');
    expect(await page.textContent('.toolbar .count')).toBe('1 of 3');
    expect(await page.$eval('.row.selected', (r) => r.textContent)).toContain('PlaceOrder');
    await page.keyboard.press('Enter');
    expect(await page.$eval('.row.selected', (r) => r.textContent)).toContain('charge-card');
    expect(await page.textContent('#panel-title')).toBe('checkout: charge-card');
    expect(await page.$$eval('.row.match', (rows) => rows.length)).toBe(3);
    // An attribute value finds its span too.
    await page.fill('.toolbar input[type=search]', 'TimeoutError');
    expect(await page.textContent('.toolbar .count')).toBe('1 match');
    expect(w.problems).toEqual([]);
  });

  it('the flame graph draws the trace with its names as text, and a click selects', async () => {
    const w = await open(browser, await writeReport([SHOP]), `#trace=${TRACE}&view=flame`);
    const page = w.page;
    await page.waitForSelector('#flame canvas');
    const labels = await page.$$eval('#flame .label', (els) => els.map((e) => e.textContent));
    expect(labels[0]).toBe('frontend: GET /checkout 100 ms');
    const box = (await page.$('#flame canvas'))!;
    const b = (await box.boundingBox())!;
    await page.mouse.click(b.x + b.width / 2, b.y + 10);
    expect(await page.textContent('#panel-title')).toBe('frontend: GET /checkout');
    expect(await page.evaluate(() => location.hash)).toBe(`#trace=${TRACE}&span=a100000000000001&view=flame`);
    expect(w.problems).toEqual([]);
  });

  it('a trace the page does not hold is said so', async () => {
    const w = await open(browser, await writeReport([SHOP]), '#trace=0123456789abcdef');
    expect(await w.page.textContent('[role=alert]')).toBe('This page does not hold trace 0123456789abcdef: it embeds 5 of 5 traces.');
    expect(w.problems).toEqual([]);
  });
});

describe('a dump of script and markup', () => {
  it('runs nothing and shows every name as text', async () => {
    const file = await writeReport([fixture('report/hostile-names.otlp.json'), '--title', '<script>window.__pwned="title"</script>']);
    for (const hash of ['', '#trace=000000000000bad1&span=00000000000000a1', '#trace=000000000000bad1&span=00000000000000a1&view=flame']) {
      const w = await open(browser, file, hash);
      const page = w.page;
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(await page.$$eval('script', (s) => s.length)).toBe(2);
      expect(await page.$$eval('img, iframe, svg[onload], b, [onerror], [onmouseover]', (els) => els.length)).toBe(0);
      expect(w.problems).toEqual([]);
      expect(w.requests).toEqual([]);
      const text = await page.textContent('body');
      if (hash === '') {
        expect(text).toContain('<script>window.__pwned="title"</script>');
        expect(text).toContain(`<img src=x onerror="window.__pwned='service'">`);
      } else {
        expect(text).toContain('</script><script>alert(1)</script>');
        expect(text).toContain(`"><svg onload="window.__pwned='key'">`);
        expect(text).toContain(`<b onmouseover="window.__pwned='message'">failed</b>`);
      }
    }
  });
});

describe('diff and check pages', () => {
  it('show their verdict and tables without error', async () => {
    const diff = `${scratch}/diff.html`;
    expect((await runCli(['diff', fixture('diff/two-carts.otlp.json'), SHOP, '--html', diff, '-q'])).status).toBe(0);
    const d = await open(browser, diff);
    expect(await d.page.textContent('#verdict')).toBe('No regression');
    expect(await tableValues(d.page, '#diff-operations')).toHaveLength(1);
    const check = `${scratch}/check.html`;
    expect((await runCli(['check', fixture('check/shop.zipkin.json'), '--budgets', fixture('check/budgets.json'), '--html', check, '-q'])).status).toBe(1);
    const c = await open(browser, check);
    expect(await c.page.textContent('#verdict')).toBe('2 of 7 budgets failed');
    for (const w of [d, c]) {
      expect(w.problems).toEqual([]);
      expect(w.requests).toEqual([]);
    }
  });
});
