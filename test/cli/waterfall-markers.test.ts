/**
 * More on a waterfall row: events on the bar at their time (• an event, ! an exception on a span that
 * did not fail; an error span's exception is already its ✗), the span kind as an arrow before the
 * name, links as a tag; each explained in the legend, and in --json.
 *
 * fixtures/waterfall/late-consumer.json (ms from the trace start; see waterfall-zoom.test.ts):
 *   cart GetCart (server)                |10------55|   events "cache miss" at 12, "cache filled" at 44
 *   frontend render (internal)                     |70-----118|   exception event at 80, status unset
 *   frontend GET prices ✗ (client)                  |72-90|       exception event at 89, status error
 *   notifier consume cart-updated (consumer)   at 50 s, one link to trace 0af76519…
 * With --zoom 0..120ms at 100 columns, a bar cell is 120 ms / 57 cells ≈ 2.1 ms.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const LATE = fixture('waterfall/late-consumer.json');

interface Row {
  operation: string;
  kind: string;
  events: { name: string; offsetMs: number; exception: boolean }[];
  links: { traceId: string; spanId: string; type: string }[];
}

describe('waterfall row markers', () => {
  it('events on the bar, kinds before the name, and the legend', async () => {
    const r = await runCli(['waterfall', LATE, '--zoom', '0..120ms', '--width', '100', '-q']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(5, 18)).toEqual([
      '◆ ← frontend GET /cart               120ms █████████████████████████████████████████████████████████',
      '◆ ├─→ frontend GET cart             55.0ms   ██████████████████████████▏',
      // 12 ms → cell 5, 44 ms → cell 20.
      '◆ │ └─← cart GetCart                45.0ms     █•██████████████•████▍',
      '◆ │   ├─→ cart-db SELECT cart_items 3.00ms        █▍',
      '◆ │   ├─→ cart-db SELECT cart_items 3.00ms          █▍',
      '◆ │   ├─→ cart-db SELECT cart_items 3.00ms            █▍',
      '◆ │   ├─→ cart-db SELECT cart_items 3.00ms               █▍',
      '◆ │   ├─→ cart-db SELECT cart_items 3.00ms                 █▍',
      '◆ │   └─→ cart-db SELECT cart_items 3.00ms                    █▍',
      '◆ ├─↑ frontend publish cart-updated 2.00ms                              █',
      // The handled exception at 80 ms → cell 38; the failed call's exception is its ✗.
      '◆ ├─frontend render                 48.0ms                                  █████!████████████████▊',
      '  └─✗ → frontend GET prices         18.0ms                                   ████████▌',
      '      ✗ deadline exceeded',
    ]);
    expect(lines.slice(-3)).toEqual([
      '◆ critical path  ✗ error  → client (calls out)  ← server (handles a call)',
      '↑ producer (sends a message)  • event  ! exception recorded (the span did not fail)',
      '',
    ]);
  });

  it('links as a tag on the row, explained; the consumer\'s kind', async () => {
    const r = await runCli(['waterfall', LATE, '--zoom', '49s..', '--width', '80', '-q']);
    expect(r.stdout.split('\n')[7]).toBe('    └─↓ notifier consume cart-updated [async 1 link]  200ms                 ███▍');
    expect(r.stdout).toContain('\nlinks: links to other spans (tracectl span --span ID lists them)\n');
    expect(r.stdout).toContain('↓ consumer (receives a message)');
  });

  it('--json: events with their offsets and whether they are exceptions, links with their type', async () => {
    const { json } = await runJson<{ spans: Row[] }>(['waterfall', LATE]);
    const by = (op: string): Row => json.spans.find((s) => s.operation === op)!;
    expect(by('GetCart').events).toEqual([
      { name: 'cache miss', offsetMs: 12, exception: false },
      { name: 'cache filled', offsetMs: 44, exception: false },
    ]);
    expect(by('render').events).toEqual([{ name: 'exception', offsetMs: 80, exception: true }]);
    expect(by('consume cart-updated').links).toEqual([{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', type: 'link' }]);
    expect(json.spans.map((s) => s.kind)).toEqual(['server', 'client', 'server', 'client', 'client', 'client', 'client', 'client', 'client', 'producer', 'consumer', 'internal', 'client']);
  });

  it('an event moves with its span under the clock-skew correction, and stays put with --no-adjust', async () => {
    // checkout.json with a log on the bank call: recorded at 40 ms (the span at 30..50 ms on a skewed
    // clock); the correction moves the span +35 ms, so the event shows at 75 ms.
    const CHECKOUT = fixture('waterfall/checkout.json');
    const text = readFileSync(CHECKOUT, 'utf8').replace(
      '"startTime": 1700000000030000, "duration": 20000, "processID": "bank",',
      '"startTime": 1700000000030000, "duration": 20000, "processID": "bank", "logs": [{ "timestamp": 1700000000040000, "fields": [{ "key": "event", "type": "string", "value": "retry" }] }],',
    );
    expect(text).toContain('"value": "retry"');
    const path = join(mkdtempSync(join(tmpdir(), 'tracectl-markers-')), 'skewed-log.json');
    writeFileSync(path, text);
    const bank = async (extra: string[]): Promise<Row & { skewMs: number }> =>
      (await runJson<{ spans: (Row & { skewMs: number })[] }>(['waterfall', path, '-q', ...extra])).json.spans.find((s) => s.operation === 'authorize')!;
    const adjusted = await bank([]);
    expect([adjusted.skewMs, adjusted.events]).toEqual([35, [{ name: 'retry', offsetMs: 75, exception: false }]]);
    const raw = await bank(['--no-adjust']);
    expect([raw.skewMs, raw.events]).toEqual([0, [{ name: 'retry', offsetMs: 40, exception: false }]]);
  });
});
