#!/usr/bin/env node
/**
 * `node bench/ui-frames.js` (after `npm run build`): how long `tracectl ui` takes to open a trace of
 * a million spans and to draw each frame while scrolling, folding and jumping in it. It drives the
 * UI's model exactly as the terminal driver does (a key, then the frame: the screen's lines and the
 * escape sequences written for the rows that changed), on a 120×40 screen, without a terminal (a
 * terminal's own time to paint is not tracectl's). Prints the open time and per-action frame times
 * (median, p99, max) for two shapes: a bushy tree (4 children a span, depth 10) and a chain (every
 * span the child of the one before: depth 999,999).
 *
 * Environment: BENCH_UI_SPANS=1000000 (spans per trace), BENCH_UI_SHAPES=bushy,chain.
 */
import { performance } from 'node:perf_hooks';
import { buildTrace } from '../dist/model/tree.js';
import { createTheme } from '../dist/render/theme.js';
import { UiApp } from '../dist/ui/app.js';
import { TraceCatalog } from '../dist/ui/catalog.js';
import { ScreenWriter } from '../dist/ui/screen-writer.js';

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
  const app = new UiApp(catalog, createTheme(1));
  const writer = new ScreenWriter();
  let bytes = 0;
  const frame = (...keys) => {
    const start = performance.now();
    for (const key of keys) app.press(key);
    bytes += writer.frame(app.draw(W, H), W, H).length;
    return performance.now() - start;
  };
  frame();
  const open = frame('enter');
  const actions = {
    'j (one row down)': () => frame('j'),
    'PgDn': () => frame('pagedown'),
    'e (next error)': () => frame('e'),
    'G / g (ends)': () => frame(Math.random() < 0.5 ? 'G' : 'g'),
    'Enter (fold / unfold)': () => frame('enter'),
  };
  const repeats = { 'j (one row down)': 2000, PgDn: 500, 'e (next error)': 100, 'G / g (ends)': 20, 'Enter (fold / unfold)': 20 };
  console.log(`\n${shape}: ${N.toLocaleString('en')} spans, depth ${trace.nodes.reduce((m, n) => Math.max(m, n.depth), 0).toLocaleString('en')}; tree built in ${(built / 1000).toFixed(1)} s (reading, not the UI)`);
  console.log(`  open the trace (first frame):   ${open.toFixed(0)} ms`);
  for (const [name, act] of Object.entries(actions)) {
    const times = [];
    for (let i = 0; i < repeats[name]; i++) times.push(act());
    console.log(`  ${name.padEnd(30)} ${stats(times)}`);
  }
  const searchStart = performance.now();
  for (const key of ['/', ...'op-777777', 'enter']) app.press(key);
  writer.frame(app.draw(W, H), W, H);
  console.log(`  / search (every span):         ${(performance.now() - searchStart).toFixed(0)} ms`);
  const n = [];
  for (let i = 0; i < 50; i++) n.push(frame('n'));
  console.log(`  ${'n (next match)'.padEnd(30)} ${stats(n)}`);
  console.log(`  written to the terminal: ${(bytes / 1024).toFixed(0)} KiB in all`);
}
