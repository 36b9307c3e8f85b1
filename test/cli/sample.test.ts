/**
 * `tracectl sample` end to end on the shop fixture (test/sample/helpers.ts names its traces T1-T13):
 * the report, the written dump and its tracestate, the output's format, and how the commands that
 * count read a sampled dump back (weighted by adjusted count, on both of latency's paths).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';
import { keptNames, SHOP } from '../sample/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tracectl-sample-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// At ratio 0.5 the threshold is 0x80000000000000: a trace is kept when the first of the last 14 hex
// digits of its id is 8 or above: T1 (…c…), T4 (a), T5 (8), T6 (f), T7 (d), T9 (9), T12 (c). T11's id
// would pass (9), but its root's ot=rv:00000000000000 is the randomness, and 0 is below every threshold.
const HALF = ['T1', 'T4', 'T5', 'T6', 'T7', 'T9', 'T12'];

interface Json {
  mode: string;
  ratio: { threshold: string; probability: number; adjustedCount: number; randomness: Record<string, number> };
  report: {
    traces: { before: number; after: number };
    spans: { before: number; after: number };
    errors: { tracesBefore: number; tracesAfter: number; signaturesBefore: number; signaturesAfter: number; lost: { signature: string; tracesBefore: number }[] };
    latency: { percentiles: number[]; services: { service: string; before: { count: number }; after: { count: number } | null; afterWeighted: { count: number; percentilesMs: Record<string, number> } | null }[] };
    rate: { windowSec: number; beforePerSec: number; afterPerSec: number; extrapolatedPerSec: number };
  };
  output: { path: string; format: string; traces: number; spans: number } | null;
}

describe('tracectl sample --ratio', () => {
  it('keeps what a consistent ratio sampler keeps, writes th into the kept spans, and reports before and after', async () => {
    const out = join(dir, 'half.json');
    const { json } = await runJson<Json>(['sample', '--ratio', '0.5', SHOP, '-o', out]);
    expect(keptNames(readFileSync(out, 'utf8'))).toEqual(HALF);
    expect(json.ratio).toEqual({ ratio: 0.5, threshold: '8', probability: 0.5, adjustedCount: 2, randomness: { tracesByTraceId: 12, tracesByRv: 1, tracesWithout: 0 } });
    expect(json.report.traces).toEqual({ before: 13, after: 7 });
    expect(json.report.spans).toEqual({ before: 33, after: 11 });
    // Both failing traces (T2, T10) are dropped: both signatures lost.
    expect(json.report.errors).toMatchObject({ tracesBefore: 2, tracesAfter: 0, signaturesBefore: 2, signaturesAfter: 0 });
    expect(json.report.errors.lost.map((l) => l.signature)).toEqual([
      'frontend:GET /stock > inventory:Reserve | timeout',
      'frontend:POST /checkout > checkout:PlaceOrder > payment:Charge | card declined',
    ]);
    // frontend: 12 entry spans, 6 kept, counting 12 again at adjusted count 2.
    const frontend = json.report.latency.services.find((s) => s.service === 'frontend')!;
    expect([frontend.before.count, frontend.after?.count, frontend.afterWeighted?.count]).toEqual([12, 6, 12]);
    // 13 traces over 3.01 s (T1's start to T13's end); 7 kept, extrapolated to 14.
    expect(json.report.rate).toEqual({ windowSec: 3.01, beforePerSec: 13 / 3.01, afterPerSec: 7 / 3.01, extrapolatedPerSec: 14 / 3.01 });
    const spans = (JSON.parse(readFileSync(out, 'utf8')) as { resourceSpans: { scopeSpans: { spans: { traceId: string; traceState: string }[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(new Set(spans.map((s) => s.traceState))).toEqual(new Set(['ot=th:8', 'ot=th:8,vendor=gold']));
  });

  it('the text report on stderr, readable at 80 columns', async () => {
    const r = await runCli(['sample', '--ratio', '0.5', SHOP, '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'sample --ratio 0.5: kept 7 of 13 traces (54%), 11 of 33 spans',
        '  threshold th:8 (1-in-2); randomness from trace ids 12, ot=rv 1',
        '',
        'errors: kept 0 of 2 failing traces; 0 of 2 error signatures',
        '  lost 2 signatures:',
        '    frontend:GET /stock > inventory:Reserve | timeout (1 trace)',
        '    frontend:POST /checkout > checkout:PlaceOrder > payment:Charge | card decli…',
        '',
        'entry-span latency per service: before, kept, and kept weighted by adjusted',
        '  count (EST)',
        'SERVICE    COUNT  KEPT     P50  KEPT P50  EST P50     P99  KEPT P99  EST P99',
        'checkout       2     1  20.0ms    20.0ms   20.0ms   100ms    20.0ms   20.0ms',
        'frontend      12     6  45.0ms    40.0ms   40.0ms   2.50s    80.0ms   80.0ms',
        'inventory      1     0   280ms         -        -   280ms         -        -',
        'payment        1     0  80.0ms         -        -  80.0ms         -        -',
        'search         1     0   2.30s         -        -   2.30s         -        -',
        '',
        'request rate (traces/s over 3.01s): 4.32/s before, 2.33/s kept, 4.65/s',
        "  extrapolated from the kept traces' adjusted counts",
        '',
      ].join('\n'),
    );
  });

  it('ratio 1 keeps everything with th:0; ratio 0 keeps nothing and writes an empty dump', async () => {
    const all = await runJson<Json>(['sample', '--ratio', '1', SHOP]);
    expect([all.json.report.traces.after, all.json.ratio.threshold]).toEqual([13, '0']);
    const out = join(dir, 'none.json');
    const none = await runJson<Json>(['sample', '--ratio', '0', SHOP, '-o', out]);
    expect([none.json.report.traces.after, none.json.ratio.threshold, none.json.report.rate.extrapolatedPerSec]).toEqual([0, null, 0]);
    expect(readFileSync(out, 'utf8')).toBe('{"resourceSpans":[]}\n');
  });
});

describe('reading a sampled dump back', () => {
  const half = join(dir, 'half-for-reading.json');

  it('latency weighs each span by its adjusted count, on the trace path and the streaming path alike', async () => {
    await runCli(['sample', '--ratio', '0.5', SHOP, '-o', half]);
    type L = { groups: { service: string; count: number; sampledCount?: number; ratePerSec: number }[]; sampling: { sampled: boolean; weighted: boolean; sample: string; minProbability: number } };
    const tree = (await runJson<L>(['latency', half])).json;
    const stream = (await runJson<L>(['latency', half], { env: { TRACECTL_EXACT_SPANS: '0' } })).json;
    expect(stream).toEqual(tree);
    expect(tree.groups.map((g) => [g.service, g.count, g.sampledCount])).toEqual([
      ['frontend', 12, 6],
      ['checkout', 2, 1],
    ]);
    expect(tree.sampling).toMatchObject({ sampled: true, weighted: true, sample: 'uniform', minProbability: 0.5 });
    const plain = (await runJson<L>(['latency', half, '--unweighted'])).json;
    expect(plain.groups.map((g) => [g.service, g.count, g.sampledCount])).toEqual([
      ['frontend', 6, undefined],
      ['checkout', 1, undefined],
    ]);
    expect(plain.sampling).toMatchObject({ sampled: true, weighted: false });
  });

  it('a tail-sampled dump is said to be biased, naming the policies that kept it', async () => {
    const out = join(dir, 'tail.json');
    await runCli(['sample', '--policy', fixture('sample/collector.yaml'), SHOP, '-o', out]);
    const r = await runCli(['latency', out, '--width', '80']);
    // Seven traces kept by six policies; the note names the three that kept the most entry spans
    // (errors: T2's three and T10's two; slow: T3's two; then one each, by name).
    expect(r.stdout.split('\n').slice(-3)).toEqual([
      'sampled input; tail-sampled by errors, slow, big and 3 more; 11 spans without a',
      '  known probability counted once; percentiles from a tail-sampled set (biased)',
      '',
    ]);
  });

  it('Jaeger: sampler.type=probabilistic on the root weighs the whole trace; deps, errors and check too', async () => {
    const jaeger = fixture('sample/jaeger-probabilistic.json');
    // Two traces sampled at 0.25 (one failing in cart) and one kept by a const sampler (weight 1).
    type D = { edges: { from: string; to: string; calls: number; sampledCalls: number; errors: number }[] };
    expect((await runJson<D>(['deps', jaeger])).json.edges).toEqual([expect.objectContaining({ from: 'frontend', to: 'cart', calls: 8, sampledCalls: 2, errors: 4 })]);
    type E = { totals: { traces: number; estimated: unknown }; groups: { count: number; estimatedCount: number }[] };
    const errors = (await runJson<E>(['errors', jaeger])).json;
    expect(errors.totals).toMatchObject({ traces: 3, estimated: { traces: 9, tracesWithErrors: 4, tracesWithChains: 4 } });
    expect(errors.groups.map((g) => [g.count, g.estimatedCount])).toEqual([[1, 4]]);
    const check = await runCli(['check', jaeger, '--budget', 'frontend:count>=9', '--budget', 'cart:errors<4', '--json']);
    expect(check.status).toBe(1);
    const results = (JSON.parse(check.stdout) as { results: { budget: string; actual: number; passed: boolean }[] }).results;
    expect(results.map((b) => [b.budget, b.actual, b.passed])).toEqual([
      ['frontend:count>=9', 9, true],
      ['cart:errors<4', 4, false],
    ]);
    const unweighted = JSON.parse((await runCli(['check', jaeger, '--budget', 'frontend:count>=9', '--unweighted', '--json'])).stdout) as { results: { actual: number }[] };
    expect(unweighted.results[0]!.actual).toBe(3);
  });
});

describe('tracectl sample output', () => {
  it('--keep: traces with a span matching any expression; -o - writes the dump on stdout, the report on stderr', async () => {
    const r = await runCli(['sample', SHOP, '--keep', 'status = error', '--keep', 'attr.url.path = "/health"', '-o', '-', '--to', 'otlp-jsonl', '--width', '80']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => keptNames(l)[0])).toEqual(['T2', 'T4', 'T10']);
    expect(r.stderr.split('\n')[0]).toBe('sample --keep "status = error" --keep "attr.url.path = \\"/health\\"": kept 3 of');
  });

  it('--to jaeger carries the tracestate in w3c.tracestate tags, which read back as sampled', async () => {
    const out = join(dir, 'half.jaeger.json');
    await runCli(['sample', '--ratio', '0.5', SHOP, '-o', out, '--to', 'jaeger']);
    expect(readFileSync(out, 'utf8')).toContain('{"key":"w3c.tracestate","type":"string","value":"ot=th:8"}');
    const back = (await runJson<{ groups: { service: string; count: number }[] }>(['latency', out])).json;
    expect(back.groups.map((g) => [g.service, g.count])).toEqual([
      ['frontend', 12],
      ['checkout', 2],
    ]);
  });

  it('in colour, a wrapped note is dimmed line by line: no colour code is cut at the width', async () => {
    const r = await runCli(['sample', SHOP, '--policy', fixture('sample/collector.yaml'), '-o', join(dir, 'coloured.json'), '--color', '--width', '100'], { env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(r.status).toBe(0);
    const note = r.stderr.split('\n').filter((l) => l.includes('not simulated') || l.includes('decision_cache'));
    expect(note.length).toBeGreaterThan(1);
    for (const line of note) {
      expect(line.startsWith('\u001b[2m') && line.endsWith('\u001b[22m'), JSON.stringify(line)).toBe(true);
      expect(line.slice(4, -5), JSON.stringify(line)).not.toContain('\u001b');
    }
  });

  it('refuses to write over its input, and --json with -o -', async () => {
    expect(await runCli(['sample', '--ratio', '0.5', SHOP, '-o', SHOP])).toEqual({
      stdout: '',
      stderr: `tracectl: refusing to write the output over its input: -o ${SHOP} is the input ${SHOP}\n`,
      status: 2,
    });
    expect((await runCli(['sample', '--ratio', '0.5', SHOP, '-o', '-', '--json'])).status).toBe(2);
  });
});
