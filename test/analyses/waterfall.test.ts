/**
 * Waterfall rows: tree order, effective timing, and every filter keeping the ancestors of what it
 * shows. Diagrams: one column per ms from the trace start; `~` marks an async (FOLLOWS_FROM) child.
 */
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/analyses/critical-path.js';
import { buildWaterfall, type WaterfallOptions, type WaterfallRow } from '../../src/analyses/waterfall.js';
import type { Trace } from '../../src/model/trace.js';
import { isoFromNanos } from '../../src/model/time.js';
import { buildTrace } from '../../src/model/tree.js';
import { BASE_NS, makeSpan, makeTrace } from '../helpers/make-span.js';

const short = (id: string): string => id.replace(/^0+/, '');

/** Rows as "depth id parent" strings: the shape of the tree that is shown. */
function shape(trace: Trace, options: WaterfallOptions = {}): string[] {
  return buildWaterfall(trace, options).spans.map((r) => `${r.depth} ${short(r.spanId)}${r.parentId === null ? '' : ` <${short(r.parentId)}`}`);
}

// r   |0---------------------------------------100|
// a     |5-----25|                                    svc db
// b                |30--------------------80|         svc api
// b1                  |35-40|                         svc db (error)
// b2                          |45---------70|         svc db
// c   ~                                  |90----------130|  async, svc mail
const base = () =>
  makeTrace([
    { id: 'r', start: 0, dur: 100, service: 'gw', operation: 'GET /' },
    { id: 'a', parent: 'r', start: 5, dur: 20, service: 'db', operation: 'query' },
    { id: 'b', parent: 'r', start: 30, dur: 50, service: 'api', operation: 'work', kind: 'server' },
    { id: 'b1', parent: 'b', start: 35, dur: 5, service: 'db', operation: 'query', status: 'error', statusMessage: 'deadlock' },
    { id: 'b2', parent: 'b', start: 45, dur: 25, service: 'db', operation: 'update' },
    { id: 'c', parent: 'r', parentType: 'follows_from', start: 90, dur: 40, service: 'mail', operation: 'send' },
  ]);

describe('buildWaterfall', () => {
  it('lists every span in depth-first order with effective timing and the JSON fields', () => {
    const w = buildWaterfall(base());
    expect(w.traceId).toBe('aaaaaaaaaaaaaaaa');
    expect(w.startTime).toBe('2023-11-14T22:13:20.000000Z');
    expect(w.durationMs).toBe(130);
    expect(w.spanCount).toBe(6);
    expect(w.errorCount).toBe(1);
    expect(w.criticalPath).toBe(false);
    expect(w.hidden).toEqual({ filtered: 0, shorter: 0, deeper: 0, outsideRoot: 0, outsideWindow: 0, folded: 0 });
    expect(shape(base())).toEqual(['0 r', '1 a <r', '1 b <r', '2 b1 <b', '2 b2 <b', '1 c <r']);
    expect(w.spans[3]).toEqual<WaterfallRow>({
      spanId: '00000000000000b1',
      parentId: '000000000000000b',
      depth: 2,
      service: 'db',
      operation: 'query',
      kind: 'internal',
      startOffsetMs: 35,
      durationMs: 5,
      error: true,
      statusMessage: 'deadlock',
      critical: false,
      async: false,
      flags: [],
      skewMs: 0,
      events: [],
      links: [],
      clippedStart: false,
      clippedEnd: false,
    });
    expect(w.spans[5]!.async).toBe(true);
  });

  it('--depth keeps rows at depth <= N and counts the rest', () => {
    const w = buildWaterfall(base(), { maxDepth: 1 });
    expect(w.spans.map((r) => short(r.spanId))).toEqual(['r', 'a', 'b', 'c']);
    expect(w.hidden.deeper).toBe(2);
    expect(shape(base(), { maxDepth: 0 })).toEqual(['0 r']);
  });

  it('--min-duration hides short spans but keeps a short ancestor of a long one', () => {
    // p is 2ms long but its async child q (50ms) is kept, so p stays to hold it.
    // r |0----------------------------60|
    // p   |1-3|
    // q   ~  |3---------------------53|
    // s       |5-6|
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 60 },
      { id: 'p', parent: 'r', start: 1, dur: 2 },
      { id: 'q', parent: 'p', parentType: 'follows_from', start: 3, dur: 50 },
      { id: 's', parent: 'r', start: 5, dur: 1 },
    ]);
    const w = buildWaterfall(trace, { minDurationNs: 10e6 });
    expect(w.spans.map((r) => short(r.spanId))).toEqual(['r', 'p', 'q']);
    expect(w.hidden).toEqual({ filtered: 0, shorter: 1, deeper: 0, outsideRoot: 0, outsideWindow: 0, folded: 0 });
  });

  it('a span exactly as long as --min-duration is kept', () => {
    expect(shape(base(), { minDurationNs: 25e6 })).toEqual(['0 r', '1 b <r', '2 b2 <b', '1 c <r']);
  });

  it('--service keeps that service with its ancestors', () => {
    const w = buildWaterfall(base(), { service: 'db' });
    expect(shape(base(), { service: 'db' })).toEqual(['0 r', '1 a <r', '1 b <r', '2 b1 <b', '2 b2 <b']);
    expect(w.hidden).toEqual({ filtered: 1, shorter: 0, deeper: 0, outsideRoot: 0, outsideWindow: 0, folded: 0 });
  });

  it('--errors-only keeps error spans with their ancestors', () => {
    expect(shape(base(), { errorsOnly: true })).toEqual(['0 r', '1 b <r', '2 b1 <b']);
    expect(buildWaterfall(base(), { errorsOnly: true }).hidden.filtered).toBe(3);
  });

  it('--critical-only keeps critical-path spans with their ancestors, and rows say which are critical', () => {
    // Walking back from r's end (100): c is async (left out); b ends last (80) → b2 (70) → b1 (40)...
    // then a (25). So r, a, b, b1, b2 are on the path.
    const trace = base();
    const critical = criticalPath(trace).onPath;
    const w = buildWaterfall(trace, { critical, criticalOnly: true });
    expect(w.criticalPath).toBe(true);
    expect(w.spans.map((r) => `${short(r.spanId)}:${r.critical}`)).toEqual(['r:true', 'a:true', 'b:true', 'b1:true', 'b2:true']);
    expect(w.hidden.filtered).toBe(1);
  });

  it('picking filters combine (AND), and --depth applies after them', () => {
    // db spans that are errors: only b1; its ancestors r, b come with it; --depth 1 then drops b1.
    expect(shape(base(), { service: 'db', errorsOnly: true })).toEqual(['0 r', '1 b <r', '2 b1 <b']);
    const w = buildWaterfall(base(), { service: 'db', errorsOnly: true, maxDepth: 1 });
    expect(w.spans.map((r) => short(r.spanId))).toEqual(['r', 'b']);
    expect(w.hidden).toEqual({ filtered: 3, shorter: 0, deeper: 1, outsideRoot: 0, outsideWindow: 0, folded: 0 });
  });

  it('--min-duration with --service: a matching span must also be long enough', () => {
    // db spans >= 10ms: a (20) and b2 (25); b1 (5) is db but short; c is not db.
    const w = buildWaterfall(base(), { service: 'db', minDurationNs: 10e6 });
    expect(w.spans.map((r) => short(r.spanId))).toEqual(['r', 'a', 'b', 'b2']);
    expect(w.hidden).toEqual({ filtered: 1, shorter: 1, deeper: 0, outsideRoot: 0, outsideWindow: 0, folded: 0 });
  });

  it('--attrs picks span attributes first, then resource attributes; missing keys are left out', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 10, attributes: { 'http.method': 'GET', 'service.version': 'span-level' }, resource: { 'service.version': '1.2', 'host.name': 'h1' } },
      { id: 'a', parent: 'r', start: 1, dur: 2, resource: { 'host.name': 'h2' } },
    ]);
    const w = buildWaterfall(trace, { attrs: ['http.method', 'service.version', 'host.name'] });
    expect(w.spans.map((r) => r.attrs)).toEqual([{ 'http.method': 'GET', 'service.version': 'span-level', 'host.name': 'h1' }, { 'host.name': 'h2' }]);
  });

  it('rows carry the model flags: orphans are roots at depth 0 with the orphan flag', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, dur: 10 },
      { id: 'o', parent: 'ff', start: 2, dur: 3 },
    ]);
    const w = buildWaterfall(trace);
    expect(w.spans.map((r) => [short(r.spanId), r.depth, r.parentId, r.flags])).toEqual([
      ['r', 0, null, []],
      ['o', 0, null, ['orphan-span']],
    ]);
  });

  it('clock skew: the adjusted child is placed inside its parent and says by how much', () => {
    // Parent on host h1 |10----------30|; child on h2 recorded at 0-4 (before its parent): centred,
    // so it moves to 18-22 (+18ms).
    const trace = makeTrace(
      [
        { id: 'r', start: 10, dur: 20, host: 'h1' },
        { id: 'k', parent: 'r', start: 0, dur: 4, host: 'h2' },
      ],
      true,
    );
    const row = buildWaterfall(trace).spans[1]!;
    expect([row.startOffsetMs, row.durationMs, row.skewMs, row.flags]).toEqual([8, 4, 18, ['clock-skew']]);
  });
});

describe('buildWaterfall --collapse', () => {
  // r |0---------------------------------------------------50|
  // q1   |2-4|                                       db SELECT   ┐
  // q2        |5-8|                                  db SELECT   │ one row ×3
  //  q2c       |6-7|        (below q2: folded with it)          │
  // q3             |9-10|                            db SELECT   ┘
  // x                  |12--------20|                api call
  // q4                               |22-24|         db SELECT   alone: a run of one stays a row
  const trace = () =>
    makeTrace([
      { id: 'r', start: 0, dur: 50, service: 'api', operation: 'GET /' },
      { id: 'q1', parent: 'r', start: 2, dur: 2, service: 'db', operation: 'SELECT' },
      { id: 'q2', parent: 'r', start: 5, dur: 3, service: 'db', operation: 'SELECT', status: 'error', statusMessage: 'timeout' },
      { id: 'q2c', parent: 'q2', start: 6, dur: 1, service: 'db', operation: 'fetch' },
      { id: 'q3', parent: 'r', start: 9, dur: 1, service: 'db', operation: 'SELECT' },
      { id: 'x', parent: 'r', start: 12, dur: 8, service: 'api', operation: 'call' },
      { id: 'q4', parent: 'r', start: 22, dur: 2, service: 'db', operation: 'SELECT' },
    ]);

  it('folds a run of same service+operation siblings into one row with count, total, avg, max', () => {
    const w = buildWaterfall(trace(), { collapse: true });
    expect(w.spans.map((r) => short(r.spanId))).toEqual(['r', 'q1', 'x', 'q4']);
    const row = w.spans[1]!;
    expect(row).toMatchObject({
      collapsed: true,
      count: 3,
      startOffsetMs: 2,
      durationMs: 8, // 2 → 10: first start to last end
      totalMs: 6,
      avgMs: 2,
      maxMs: 3,
      error: true,
      errorCount: 1,
      statusMessage: 'timeout',
      foldedSpans: 1,
      spanIds: ['00000000000000q1', '00000000000000q2', '00000000000000q3'],
    });
    expect(w.spans[3]!.collapsed).toBeUndefined();
    expect(w.hidden.folded).toBe(3); // q2, q3 and q2c
  });

  it('collapses what the filters left: hidden siblings do not break a run', () => {
    // With --service db the api call x is hidden, so q1..q4 are consecutive shown siblings.
    const w = buildWaterfall(trace(), { collapse: true, service: 'db' });
    expect(w.spans.map((r) => `${short(r.spanId)}×${r.count ?? 1}`)).toEqual(['r×1', 'q1×4']);
  });

  it('a run inside a folded loop is folded with it, not shown as a row of its own', () => {
    // r |0---------------------------------40|
    // h1  |1-----------15|                       svc handle  ┐ one row ×2
    //  q1   |2-4|  q2 |5-7|                      db SELECT   │ (a run of their own, folded too)
    // h2                  |16----------30|       svc handle  ┘
    //  q3                   |17-19| q4 |20-22|   db SELECT
    const t = makeTrace([
      { id: '1', start: 0, dur: 40, operation: 'root' },
      { id: 'h1', parent: '1', start: 1, dur: 14, operation: 'handle' },
      { id: 'a1', parent: 'h1', start: 2, dur: 2, service: 'db', operation: 'SELECT' },
      { id: 'a2', parent: 'h1', start: 5, dur: 2, service: 'db', operation: 'SELECT' },
      { id: 'h2', parent: '1', start: 16, dur: 14, operation: 'handle' },
      { id: 'a3', parent: 'h2', start: 17, dur: 2, service: 'db', operation: 'SELECT' },
      { id: 'a4', parent: 'h2', start: 20, dur: 2, service: 'db', operation: 'SELECT' },
    ]);
    const w = buildWaterfall(t, { collapse: true });
    expect(w.spans.map((r) => `${r.depth} ${short(r.spanId)}×${r.count ?? 1}`)).toEqual(['0 1×1', '1 h1×2']);
    expect(w.spans[1]!.foldedSpans).toBe(4);
    expect(w.hidden.folded).toBe(5);
  });

  it('marks a collapsed row critical when any member is on the critical path', () => {
    const t = trace();
    const w = buildWaterfall(t, { collapse: true, critical: criticalPath(t).onPath });
    expect(w.spans.map((r) => `${short(r.spanId)}:${r.critical}`)).toEqual(['r:true', 'q1:true', 'x:true', 'q4:true']);
  });
});

describe('buildWaterfall with a garbage timestamp', () => {
  it('a start no Date can hold is written as epoch nanoseconds, not an exception', () => {
    const spans = [makeSpan({ id: '1', start: 0, dur: 1 })].map((s) => ({ ...s, startNs: 10n ** 25n }));
    const t = buildTrace('aaaaaaaaaaaaaaaa', spans).result;
    expect(buildWaterfall(t).startTime).toBe('epoch+10000000000000000000000000ns');
    expect(isoFromNanos(BASE_NS)).toBe('2023-11-14T22:13:20.000000Z');
  });
});

describe('buildWaterfall on a 200,000-deep chain', () => {
  it('filters and collapses without recursion', () => {
    const n = 200_000;
    const specs = [{ id: '1', start: 0, dur: n }];
    for (let i = 2; i <= n; i++) specs.push({ id: String(i), parent: String(i - 1), start: i - 1, dur: n - i + 1 } as never);
    const t = makeTrace(specs);
    const w = buildWaterfall(t, { collapse: true, minDurationNs: 1e6, critical: criticalPath(t).onPath, criticalOnly: true });
    expect(w.spans).toHaveLength(n);
    expect(w.spans[n - 1]!.depth).toBe(n - 1);
  });
});
