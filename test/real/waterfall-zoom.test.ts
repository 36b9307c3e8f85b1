/**
 * `waterfall --zoom` and `--root` on the largest real dump (SmartThings, Zipkin: 957 spans over
 * 5m06s, in bursts of a few hundred milliseconds, one per page of an app install). The zoomed rows are
 * checked against the unzoomed --json, independently of the window code: exactly the spans that
 * overlap the window, plus the ancestors of those (found from row order and depth, as the tree is
 * drawn), in the same order; and no line is wider than the width at 60, 80, 100 and 200 columns.
 */
import { describe, expect, it } from 'vitest';
import { linesWiderThan } from '../helpers/cells.js';
import { runCli, runJson } from '../helpers/cli.js';
import { realDump } from '../helpers/real-dumps.js';

const SMARTTHINGS = realDump('zipkin-v2/zipkin__smartthings-mobile-web-install.json');

interface Row {
  spanId: string;
  service: string;
  depth: number;
  startOffsetMs: number;
  durationMs: number;
  clippedStart: boolean;
  clippedEnd: boolean;
}
interface WaterfallJson {
  hidden: Record<string, number>;
  view: { rootSpanId: string | null; originOffsetMs: number; startOffsetMs: number; endOffsetMs: number; fullDurationMs: number; zoomed: boolean };
  spans: Row[];
}

const key = (r: Row): string => `${r.spanId} ${r.service} ${r.startOffsetMs}`;

/** The rows of `all` (tree order) a window [from, to] shows: those overlapping it and their ancestors. */
function expectedRows(all: readonly Row[], from: number, to: number): string[] {
  const keep = new Array<boolean>(all.length).fill(false);
  for (let i = 0; i < all.length; i++) {
    const r = all[i]!;
    if (r.startOffsetMs > to || r.startOffsetMs + r.durationMs < from) continue;
    keep[i] = true;
    let depth = r.depth;
    for (let j = i - 1; j >= 0 && depth > 0; j--) {
      if (all[j]!.depth === depth - 1) {
        keep[j] = true;
        depth--;
      }
    }
  }
  return all.filter((_, i) => keep[i]).map(key);
}

describe('waterfall --zoom / --root on the SmartThings dump', () => {
  it('--zoom 0..1s shows exactly the spans overlapping the first second, with their ancestors', async () => {
    const all = (await runJson<WaterfallJson>(['waterfall', SMARTTHINGS])).json.spans;
    expect(all.length).toBe(957);
    const { json } = await runJson<WaterfallJson>(['waterfall', SMARTTHINGS, '--zoom', '0..1s']);
    expect(json.view).toEqual({ rootSpanId: null, originOffsetMs: 0, startOffsetMs: 0, endOffsetMs: 1000, fullDurationMs: 306017.245, zoomed: true });
    const shown = json.spans.map(key);
    expect(shown).toEqual(expectedRows(all, 0, 1000));
    expect(json.hidden.outsideWindow).toBe(957 - shown.length);
    // Ancestors that outlive the second are cut at its right edge, none at its left.
    for (const r of json.spans) expect([r.clippedStart, r.clippedEnd]).toEqual([false, r.startOffsetMs + r.durationMs > 1000]);
  });

  it('--root a page-install span --zoom 0..500ms: its first step, timed from the span', async () => {
    const root = '7f7a06d5221fbc8f';
    const whole = (await runJson<WaterfallJson>(['waterfall', SMARTTHINGS, '--root', root])).json;
    const origin = whole.view.originOffsetMs;
    expect([origin, whole.spans[0]!.spanId, whole.hidden.outsideRoot, whole.spans.length]).toEqual([12558.633, root, 97, 860]);
    const { json } = await runJson<WaterfallJson>(['waterfall', SMARTTHINGS, '--root', root, '--zoom', '0..500ms']);
    expect(json.spans.map(key)).toEqual(expectedRows(whole.spans, origin, origin + 500));
    expect(json.spans.length).toBe(34);
  });

  it('a name finds the subtree: pusher process.dove is three spans, 4.35 s long', async () => {
    const { json } = await runJson<WaterfallJson>(['waterfall', SMARTTHINGS, '--root', 'pusher process.dove']);
    expect(json.spans.map((s) => s.service)).toEqual(['pusher', 'pusher', 'dove']);
    expect(json.view.fullDurationMs).toBeCloseTo(json.spans[0]!.durationMs, 6);
  });

  it('fits 60, 80, 100 and 200 columns, zoomed and rooted', async () => {
    for (const width of [60, 80, 100, 200]) {
      const r = await runCli(['waterfall', SMARTTHINGS, '--root', '7f7a06d5221fbc8f', '--zoom', '0..500ms', '--width', String(width), '-q']);
      expect([width, r.status, linesWiderThan(r.stdout, width)]).toEqual([width, 0, []]);
    }
  });
});
