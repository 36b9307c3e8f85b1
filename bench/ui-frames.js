#!/usr/bin/env node
/**
 * `node bench/ui-frames.js` (after `npm run build`): how long `tracectl ui` takes to open a trace of
 * a million spans and to draw each frame while scrolling, folding and jumping in it. It drives the
 * UI's model exactly as the terminal driver does (a key, then the frame: the screen's lines and the
 * escape sequences written for the rows that changed), on a 120×40 screen, without a terminal (a
 * terminal's own time to paint is not tracectl's). Prints, for two shapes, a bushy tree (4 children
 * a span, depth 10) and a chain (every span the child of the one before: depth 999,999):
 * - opening the trace: Enter on the Traces screen to the Trace screen's first frame, each time in a
 *   new session (the trace read and held, nothing of its screen built yet) after a full garbage
 *   collection, so that each open pays for its own garbage and not for the heap the reading left
 *   (collecting the 1.3 GB heap holding such a trace takes seconds, whenever V8 decides); median of 5;
 * - a `/` search, Enter to the frame showing the first match: a query matching one span, one
 *   matching a seventh of them, one matching none; median of 3 each (also after a collection);
 * - per-action frame times (median, p99, max) while scrolling, jumping and folding.
 *
 * Environment: BENCH_UI_SPANS=1000000 (spans per trace), BENCH_UI_SHAPES=bushy,chain.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildTrace } from '../dist/model/tree.js';
import { createTheme } from '../dist/render/theme.js';
import { UiApp } from '../dist/ui/app.js';
import { TraceCatalog } from '../dist/ui/catalog.js';
import { ScreenWriter } from '../dist/ui/screen-writer.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const N = Number(process.env.BENCH_UI_SPANS ?? 1_000_000);
const W = 120;
const H = 40;
const BASE = 1_700_000_000_000_000_000n;

function spans(shape) {
  const out = new Array(N);
  for (let i = 0; i < N; i++) {
    const parent = i === 0 ? undefined : shape === 'chain' ? i - 1 : Math.floor((i - 1) / 4);
    const depth = shape === 'chain' ? i : Math.floor(Math.log(3 * i + 1) / Math.log(4));
    out[i] = {
      traceId: 'b'.repeat(32),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      ...(parent !== undefined ? { parentId: (parent + 1).toString(16).padStart(16, '0') } : {}),
      refs: [],
      service: `svc-${i % 7}`,
      operation: `op-${i}`,
      kind: 'internal',
      startNs: BASE + BigInt(shape === 'chain' ? i * 10 : depth * 1000 + (i % 1000)),
      durationNs: shape === 'chain' ? (N - i) * 10 : 1_000_000 - depth * 1000,
      timing: 'exact',
      status: i % 9973 === 0 ? 'error' : 'unset',
      attributes: { 'http.route': `/r/${i % 100}` },
      resource: {},
      events: [],
      format: 'otlp',
    };
  }
  return out;
}

function median(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return `median ${at(50).toFixed(2)} ms · p99 ${at(99).toFixed(2)} ms · max ${s[s.length - 1].toFixed(2)} ms (${s.length} frames)`;
}

for (const shape of (process.env.BENCH_UI_SHAPES ?? 'bushy,chain').split(',')) {
  const t0 = performance.now();
  const trace = buildTrace('b'.repeat(32), spans(shape), { adjustClockSkew: false }).result;
  const built = performance.now() - t0;
  const catalog = new TraceCatalog();
  catalog.addTrace(trace);
  const writer = new ScreenWriter();
  let bytes = 0;
  let app;
  const frame = (...keys) => {
    const start = performance.now();
    for (const key of keys) app.press(key);
    bytes += writer.frame(app.draw(W, H), W, H).length;
    return performance.now() - start;
  };
  const opens = [];
  for (let i = 0; i < 5; i++) {
    app = new UiApp(catalog, createTheme(1));
    writer.frame(app.draw(W, H), W, H);
    gc();
    opens.push(frame('enter'));
  }
  console.log(`\n${shape}: ${N.toLocaleString('en')} spans, depth ${trace.nodes.reduce((m, n) => Math.max(m, n.depth), 0).toLocaleString('en')}; tree built in ${(built / 1000).toFixed(1)} s (reading, not the UI)`);
  console.log(`  ${'open the trace (first frame)'.padEnd(30)} median ${median(opens).toFixed(0)} ms (${opens.map((t) => t.toFixed(0)).join(', ')})`);
  const searches = { 'one span': 'op-777777', 'a seventh': 'SVC-3', none: 'no-such-span' };
  for (const [what, query] of Object.entries(searches)) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      gc();
      times.push(frame('g', '/', ...query, 'enter'));
    }
    console.log(`  ${`/ search: ${what}`.padEnd(30)} median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
  frame('g', '/', ...'op-777777', 'enter');
  const n = [];
  for (let i = 0; i < 50; i++) n.push(frame('n'));
  console.log(`  ${'n (next match)'.padEnd(30)} ${stats(n)}`);
  const actions = {
    'j (one row down)': () => frame('j'),
    'PgDn': () => frame('pagedown'),
    'e (next error)': () => frame('e'),
    'G / g (ends)': () => frame(Math.random() < 0.5 ? 'G' : 'g'),
    'Enter (fold / unfold)': () => frame('enter'),
  };
  const repeats = { 'j (one row down)': 2000, PgDn: 500, 'e (next error)': 100, 'G / g (ends)': 20, 'Enter (fold / unfold)': 20 };
  frame('g');
  for (const [name, act] of Object.entries(actions)) {
    const times = [];
    for (let i = 0; i < repeats[name]; i++) times.push(act());
    console.log(`  ${name.padEnd(30)} ${stats(times)}`);
  }
  console.log(`  written to the terminal: ${(bytes / 1024).toFixed(0)} KiB in all`);
}
