/**
 * `tracectl waterfall --zoom` and `--root`: a window of time and a subtree as the whole view, and the
 * notice that points at the bulk of the spans when one late span stretches the axis.
 *
 * fixtures/waterfall/late-consumer.json (OTLP; ms from the trace start):
 *   frontend GET /cart (server)        |0--------------------------------120|
 *   frontend GET cart (client)           |5-----------60|
 *   cart GetCart (server)                  |10------55|      events at 12, 44
 *   cart-db SELECT cart_items ×6             |15-18| ... |40-43|
 *   frontend publish cart-updated (producer)            |62-64|
 *   notifier consume cart-updated (consumer, link)       ......................... |50000-50200|
 *   frontend render                                          |70-----118|  exception event at 80
 *   frontend GET prices ✗ (client)                            |72-90|     exception event at 89
 * Twelve of the thirteen spans lie within the first 120 ms of a 50.2 s axis.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const LATE = fixture('waterfall/late-consumer.json');
const TWO = fixture('waterfall/two-traces.json');
const CHECKOUT = fixture('waterfall/checkout.json');

interface Row {
  spanId: string;
  service: string;
  operation: string;
  depth: number;
  startOffsetMs: number;
  durationMs: number;
  clippedStart: boolean;
  clippedEnd: boolean;
}
interface WaterfallJson {
  traceId: string;
  hidden: Record<string, number>;
  view: { rootSpanId: string | null; originOffsetMs: number; startOffsetMs: number; endOffsetMs: number; fullDurationMs: number; zoomed: boolean };
  spans: Row[];
}

const NOTICE = `tracectl: 12 of 13 rows lie within 120ms (0.2% of the 50.2s axis); zoom to them: tracectl waterfall ${LATE} --zoom 0..120ms\n`;

describe('waterfall --zoom', () => {
  it('0..120ms: the axis covers the window, the late consumer is hidden and counted', async () => {
    const r = await runCli(['waterfall', LATE, '--width', '100', '--zoom', '0..120ms']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').slice(2, 8)).toEqual([
      'Zoom 0..120ms of 50.2s',
      '                                           0          25ms        50ms        75ms        100ms',
      '                                           ┬──────────┬───────────┬───────────┬───────────┬─────────',
      '◆ ← frontend GET /cart               120ms █████████████████████████████████████████████████████████',
      '◆ ├─→ frontend GET cart             55.0ms   ██████████████████████████▏',
      '◆ │ └─← cart GetCart                45.0ms     █•██████████████•████▍',
    ]);
    expect(r.stdout).not.toContain('notifier');
    expect(r.stdout).toContain('\n1 of 13 spans hidden: 1 outside --zoom 0..120ms\n');
  });

  it('50ms..100ms: spans crossing an edge are cut and marked « », and --json says which', async () => {
    const r = await runCli(['waterfall', LATE, '--width', '80', '--zoom', '50ms..100ms', '-q']);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows.slice(5, 8)).toEqual([
      '◆ ← frontend GET /cart               120ms «███████████████████████████████████»',
      '◆ ├─→ frontend GET cart             55.0ms «██████▍',
      '◆ │ └─← cart GetCart                45.0ms «██▊',
    ]);
    expect(r.stdout).toContain('« » the span goes on before / after the window');
    const { json } = await runJson<WaterfallJson>(['waterfall', LATE, '--zoom', '50ms..100ms']);
    expect(json.view).toEqual({ rootSpanId: null, originOffsetMs: 0, startOffsetMs: 50, endOffsetMs: 100, fullDurationMs: 50200, zoomed: true });
    expect(json.spans.map((s) => [s.operation, s.clippedStart, s.clippedEnd])).toEqual([
      ['GET /cart', true, true],
      ['GET cart', true, false],
      ['GetCart', true, false],
      ['publish cart-updated', false, false],
      ['render', false, true],
      ['GET prices', false, false],
    ]);
    expect(json.hidden.outsideWindow).toBe(7);
  });

  it('RFC 3339 times give the same view as the offsets they stand for', async () => {
    const byOffset = await runCli(['waterfall', LATE, '--width', '80', '--zoom', '20ms..30ms', '-q']);
    const byTime = await runCli(['waterfall', LATE, '--width', '80', '--zoom', '2023-11-14T22:13:20.020Z..2023-11-14T22:13:20.030000000Z', '-q']);
    expect(byTime).toEqual(byOffset);
    expect(byOffset.stdout).toContain('Zoom 20ms..30ms of 50.2s');
  });

  it('an open end runs to the view edge: ..2s and 49s.. (a compound offset like 4m50s is read too)', async () => {
    const head = await runJson<WaterfallJson>(['waterfall', LATE, '--zoom', '..2s']);
    expect([head.json.view.startOffsetMs, head.json.view.endOffsetMs, head.json.spans.length]).toEqual([0, 2000, 12]);
    const tail = await runJson<WaterfallJson>(['waterfall', LATE, '--zoom', '49s..']);
    expect([tail.json.view.startOffsetMs, tail.json.view.endOffsetMs]).toEqual([49000, 50200]);
    // The consumer and its ancestors (kept for the tree, wholly before the window).
    expect(tail.json.spans.map((s) => [s.operation, s.clippedStart])).toEqual([
      ['GET /cart', true],
      ['publish cart-updated', true],
      ['consume cart-updated', false],
    ]);
    const compound = await runJson<WaterfallJson>(['waterfall', LATE, '--zoom', '0m49s..0m50.1s']);
    expect([compound.json.view.startOffsetMs, compound.json.view.endOffsetMs]).toEqual([49000, 50100]);
  });

  it('usage errors exit 2 with one line', async () => {
    const cases: [string, string][] = [
      ['10s', "tracectl: --zoom takes START..END, offsets from the start with a unit (0..10s, 250ms.., ..2s) or RFC 3339 times (2024-05-01T10:00:00.25Z..), got '10s'\n"],
      ['5..', "tracectl: --zoom takes START..END, offsets from the start with a unit (0..10s, 250ms.., ..2s) or RFC 3339 times (2024-05-01T10:00:00.25Z..), got '5..'\n"],
      ['2s..1s', 'tracectl: --zoom: the window ends before it starts\n'],
      ['1m..2m', 'tracectl: --zoom: the window misses the trace, which spans 50200ms from its start\n'],
    ];
    for (const [zoom, message] of cases) {
      const r = await runCli(['waterfall', LATE, '--zoom', zoom]);
      expect([zoom, r.status, r.stdout, r.stderr]).toEqual([zoom, 2, '', message]);
    }
  });
});

describe('waterfall --root', () => {
  it('a span id makes its subtree the whole view: guides start at it, the axis at its start', async () => {
    const r = await runCli(['waterfall', LATE, '--width', '80', '--root', '3', '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(2, 12)).toEqual([
      'Root 0000000000000003 cart GetCart · 45.0ms from +10.0ms',
      '                                       0                 20ms              40ms',
      '                                       ┬─────────────────┬─────────────────┬────',
      '◆ ← cart GetCart                45.0ms █•████████████████████████████•██████████',
      '◆ ├─→ cart-db SELECT cart_items 3.00ms     ██▊',
      '◆ ├─→ cart-db SELECT cart_items 3.00ms          ██▊',
      '◆ ├─→ cart-db SELECT cart_items 3.00ms              ██▊',
      '◆ ├─→ cart-db SELECT cart_items 3.00ms                   ██▊',
      '◆ ├─→ cart-db SELECT cart_items 3.00ms                       ██▊',
      '◆ └─→ cart-db SELECT cart_items 3.00ms                            ██▊',
    ]);
    expect(r.stdout).toContain('\n6 of 13 spans hidden: 6 outside --root 0000000000000003\n');
  });

  it('a name: the service, the operation or "service operation" exactly, else a part of it', async () => {
    for (const query of ['cart', 'GetCart', 'cart GetCart', 'getc']) {
      const { json } = await runJson<WaterfallJson>(['waterfall', LATE, '--root', query]);
      expect([query, json.view.rootSpanId, json.spans.length]).toEqual([query, '0000000000000003', 7]);
    }
  });

  it('--zoom counts from the root, and --depth counts from it too', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', LATE, '--root', 'GetCart', '--zoom', '5ms..10ms', '--depth', '1']);
    expect(json.view).toEqual({ rootSpanId: '0000000000000003', originOffsetMs: 10, startOffsetMs: 15, endOffsetMs: 20, fullDurationMs: 45, zoomed: true });
    expect(json.spans.map((s) => s.startOffsetMs)).toEqual([10, 15, 20]);
    const deeper = await runJson<WaterfallJson>(['waterfall', LATE, '--root', 'GET cart', '--depth', '1']);
    expect(deeper.json.spans.map((s) => s.operation)).toEqual(['GET cart', 'GetCart']);
  });

  it('a name several outermost spans have is refused with their ids; an unknown one too', async () => {
    const many = await runCli(['waterfall', LATE, '--root', 'SELECT']);
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/^tracectl: --root 'SELECT' names 6 spans in trace 5b8efff798038103d269b633813fc60c: 0000000000000004 \(cart-db SELECT cart_items at \+15ms\), 0000000000000005 /);
    const none = await runCli(['waterfall', LATE, '--root', 'checkout']);
    expect([none.status, none.stderr]).toEqual([2, "tracectl: --root 'checkout': no span of the input has that id or name (1 trace)\n"]);
  });

  it('without --trace, the longest trace that has the span', async () => {
    const health = await runCli(['waterfall', TWO, '--root', 'GET /health', '--width', '80']);
    expect([health.status, health.stdout.split('\n')[0]]).toEqual([0, 'Trace a1b2c3d4e5f60001']);
    const render = await runCli(['waterfall', TWO, '--root', 'render', '--width', '80', '-q']);
    expect(render.stdout.split('\n')[0]).toBe('Trace a1b2c3d4e5f60002');
  });
});

describe('the notice when the bulk of the spans sits in a small part of the axis', () => {
  it('says how many rows lie where, and the command that zooms to them; -q silences it', async () => {
    const r = await runCli(['waterfall', LATE, '--width', '100']);
    expect([r.status, r.stderr]).toEqual([0, NOTICE]);
    const quiet = await runCli(['waterfall', LATE, '--width', '100', '-q']);
    expect(quiet.stderr).toBe('');
  });

  it('the command it gives shows the bulk, and raises no notice of its own', async () => {
    const command = NOTICE.slice(NOTICE.indexOf('tracectl waterfall ') + 'tracectl waterfall '.length).trim().split(' ');
    const r = await runCli(['waterfall', ...command, '--width', '100']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[2]).toBe('Zoom 0..120ms of 50.2s');
  });

  it('none for a trace whose spans are spread over the axis', async () => {
    const spread = await runCli(['waterfall', CHECKOUT, '--width', '100']);
    expect([spread.status, spread.stderr.includes('zoom to them'), spread.stderr.startsWith('warning clock-skew')]).toEqual([0, false, true]);
  });
});
