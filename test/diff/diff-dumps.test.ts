import { describe, expect, it } from 'vitest';
import { diffDumps } from '../../src/diff/diff-dumps.js';
import { profileDump } from '../../src/diff/dump-profile.js';
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { checkoutSpans, type CheckoutOptions } from '../helpers/checkout-dumps.js';
import { makeTrace } from '../helpers/make-span.js';

function tracesOf(spans: readonly Span[]): Trace[] {
  const byTrace = new Map<string, Span[]>();
  for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
  return [...byTrace].map(([id, list]) => buildTrace(id, list, { adjustClockSkew: false }).result);
}

const profile = (options: CheckoutOptions) => profileDump(tracesOf(checkoutSpans(options)));
const BASE = { traces: 300, seed: 1 };
const CHANGED = { traces: 300, seed: 3, slower: { operation: 'payments/Charge', factor: 2 }, failing: { operation: 'inventory/Reserve', rate: 0.3 } };
const UNCHANGED = { traces: 300, seed: 2 };

const row = (o: { service: string; operation: string }): string => `${o.service}/${o.operation}`;

describe('diffDumps: a generated pair where Charge is made 2x slower and Reserve starts failing', () => {
  const d = diffDumps(profile(BASE), profile(CHANGED));

  it('puts those two first, significant, as regressions; the root that waits for Charge follows', () => {
    expect(d.operations.map((o) => [row(o), o.latency.significant, o.errorRate.significant, o.regression])).toEqual([
      ['payments/Charge', true, false, true],
      ['inventory/Reserve', false, true, true],
      ['frontend/GET /checkout', true, false, true],
      ['cart/GetCart', false, false, false],
      ['shipping/Quote', false, false, false],
    ]);
    expect(d.regressions).toBe(3);
  });

  it('Charge: twice as slow at every percentile, every test statistic pointing the same way', () => {
    const charge = d.operations[0]!;
    expect(charge.base).toEqual({ count: 300, errors: 0, errorRate: 0, p50Ms: 19.865, p90Ms: 27.455, p99Ms: 33.31 });
    expect(charge.head).toEqual({ count: 300, errors: 0, errorRate: 0, p50Ms: 40.236, p90Ms: 56.554, p99Ms: 66.778 });
    expect(charge.p50DeltaMs).toBeCloseTo(20.371, 9);
    // p50 +102.5%, p90 +106.0%, p99 +100.5%: the largest is p90's.
    expect(charge.latencyChange).toBeCloseTo(56.554 / 27.455 - 1, 12);
    expect(charge.impact).toBe(charge.latencyChange);
    expect(charge.latency).toMatchObject({ u: 87900, method: 'normal', significant: true });
    // 87,900 of 90,000 pairs have the head slower.
    expect(charge.latency.effect).toBeCloseTo((2 * 87900) / 90000 - 1, 12);
    expect(charge.latency.pValue).toBeLessThan(1e-80);
  });

  it('Reserve: 86 of 300 requests fail (28.7 points more); its latency did not change', () => {
    const reserve = d.operations[1]!;
    expect(reserve.head.errors).toBe(86);
    expect(reserve.errorRateDelta).toBeCloseTo(86 / 300, 12);
    expect(reserve.impact).toBeCloseTo(86 / 300, 12);
    expect(reserve.errorRate.pValue).toBeLessThan(1e-20);
    expect(reserve.latency.pValue).toBeGreaterThan(0.3);
  });

  it('Charge takes a larger share of the critical path, the root a smaller one', () => {
    expect(d.criticalPath.slice(0, 2).map((c) => [row(c), Math.sign(c.shareDelta)])).toEqual([
      ['payments/Charge', 1],
      ['frontend/GET /checkout', -1],
    ]);
    expect(d.criticalPath[0]!.shareDelta).toBeCloseTo(0.22629952929903424 - 0.12745258605557966, 12);
    // Shares of each dump add up to the whole path.
    const sum = (key: 'baseShare' | 'headShare'): number => d.criticalPath.reduce((s, c) => s + c[key], 0);
    expect(sum('baseShare')).toBeCloseTo(1, 12);
    expect(sum('headShare')).toBeCloseTo(1, 12);
  });

  it('--threshold 20% keeps the two changes that large and hides the rest', () => {
    const t = diffDumps(profile(BASE), profile(CHANGED), { threshold: 0.2 });
    expect(t.operations.map(row)).toEqual(['payments/Charge', 'inventory/Reserve']);
    expect(t.hidden).toBe(3);
    expect(t.regressions).toBe(2);
    // Critical-path shares moved by less than 20 points.
    expect(t.criticalPath).toEqual([]);
  });

  it('the same change is found whatever the seeds', () => {
    for (const [a, b] of [
      [11, 12],
      [21, 22],
      [31, 32],
    ] as const) {
      const x = diffDumps(profile({ ...BASE, seed: a }), profile({ ...CHANGED, seed: b }));
      expect(x.operations.slice(0, 2).map(row), `seeds ${a} ${b}`).toEqual(['payments/Charge', 'inventory/Reserve']);
      expect(x.operations.slice(0, 2).every((o) => o.regression)).toBe(true);
    }
  });
});

describe('diffDumps: an unchanged pair (same flow, other seeds)', () => {
  it('reports nothing significant: every p-value is above 1% even before the correction', () => {
    const d = diffDumps(profile(BASE), profile(UNCHANGED));
    expect(d.operations).toHaveLength(5);
    expect(d.operations.filter((o) => o.latency.significant || o.errorRate.significant)).toEqual([]);
    expect(d.operations.every((o) => o.latency.pValue > 0.01 && o.errorRate.pValue > 0.01)).toBe(true);
    expect(d.regressions).toBe(0);
    expect(d.appeared).toEqual([]);
    expect(d.disappeared).toEqual([]);
  });

  it('nor for other seeds', () => {
    for (const seed of [4, 5, 6, 7, 8]) {
      const d = diffDumps(profile(BASE), profile({ ...UNCHANGED, seed }));
      expect(d.operations.filter((o) => o.latency.significant || o.errorRate.significant).map(row), `seed ${seed}`).toEqual([]);
    }
  });

  it('a dump against itself: nothing moved at all', () => {
    const d = diffDumps(profile(BASE), profile(BASE));
    expect(d.operations.map((o) => [o.impact, o.latency.pValue, o.latency.effect])).toEqual(Array.from({ length: 5 }, () => [0, 1, 0]));
    expect(d.criticalPath.every((c) => c.shareDelta === 0)).toBe(true);
  });
});

describe('profileDump --where', () => {
  it('counts only the selected spans, and only traces that have one', () => {
    const traces = tracesOf(checkoutSpans({ traces: 20, seed: 1, failing: { operation: 'inventory/Reserve', rate: 0.5 } }));
    const failed = profileDump(traces, { where: (node) => node.span.status === 'error' });
    const all = profileDump(traces);
    expect([...failed.operations.keys()]).toEqual(['inventory\u0000Reserve']);
    const reserve = failed.operations.get('inventory\u0000Reserve')!;
    expect(reserve.group.count).toBe(reserve.group.errors);
    expect(failed.traces).toBe(reserve.group.count);
    expect(all.traces).toBe(20);
  });
});

describe('diffDumps: operations that appear or disappear', () => {
  it('are listed apart, most requests first, with their numbers', () => {
    const server = { kind: 'server' as const };
    const base = profileDump([
      makeTrace([{ traceId: '1', id: '1', start: 0, dur: 10, service: 'api', operation: 'GET', ...server }]),
      makeTrace([{ traceId: '2', id: '1', start: 0, dur: 30, service: 'legacy', operation: 'Old', status: 'error', ...server }]),
    ]);
    const head = profileDump([
      makeTrace([{ traceId: '1', id: '1', start: 0, dur: 10, service: 'api', operation: 'GET', ...server }]),
      makeTrace([{ traceId: '3', id: '1', start: 0, dur: 5, service: 'new', operation: 'Fresh', ...server }]),
      makeTrace([{ traceId: '4', id: '1', start: 0, dur: 7, service: 'new', operation: 'Fresh', ...server }]),
    ]);
    const d = diffDumps(base, head);
    expect(d.appeared).toEqual([{ service: 'new', operation: 'Fresh', count: 2, errors: 0, errorRate: 0, p50Ms: 5, p90Ms: 7, p99Ms: 7 }]);
    expect(d.disappeared).toEqual([{ service: 'legacy', operation: 'Old', count: 1, errors: 1, errorRate: 1, p50Ms: 30, p90Ms: 30, p99Ms: 30 }]);
    expect(d.operations.map(row)).toEqual(['api/GET']);
    expect(d.base).toEqual({ traces: 2, operations: 2 });
    expect(d.head).toEqual({ traces: 3, operations: 2 });
  });
});
