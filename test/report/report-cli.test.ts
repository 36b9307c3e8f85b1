/**
 * `tracectl report` without a browser: the page's embedded figures are the other commands' JSON
 * results on the same input, the page is the same bytes on every run, it is written atomically
 * and never over an input, --max-traces and --redact do what they say.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generateFile } from '../../bench/generate.js';
import type { ReportDocument } from '../../src/report/report-data.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';
import { readPage, withoutWarnings } from '../helpers/report-page.js';

const dir = mkdtempSync(join(tmpdir(), 'tracectl-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const out = (name = 'report.html'): string => join(dir, `${serial++}-${name}`);

async function report(args: readonly string[]): Promise<{ doc: ReportDocument; html: string; stderr: string; path: string }> {
  const path = out();
  const r = await runCli(['report', ...args, '-o', path]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  return { ...readPage<ReportDocument>(path), stderr: r.stderr, path };
}

const INPUTS = [fixture('errors/otlp-shop.json'), fixture('deps/shop.zipkin.json'), fixture('waterfall/checkout.json'), fixture('errors/jaeger-error-logs.json')];

describe('the summary is what the commands print', () => {
  it.each(INPUTS)('%s', async (input) => {
    const { doc } = await report([input]);
    const latency = await runJson(['latency', '--histogram', input]);
    const byOperation = await runJson(['latency', '--by', 'operation', '--histogram', input]);
    const errors = await runJson<{ totals: unknown; groups: unknown }>(['errors', input]);
    const deps = await runJson(['deps', input]);
    const traces = await runJson<{ traces: { spans: number; errors: number }[] }>(['traces', input]);
    expect(doc.latencyByService).toEqual(withoutWarnings(latency.json as object));
    expect(doc.latencyByOperation).toEqual(withoutWarnings(byOperation.json as object));
    expect(doc.errors).toEqual({ totals: errors.json.totals, groups: errors.json.groups });
    expect(doc.deps).toEqual(withoutWarnings(deps.json as object));
    expect(doc.summary.traces).toBe(traces.json.traces.length);
    expect(doc.summary.spans).toBe(traces.json.traces.reduce((n, t) => n + t.spans, 0));
    expect(doc.summary.failingTraces).toBe(traces.json.traces.filter((t) => t.errors > 0).length);
  });

  it('the aggregated critical path is critical-path --json over the dump', async () => {
    const input = fixture('errors/otlp-shop.json');
    const { doc } = await report([input]);
    const cp = await runJson(['critical-path', input]);
    expect(doc.criticalPath).toEqual(withoutWarnings(cp.json as object));
  });

  it('--where selects as each command does', async () => {
    const input = fixture('errors/otlp-shop.json');
    const where = 'service = "checkout"';
    const { doc } = await report([input, '--where', where]);
    expect(doc.latencyByService).toEqual(withoutWarnings((await runJson(['latency', '--histogram', input, '--where', where])).json as object));
    expect(doc.deps).toEqual(withoutWarnings((await runJson(['deps', input, '--where', where])).json as object));
    expect(doc.criticalPath).toEqual(withoutWarnings((await runJson(['critical-path', input, '--where', where])).json as object));
    const listed = (await runJson<{ traces: { traceId: string }[] }>(['traces', input, '--where', where])).json.traces.map((t) => t.traceId);
    expect(doc.summary.traces).toBe(listed.length);
    expect(doc.traces.map((t) => t.traceId).sort()).toEqual([...listed].sort());
    expect(doc.options.where).toBe(where);
  });

  it('states the version, the inputs as named with their sizes, and the title', async () => {
    const input = fixture('errors/otlp-shop.json');
    const { doc, html, stderr } = await report([input, '--title', 'Checkout incident']);
    const pkg = JSON.parse(readFileSync(fixture('../package.json'), 'utf8')) as { version: string };
    expect(doc.tracectl).toBe(pkg.version);
    expect(doc.inputs).toEqual([{ name: input, bytes: readFileSync(input).length, formats: ['otlp'], spans: 21 }]);
    expect(doc.title).toBe('Checkout incident');
    expect(html).toContain('<title>Checkout incident</title>');
    expect(stderr).toMatch(/^tracectl: wrote .*report\.html: 5 traces, 21 spans; all embedded\n$/);
  });
});

describe('the page', () => {
  it('is the same bytes on every run', async () => {
    const input = fixture('errors/otlp-shop.json');
    const a = await report([input]);
    const b = await report([input]);
    expect(a.html).toBe(b.html);
  });

  it('makes no request: a policy allows only its own script and styles, and nothing links out', async () => {
    const { html } = await report([fixture('errors/otlp-shop.json')]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(\s*['"]?https?:/i);
    // The policy's hash is the inline script's.
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  });

  it('is written atomically and never over an input', async () => {
    const input = fixture('errors/otlp-shop.json');
    const missingDir = join(dir, 'no-such-dir', 'r.html');
    const r1 = await runCli(['report', input, '-o', missingDir]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/^tracectl: cannot write .*r\.html: no such directory\n$/);
    expect(existsSync(missingDir)).toBe(false);

    const copy = out('input.json');
    writeFileSync(copy, readFileSync(input));
    const r2 = await runCli(['report', copy, '-o', copy]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toBe(`tracectl: refusing to write the page over an input: -o ${copy} is ${copy}\n`);
    expect(readFileSync(copy)).toEqual(readFileSync(input));

    // A run that fails on its input leaves the page that was there.
    const page = out();
    writeFileSync(page, 'previous page');
    const bad = out('bad.json');
    writeFileSync(bad, '{"resourceSpans": [');
    const r3 = await runCli(['report', bad, '-o', page]);
    expect(r3.status).toBe(2);
    expect(readFileSync(page, 'utf8')).toBe('previous page');
    expect(readFileSync(page, 'utf8')).not.toContain('<html');
  });

  it('-o - writes the page on standard output; --json says what was written', async () => {
    const input = fixture('errors/otlp-shop.json');
    const r = await runCli(['report', input, '-o', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stderr).toMatch(/^tracectl: wrote standard output/);
    const path = out();
    const j = await runJson<Record<string, unknown>>(['report', input, '-o', path]);
    expect(j.json).toEqual({ output: path, bytes: readFileSync(path).length, traces: 5, spans: 21, embeddedTraces: 5, warnings: [], warningCounts: [] });
    expect((await runCli(['report', input, '-o', '-', '--json'])).stderr).toBe('tracectl: --json prints what was written on standard output: it does not go with -o -\n');
  });

  it('needs -o', async () => {
    const r = await runCli(['report', fixture('errors/otlp-shop.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("required option '-o, --output <path>' not specified");
  });
});

describe('--max-traces', () => {
  it('embeds the slowest, the failing and a sample, and counts every trace', async () => {
    const input = out('many.jaeger.json');
    await generateFile(input, { format: 'jaeger', mb: 1.2, seed: 7 });
    const all = (await runJson<{ traces: { traceId: string; durationMs: number; errors: number; spans: number }[] }>(['traces', input, '--sort', 'duration'])).json.traces;
    expect(all.length).toBeGreaterThan(30);
    const { doc } = await report([input, '--max-traces', '9']);
    expect(doc.summary.traces).toBe(all.length);
    expect(doc.summary.spans).toBe(all.reduce((n, t) => n + t.spans, 0));
    expect(doc.traces).toHaveLength(9);
    expect(doc.embedded).toEqual({ maxTraces: 9, slowest: 3, failing: 3, sample: 3, of: all.length });
    const byReason = (reason: string): string[] => doc.traces.filter((t) => t.reason === reason).map((t) => t.traceId);
    // The three slowest of the whole input (ties broken by start, as traces --sort duration does).
    expect(new Set(byReason('slowest'))).toEqual(new Set(all.slice(0, 3).map((t) => t.traceId)));
    const failing = new Set(all.filter((t) => t.errors > 0).map((t) => t.traceId));
    for (const id of byReason('failing')) expect(failing.has(id)).toBe(true);
    // The summary's slowest table lists 20, whether embedded or not.
    expect(doc.slowest.map((r) => r.traceId)).toEqual(all.slice(0, 20).map((t) => t.traceId));
    // Embedded traces come in start order.
    const starts = doc.traces.map((t) => BigInt(t.startNs));
    expect([...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(starts);
  });

  it('rejects what is not a whole number of at least 1', async () => {
    const r = await runCli(['report', fixture('errors/otlp-shop.json'), '-o', out(), '--max-traces', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--max-traces must be a whole number of at least 1, got '0'");
  });
});

describe('--redact', () => {
  it('applies the redact rules to every span before anything is embedded', async () => {
    const input = fixture('hostile/secrets.otlp.json');
    const plain = readFileSync(input, 'utf8');
    const { doc } = await report([input, '--redact']);
    const text = JSON.stringify(doc);
    for (const secret of ['hunter2-JJJJ', 'eyJhbGciOiJIUzI1NiJ9', '10.20.30.70']) {
      expect(plain).toContain(secret);
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(doc.options.redacted).toBe(true);
    // Structure and timing are kept.
    const unredacted = (await report([input])).doc;
    expect(doc.summary).toEqual(unredacted.summary);
    expect(doc.traces.map((t) => t.spans.duration)).toEqual(unredacted.traces.map((t) => t.spans.duration));
  });
});
