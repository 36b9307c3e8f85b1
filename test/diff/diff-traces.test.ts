import { describe, expect, it } from 'vitest';
import { diffTraces, MAX_PATH } from '../../src/diff/diff-traces.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

/*
 * base (100ms)                                    head (160ms)
 * frontend GET /cart  |0..........100|            frontend GET /cart  |0...............160|
 *   cart GetCart        |10..40|                    cart GetCart        |10..40|
 *     redis GET           |12-14|                     redis GET           |12-13|      (1ms faster)
 *     redis GET              |15-17|                  redis GET              |15-17|
 *   payments Charge            |50..90|               redis GET                |18..30|  (added: #3)
 *   ads Fetch                        |92-98|        payments Charge            |50.......140|  (+50ms)
 *     ads db                          |93-97|       (ads Fetch and its db call removed)
 */
const BASE: SpanSpec[] = [
  { traceId: 'b', id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET /cart' },
  { traceId: 'b', id: '2', parent: '1', start: 10, dur: 30, service: 'cart', operation: 'GetCart' },
  { traceId: 'b', id: '3', parent: '2', start: 12, dur: 2, service: 'redis', operation: 'GET' },
  { traceId: 'b', id: '4', parent: '2', start: 15, dur: 2, service: 'redis', operation: 'GET' },
  { traceId: 'b', id: '5', parent: '1', start: 50, dur: 40, service: 'payments', operation: 'Charge' },
  { traceId: 'b', id: '6', parent: '1', start: 92, dur: 6, service: 'ads', operation: 'Fetch' },
  { traceId: 'b', id: '7', parent: '6', start: 93, dur: 4, service: 'ads', operation: 'db' },
];
const HEAD: SpanSpec[] = [
  { traceId: 'h', id: 'a1', start: 0, dur: 160, service: 'frontend', operation: 'GET /cart' },
  { traceId: 'h', id: 'a2', parent: 'a1', start: 10, dur: 30, service: 'cart', operation: 'GetCart' },
  { traceId: 'h', id: 'a3', parent: 'a2', start: 12, dur: 1, service: 'redis', operation: 'GET' },
  { traceId: 'h', id: 'a4', parent: 'a2', start: 15, dur: 2, service: 'redis', operation: 'GET' },
  { traceId: 'h', id: 'a5', parent: 'a2', start: 18, dur: 12, service: 'redis', operation: 'GET' },
  { traceId: 'h', id: 'a6', parent: 'a1', start: 50, dur: 90, service: 'payments', operation: 'Charge' },
];

describe('diffTraces', () => {
  it('matches spans by path and occurrence; lists slower, faster, added and removed; compares critical paths', () => {
    const d = diffTraces(makeTrace(BASE), makeTrace(HEAD));
    expect(d).toEqual({
      mode: 'traces',
      threshold: 0,
      base: { traceId: 'b', rootService: 'frontend', rootOperation: 'GET /cart', durationMs: 100, spans: 7 },
      head: { traceId: 'h', rootService: 'frontend', rootOperation: 'GET /cart', durationMs: 160, spans: 6 },
      durationDeltaMs: 60,
      matched: 5,
      slower: [
        {
          path: ['frontend:GET /cart'],
          depth: 0,
          service: 'frontend',
          operation: 'GET /cart',
          baseSpanId: '0000000000000001',
          headSpanId: '00000000000000a1',
          baseMs: 100,
          headMs: 160,
          deltaMs: 60,
          change: 0.6000000000000001,
        },
        {
          path: ['frontend:GET /cart', 'payments:Charge'],
          depth: 1,
          service: 'payments',
          operation: 'Charge',
          baseSpanId: '0000000000000005',
          headSpanId: '00000000000000a6',
          baseMs: 40,
          headMs: 90,
          deltaMs: 50,
          change: 1.25,
        },
      ],
      faster: [
        {
          path: ['frontend:GET /cart', 'cart:GetCart', 'redis:GET'],
          depth: 2,
          service: 'redis',
          operation: 'GET',
          baseSpanId: '0000000000000003',
          headSpanId: '00000000000000a3',
          baseMs: 2,
          headMs: 1,
          deltaMs: -1,
          change: -0.5,
        },
      ],
      added: [{ path: ['frontend:GET /cart', 'cart:GetCart', 'redis:GET#3'], depth: 2, service: 'redis', operation: 'GET', spanId: '00000000000000a5', durationMs: 12, spans: 1 }],
      // The subtree is listed once, at its top, with its size.
      removed: [{ path: ['frontend:GET /cart', 'ads:Fetch'], depth: 1, service: 'ads', operation: 'Fetch', spanId: '0000000000000006', durationMs: 6, spans: 2 }],
      failing: [],
      recovered: [],
      // Base path: root 24 (0-10, 40-50, 90-92, 98-100), Charge 40, GetCart 26, redis 4, ads Fetch 2, ads db 4.
      // Head path: root 40 (0-10, 40-50, 140-160), Charge 90, GetCart 15, redis 15 (12-13, 15-17, 18-30).
      criticalPath: [
        { service: 'payments', operation: 'Charge', baseMs: 40, headMs: 90, deltaMs: 50 },
        { service: 'frontend', operation: 'GET /cart', baseMs: 24, headMs: 40, deltaMs: 16 },
        { service: 'cart', operation: 'GetCart', baseMs: 26, headMs: 15, deltaMs: -11 },
        { service: 'redis', operation: 'GET', baseMs: 4, headMs: 15, deltaMs: 11 },
        { service: 'ads', operation: 'db', baseMs: 4, headMs: 0, deltaMs: -4 },
        { service: 'ads', operation: 'Fetch', baseMs: 2, headMs: 0, deltaMs: -2 },
      ],
    });
  });

  it('failing and recovered: matched spans whose status changed, with the failing side\'s message', () => {
    const base = BASE.map((s) => (s.id === '3' ? { ...s, status: 'error' as const, statusMessage: 'timeout' } : s));
    const head = HEAD.map((s) => (s.id === 'a6' ? { ...s, status: 'error' as const, statusMessage: 'card declined' } : s));
    const d = diffTraces(makeTrace(base), makeTrace(head));
    expect(d.failing).toEqual([
      { path: ['frontend:GET /cart', 'payments:Charge'], depth: 1, service: 'payments', operation: 'Charge', baseSpanId: '0000000000000005', headSpanId: '00000000000000a6', message: 'card declined' },
    ]);
    expect(d.recovered).toEqual([
      { path: ['frontend:GET /cart', 'cart:GetCart', 'redis:GET'], depth: 2, service: 'redis', operation: 'GET', baseSpanId: '0000000000000003', headSpanId: '00000000000000a3', message: 'timeout' },
    ]);
  });

  it('a threshold leaves out changes smaller than that share of the base duration', () => {
    const d = diffTraces(makeTrace(BASE), makeTrace(HEAD), { threshold: 1 });
    // Only Charge changed by 100% or more (+125%); the root +60% and redis −50% are left out.
    expect(d.slower.map((c) => c.path.at(-1))).toEqual(['payments:Charge']);
    expect(d.faster).toEqual([]);
    expect(d.added).toHaveLength(1);
  });

  it('the same trace against itself: everything matched, nothing changed', () => {
    const d = diffTraces(makeTrace(BASE), makeTrace(BASE));
    expect([d.matched, d.slower.length, d.faster.length, d.added.length, d.removed.length, d.failing.length, d.recovered.length, d.criticalPath.length]).toEqual([
      7, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('siblings are told apart by occurrence in start order, not by span id', () => {
    // Head swaps the ids of the two redis calls: the first call is still the first.
    const swapped = HEAD.map((s) => (s.id === 'a3' ? { ...s, id: 'a4' } : s.id === 'a4' ? { ...s, id: 'a3' } : s));
    const d = diffTraces(makeTrace(BASE), makeTrace(swapped));
    expect(d.faster.map((c) => [c.path.at(-1), c.headSpanId])).toEqual([['redis:GET', '00000000000000a4']]);
  });

  it('100,000 spans deep: no recursion, paths keep their last segments after "…"', () => {
    const chain = (trace: string, leafMs: number): SpanSpec[] =>
      Array.from({ length: 100_000 }, (_, i) => ({
        traceId: trace,
        id: (i + 1).toString(16),
        ...(i > 0 ? { parent: i.toString(16) } : {}),
        start: i * 0.001,
        dur: i === 99_999 ? leafMs : 1000 - i * 0.002,
        service: 'svc',
        operation: 'step',
      }));
    const d = diffTraces(makeTrace(chain('b', 5)), makeTrace(chain('h', 3)));
    expect(d.matched).toBe(100_000);
    expect(d.slower).toEqual([]);
    expect(d.faster).toHaveLength(1);
    const leaf = d.faster[0]!;
    expect(leaf.depth).toBe(99_999);
    expect(leaf.deltaMs).toBe(-2);
    expect(leaf.path).toHaveLength(MAX_PATH);
    expect(leaf.path[0]).toBe('…');
    expect(leaf.path.slice(1).every((p) => p === 'svc:step')).toBe(true);
  });
});
