/**
 * Reports of the real dumps in ../shared/real-traces, opened in Chromium: every page draws without
 * a console error or a request, its latency table is `tracectl latency --json`, and every embedded
 * trace opens. The screenshots in docs/commands/ are taken here, from real dumps.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyResult } from '../../src/analyses/latency.js';
import type { ReportDocument } from '../../src/report/report-data.js';
import { runCli } from '../helpers/cli.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';
import { readPage } from '../helpers/report-page.js';
import { launch, open, removeDir, type Browser } from './helpers/browser.js';
import { commandJson, scratch, tableValues, writeReport } from './helpers/pages.js';

if (!existsSync(REAL)) throw new Error(`the real dumps are missing: ${REAL} (they are not part of the repository)`);
const DUMPS = realDumps();
const DOCS = fileURLToPath(new URL('../../docs/commands/', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ width: 1280, height: 860 });
});
afterAll(async () => {
  await browser.close();
  removeDir(scratch);
});

describe.each(DUMPS.map((d) => [basename(d), d]))('%s', (_name, dump) => {
  it('opens without error or request, shows latency --json, and opens every trace', async () => {
    const traces = await runCli(['traces', dump, '-q']);
    const r = await runCli(['report', dump, '-o', `${scratch}/${basename(dump)}.html`, '-q']);
    // A dump no command reads (malformed on purpose) gets no page either, with the same message.
    expect(r.status).toBe(traces.status);
    if (r.status !== 0) {
      expect(r.stderr).toBe(traces.stderr);
      return;
    }
    const file = `${scratch}/${basename(dump)}.html`;
    const w = await open(browser, file);
    const latency = await commandJson<LatencyResult>(['latency', dump]);
    const rows = await tableValues(w.page, '#latency-service');
    expect(rows.map((row) => [row[0], row[1], row[2], row[8]])).toEqual(latency.groups.map((g) => [g.service, g.count, g.errors, g.maxMs]));
    const { doc } = readPage<ReportDocument>(file);
    for (const t of doc.traces.slice(0, 5)) {
      await w.page.evaluate((id) => (location.hash = `trace=${id}`), t.traceId);
      await w.page.waitForFunction((id) => document.getElementById('trace-id')?.textContent === id, t.traceId);
      expect(await w.page.$$eval('[role=treeitem]', (items) => items.length)).toBe(Math.min(t.spans.id.length, 1500));
    }
    expect(w.problems).toEqual([]);
    expect(w.requests).toEqual([]);
  });
});

describe('screenshots for docs/commands/report.md', () => {
  it('the summary and the dependency graph of the OpenTelemetry demo dump', async () => {
    const dump = `${REAL}otlp/otel-tui__test_data.filtered.jsonl`;
    const w = await open(browser, await writeReport([dump, '--title', 'OpenTelemetry demo (otel-tui test data)']));
    await w.page.screenshot({ path: `${DOCS}report-summary.png` });
    const deps = (await w.page.$('#deps'))!;
    await deps.scrollIntoViewIfNeeded();
    await deps.screenshot({ path: `${DOCS}report-deps.png` });
    expect(w.problems).toEqual([]);
    expect(statSync(`${DOCS}report-summary.png`).size).toBeGreaterThan(10_000);
  });

  it('a waterfall with a failed span open, and its flame graph', async () => {
    const dump = `${REAL}otlp/tempo__trace-with-failed-requests.json`;
    const file = await writeReport([dump]);
    const { doc } = readPage<ReportDocument>(file);
    const t = doc.traces[0]!;
    // The failure's origin: the failed span deepest in the tree.
    const failed = t.spans.id.map((id, i) => ({ id, i })).filter(({ i }) => (t.spans.flags[i]! & 1) !== 0);
    const origin = failed.reduce((a, b) => (t.spans.depth[b.i]! > t.spans.depth[a.i]! ? b : a));
    const w = await open(browser, file, `#trace=${t.traceId}&span=${origin.id}`);
    expect(await w.page.textContent('#panel-title')).toBe('mythical-server: pg.query:INSERT');
    await w.page.screenshot({ path: `${DOCS}report-waterfall.png` });
    await w.page.evaluate((hash) => (location.hash = hash), `trace=${t.traceId}&span=${origin.id}&view=flame`);
    await w.page.waitForSelector('#flame .label');
    await w.page.screenshot({ path: `${DOCS}report-flame.png` });
    expect(w.problems).toEqual([]);
  });
});
