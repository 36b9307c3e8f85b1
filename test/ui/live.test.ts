/**
 * The live view as a model, without a terminal or a socket: spans handed to the catalog as a
 * receiver would hand them, the status line's counts and rate on a clock the test sets, traces
 * dropped at the span limit while the aggregates keep counting them, and frames throttled.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Span } from '../../src/model/span.js';
import { createTheme } from '../../src/render/theme.js';
import { UiApp } from '../../src/ui/app.js';
import { TraceCatalog } from '../../src/ui/catalog.js';
import { FrameThrottle } from '../../src/ui/frame-throttle.js';
import { LiveStatus, type LiveCounts } from '../../src/ui/live-status.js';
import { makeSpan } from '../helpers/make-span.js';

const W = 100;
const H = 20;
const URL = 'http://127.0.0.1:4318';

/** A two-span trace (a server root and its client child) starting `start` ms after the base. */
function trace(id: string, start: number, service = 'shop'): Span[] {
  const traceId = id.repeat(32 / id.length);
  return [
    makeSpan({ traceId, id: `${id}1`, start, dur: 20, service, operation: 'GET /buy', kind: 'server' }),
    makeSpan({ traceId, id: `${id}2`, parent: `${id}1`, start: start + 5, dur: 10, service, operation: 'SELECT', kind: 'client' }),
  ];
}

function live(maxSpans = 1000) {
  const catalog = new TraceCatalog({ maxSpans, adjustClockSkew: false });
  const counts: { spans: number; requests: number; refused: number } = { spans: 0, requests: 0, refused: 0 };
  const clock = { ms: 1_000_000 };
  const status = new LiveStatus({ url: URL, counts: (): LiveCounts => counts, catalog, maxSpans, theme: createTheme(0), now: () => clock.ms });
  const app = new UiApp(catalog, createTheme(0), undefined, status);
  /** One request's spans arriving, as the receiver counts them. */
  const arrive = (spans: Span[]): void => {
    counts.spans += spans.length;
    counts.requests++;
    catalog.addSpans(spans);
  };
  return { catalog, counts, clock, status, app, arrive };
}

const cursorRow = (lines: readonly string[]): string => lines.find((l) => l.startsWith('› '))?.slice(2) ?? '';

describe('tracectl ui --listen, the model', () => {
  it('spans arriving: new traces join the list, the cursor stays on its trace, the status line counts them and the rate', () => {
    const v = live();
    let lines = v.app.draw(W, H);
    expect(lines[1]).toBe('no traces yet');
    expect(lines[H - 2]).toBe(`● ${URL} · 0 spans · 0 requests · 0 spans/s`);
    expect(lines[H - 1]).toBe('↑↓ move · Enter open · s sort · / filter · : where · ? keys · q quit');

    v.arrive([...trace('a', 100), ...trace('b', 200)]);
    v.clock.ms += 2000;
    lines = v.app.draw(W, H);
    expect(lines[0]).toBe('tracectl Traces · 2 traces, 4 spans · ? keys · q quit');
    expect(lines[H - 2]).toBe(`● ${URL} · 4 spans · 1 request · 2 spans/s`);
    expect(v.app.press('j')).toBeUndefined();
    expect(cursorRow(v.app.draw(W, H))).toMatch(/^bbbbbbbbbbbbbbbb +shop GET \/buy/);

    // A trace that started earlier arrives: it is listed first (sorted by start), the cursor stays on b.
    v.arrive(trace('c', 0));
    v.clock.ms += 1000;
    lines = v.app.draw(W, H);
    expect(lines.slice(2, 5).map((l) => l.slice(2, 18))).toEqual(['cccccccccccccccc', 'aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(cursorRow(lines)).toMatch(/^bbbbbbbbbbbbbbbb/);
    // 6 spans over the 3 seconds since the first sample.
    expect(lines[H - 2]).toBe(`● ${URL} · 6 spans · 2 requests · 2 spans/s`);

    // The rate looks at the last few seconds only: quiet for 10 s, it falls to 0.
    v.clock.ms += 10_000;
    v.app.draw(W, H);
    v.clock.ms += 1000;
    expect(v.app.draw(W, H)[H - 2]).toBe(`● ${URL} · 6 spans · 2 requests · 0 spans/s`);
  });

  it('a trace whose spans come in several requests: its row grows; an open trace offers r to reload', () => {
    const v = live();
    const [root, child] = trace('d', 0);
    v.arrive([child!]);
    // Only the child so far: it stands in as the root.
    expect(cursorRow(v.app.draw(W, H))).toMatch(/^dddddddddddddddd +shop SELECT +\S+ +10\.0ms +1 +1 +0$/);
    v.app.press('enter');
    let lines = v.app.draw(W, H);
    expect(lines[0]).toMatch(/^tracectl Trace ·/);
    expect(lines[H - 1]).toBe('↑↓ move · ←→ fold · e/E errors · / search · n/N matches · d details · Esc back · ? keys · q quit');
    expect(v.app.openTrace?.trace.nodes).toHaveLength(1);

    v.arrive([root!]);
    lines = v.app.draw(W, H);
    expect(lines[H - 1]).toBe('more spans of this trace arrived: r reloads it');
    v.app.press('r');
    lines = v.app.draw(W, H);
    expect(v.app.openTrace?.trace.nodes.map((n) => n.span.operation)).toEqual(['GET /buy', 'SELECT']);
    expect(lines[H - 1]).toBe('↑↓ move · ←→ fold · e/E errors · / search · n/N matches · d details · Esc back · ? keys · q quit');
    v.app.press('escape');
    expect(cursorRow(v.app.draw(W, H))).toMatch(/^dddddddddddddddd +shop GET \/buy +\S+ +20\.0ms +2 +1 +0$/);
  });

  it('--max-spans: the oldest whole traces are dropped and the status line says so; the aggregates count every trace', () => {
    const v = live(4);
    v.arrive(trace('a', 0, 'cart'));
    v.arrive(trace('b', 100));
    v.app.press('enter'); // opens a, the oldest
    v.app.press('escape');
    v.arrive(trace('c', 200));
    const lines = v.app.draw(W, H);
    expect(lines[0]).toBe('tracectl Traces · 2 traces, 4 spans · ? keys · q quit');
    expect(lines.filter((l) => /^[› ] [a-f0-9]{16} /.test(l)).map((l) => l.slice(2, 18))).toEqual(['bbbbbbbbbbbbbbbb', 'cccccccccccccccc']);
    expect(lines[H - 2]).toBe(`● ${URL} · 6 spans · 3 requests · 0 spans/s · 1 oldest trace dropped (2 spans, --max-spans 4)`);

    const services = v.catalog.snapshot().services();
    expect(services.traces).toBe(3);
    const counted = services.byService.groups.map((g) => [g.service, g.count]).sort();
    expect(counted).toEqual([
      ['cart', 1],
      ['shop', 2],
    ]);
    // The open trace was dropped: the Trace screen still shows what it had; reloading says why not.
    v.app.press('2');
    v.app.press('r');
    expect(v.app.draw(W, H)[H - 1]).toBe('trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa is no longer held');
  });

  it('the Services screen follows arrivals: its latency table counts the new traces at the next frame', () => {
    const v = live();
    v.arrive(trace('a', 0, 'cart'));
    v.app.press('3');
    const row = (lines: readonly string[], service: string): string | undefined => lines.find((l) => new RegExp(`^[› ] ${service} `).test(l));
    let lines = v.app.draw(W, 40);
    expect(lines[0]).toMatch(/^tracectl Services · 1 trace, 2 spans/);
    expect(row(lines, 'cart')).toMatch(/^[› ] cart +1 /);
    expect(row(lines, 'shop')).toBeUndefined();
    v.arrive([...trace('b', 100, 'cart'), ...trace('c', 200, 'shop')]);
    lines = v.app.draw(W, 40);
    expect(lines[0]).toMatch(/^tracectl Services · 3 traces, 6 spans/);
    expect(row(lines, 'cart')).toMatch(/^[› ] cart +2 /);
    expect(row(lines, 'shop')).toMatch(/^[› ] shop +1 /);
    expect(lines[38]).toBe(`● ${URL} · 6 spans · 2 requests · 0 spans/s`);
  });

  it('the command: running, then how it ended', () => {
    const v = live();
    v.status.setCommand({ state: 'running', name: 'node app.mjs' });
    expect(v.app.draw(W, H)[H - 2]).toBe(`● ${URL} · 0 spans · 0 requests · 0 spans/s · running node app.mjs`);
    v.status.setCommand({ state: 'exited', name: 'node app.mjs', exitCode: 3 });
    expect(v.app.draw(W, H)[H - 2]).toBe(`● ${URL} · 0 spans · 0 requests · 0 spans/s · node app.mjs exited 3`);
    v.status.setCommand({ state: 'exited', name: 'node app.mjs', exitCode: 143, signal: 'SIGTERM' });
    expect(v.app.draw(W, H)[H - 2]).toBe(`● ${URL} · 0 spans · 0 requests · 0 spans/s · node app.mjs ended by SIGTERM`);
    v.status.setCommand({ state: 'failed', message: 'nope: command not found' });
    expect(v.app.draw(W, H)[H - 2]).toBe(`● ${URL} · 0 spans · 0 requests · 0 spans/s · cannot run nope: command not found`);
  });
});

describe('FrameThrottle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the first ask is drawn at once; asks within the interval make one frame at its end', () => {
    vi.useFakeTimers();
    const frames: number[] = [];
    const start = Date.now();
    const throttle = new FrameThrottle(250, () => frames.push(Date.now() - start));
    throttle.request();
    vi.advanceTimersByTime(0);
    expect(frames).toEqual([0]);
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(2);
      throttle.request();
    }
    vi.advanceTimersByTime(1000);
    expect(frames).toEqual([0, 250]);
    // Quiet for a while (asks stopped at 200 ms): the next ask is drawn at once again.
    throttle.request();
    vi.advanceTimersByTime(0);
    expect(frames).toEqual([0, 250, 1200]);
    throttle.request();
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(frames).toEqual([0, 250, 1200]);
  });

  it('a slow frame stretches the interval to four times its cost', () => {
    vi.useFakeTimers();
    const frames: number[] = [];
    const start = Date.now();
    let cost = 200;
    const throttle = new FrameThrottle(250, () => {
      frames.push(Date.now() - start);
      vi.setSystemTime(Date.now() + cost); // the frame takes `cost` ms
    });
    throttle.request();
    vi.advanceTimersByTime(0);
    // The first frame ran from 0 to 200 ms: the next one waits until 800 ms after its end.
    throttle.request();
    vi.advanceTimersByTime(799);
    expect(frames).toEqual([0]);
    cost = 10;
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([0, 1000]);
    // That one was cheap (1000 to 1010 ms): the plain interval again.
    throttle.request();
    vi.advanceTimersByTime(1000);
    expect(frames).toEqual([0, 1000, 1260]);
  });
});
