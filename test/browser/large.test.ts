/**
 * How big reports get and how fast they open: one trace of 3, 10,000 and 100,000 spans, and a
 * 100 MiB dump (bench/generate.js), each written by the real binary and opened in Chromium. The
 * figures are measured and reported (printed, and saved to bench/out/report-figures.json), never
 * asserted as limits: this machine's speed is not the code's. What is asserted is that each page
 * opens without error or request and draws its first rows, and that scrolling the 100,000 spans
 * draws rows all the way down.
 *
 * First render: from the start of navigation to the first waterfall row (or the summary) in the
 * document, which includes reading, inflating and parsing the embedded data.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generateFile } from '../../bench/generate.js';
import type { ReportDocument } from '../../src/report/report-data.js';
import { runBin } from '../helpers/cli.js';
import { readPage } from '../helpers/report-page.js';
import { launch, open, removeDir, type Browser } from './helpers/browser.js';
import { scratch } from './helpers/pages.js';

interface Figure {
  readonly input: string;
  readonly inputBytes: number;
  readonly spans: number;
  readonly reportBytes: number;
  readonly reportMs: number;
  readonly firstRenderMs: number;
  /** The 100 MiB dump: opening its slowest embedded trace from the summary. */
  readonly traceOpenMs?: number;
  /** The 100,000-span trace: frame intervals while scrolling 100 px a frame (a wheel) and 3,000 px (a drag). */
  readonly scrollFrameMs?: Readonly<Record<'wheel' | 'drag', { readonly median: number; readonly p95: number; readonly frames: number }>>;
}

const figures: Figure[] = [];
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  removeDir(scratch);
  const out = fileURLToPath(new URL('../../bench/out/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}report-figures.json`, `${JSON.stringify(figures, null, 2)}\n`);
  const rows = figures.map((f) => `| ${f.input} | ${(f.inputBytes / 1048576).toFixed(1)} MiB | ${f.spans.toLocaleString('en')} | ${(f.reportBytes / 1048576).toFixed(2)} MiB | ${(f.reportMs / 1000).toFixed(1)} s | ${Math.round(f.firstRenderMs)} ms${f.traceOpenMs === undefined ? '' : ` (a trace: ${Math.round(f.traceOpenMs)} ms)`} |`);
  console.log(['| input | size | spans | report | tracectl report | first render |', '|---|---|---|---|---|---|', ...rows].join('\n'));
  for (const f of figures) {
    for (const [how, s] of Object.entries(f.scrollFrameMs ?? {})) console.log(`scrolling ${f.input} (${how}): frame interval median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms over ${s.frames} frames`);
  }
});

async function writeReport(input: string, name: string): Promise<{ file: string; ms: number }> {
  const file = `${scratch}/${name}.html`;
  const started = performance.now();
  const r = await runBin(['report', input, '-o', file, '-q'], { timeoutMs: 1_200_000 });
  expect(r.status, r.stderr).toBe(0);
  return { file, ms: performance.now() - started };
}

describe.each([3, 10_000, 100_000])('one trace of %i spans', (spans) => {
  it('opens and draws its first rows', async () => {
    const input = `${scratch}/one-${spans}.json`;
    await generateFile(input, { format: 'otlp', mb: 0, oneTrace: spans });
    const { file, ms } = await writeReport(input, `one-${spans}`);
    const { doc } = readPage<ReportDocument>(file);
    const trace = doc.traces[0]!;
    expect(trace.spans.id).toHaveLength(spans);
    const w = await open(browser, file, `#trace=${trace.traceId}`);
    const firstRenderMs = await w.firstRender();
    expect(await w.page.textContent('#trace-id')).toBe(trace.traceId);
    expect(await w.page.$$eval('[role=treeitem]:not([hidden])', (rows) => rows.length)).toBeGreaterThanOrEqual(Math.min(spans, 10));
    let scrollFrameMs: Figure['scrollFrameMs'];
    if (spans === 100_000) {
      const frames = async (step: number): Promise<{ median: number; p95: number; frames: number }> => {
        const times = await w.page.evaluate(async (px) => {
          const tree = document.querySelector<HTMLElement>('[role=tree]')!;
          const out: number[] = [];
          let last = performance.now();
          for (let k = 0; k < 120; k++) {
            tree.scrollTop += px;
            await new Promise((done) => requestAnimationFrame(done));
            const now = performance.now();
            out.push(now - last);
            last = now;
          }
          return out;
        }, step);
        const sorted = [...times].sort((a, b) => a - b);
        return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]!, frames: times.length };
      };
      scrollFrameMs = { wheel: await frames(100), drag: await frames(3000) };
      // Rows were drawn where the scrolling ended, far down the trace.
      const lastRow = await w.page.$$eval('[role=treeitem]:not([hidden])', (rows) => Math.max(...rows.map((r) => Number(r.getAttribute('aria-posinset')))));
      expect(lastRow).toBeGreaterThan(10_000);
    }
    expect(w.problems).toEqual([]);
    expect(w.requests).toEqual([]);
    figures.push({
      input: `one trace, ${spans.toLocaleString('en')} spans`,
      inputBytes: statSync(input).size,
      spans,
      reportBytes: statSync(file).size,
      reportMs: ms,
      firstRenderMs,
      ...(scrollFrameMs !== undefined ? { scrollFrameMs } : {}),
    });
  });
});

describe('a 100 MiB dump', () => {
  it('opens its summary and its slowest trace', async () => {
    const input = `${scratch}/dump-100mib.json`;
    await generateFile(input, { format: 'otlp', mb: 100, seed: 1 });
    const { file, ms } = await writeReport(input, 'dump-100mib');
    const { doc } = readPage<ReportDocument>(file);
    expect(doc.traces).toHaveLength(200);
    const w = await open(browser, file);
    const firstRenderMs = await w.firstRender();
    expect(await w.page.$eval('#totals .value', (e) => Number((e as HTMLElement).dataset.value))).toBe(doc.summary.traces);
    const slowest = doc.slowest[0]!.traceId;
    const traceOpenMs = await w.page.evaluate(async (id) => {
      const started = performance.now();
      location.hash = `trace=${id}`;
      while (document.querySelector('[role=treeitem]') === null) await new Promise((done) => requestAnimationFrame(done));
      return performance.now() - started;
    }, slowest);
    expect(await w.page.textContent('#trace-id')).toBe(slowest);
    expect(w.problems).toEqual([]);
    expect(w.requests).toEqual([]);
    figures.push({ input: 'dump of 100 MiB (OTLP)', inputBytes: statSync(input).size, spans: doc.summary.spans, reportBytes: statSync(file).size, reportMs: ms, firstRenderMs, traceOpenMs });
  });
});
