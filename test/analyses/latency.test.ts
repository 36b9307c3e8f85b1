import { describe, expect, it } from 'vitest';
import { LatencyAggregator } from '../../src/analyses/latency.js';
import type { Trace } from '../../src/model/trace.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

/** One single-span trace per duration: trace i starts at i × 100ms. */
function requests(durationsMs: number[], extra: (i: number) => Partial<SpanSpec> = () => ({})): Trace[] {
  return durationsMs.map((dur, i) => makeTrace([{ id: '1', start: i * 100, dur, service: 'api', kind: 'server', traceId: `${i + 1}`.padStart(16, '0'), ...extra(i) }]));
}

function aggregate(traces: Trace[], options: ConstructorParameters<typeof LatencyAggregator>[0] = {}) {
  const agg = new LatencyAggregator(options);
  for (const t of traces) agg.add(t);
  return agg.result();
}

describe('LatencyAggregator', () => {
  it('exact nearest-rank percentiles, mean, max, errors and rate on known data', () => {
    // Durations 1..20ms in shuffled order; traces start every 100ms and the last one (16ms) ends
    // last: the dump spans 0 .. 1900+16 = 1916ms.
    const durations = [7, 3, 20, 1, 15, 9, 12, 4, 18, 2, 11, 6, 19, 14, 5, 17, 8, 13, 10, 16];
    const result = aggregate(requests(durations, (i) => (i % 10 === 0 ? { status: 'error' } : {})));
    expect(result.windowSec).toBe(1.916);
    expect(result.groups).toEqual([
      {
        service: 'api',
        operation: null,
        keys: { service: 'api' },
        count: 20,
        errors: 2,
        errorRate: 0.1,
        meanMs: 10.5,
        maxMs: 20,
        // ranks ⌈0.5·20⌉ = 10, ⌈0.9·20⌉ = 18, ⌈0.95·20⌉ = 19, ⌈0.99·20⌉ = 20
        percentilesMs: { '50': 10, '90': 18, '95': 19, '99': 20 },
        ratePerSec: 20 / 1.916,
      },
    ]);
  });

  it('requested percentiles, keyed as written; 99.9 of 1000 values is rank 999', () => {
    const durations = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const result = aggregate(requests(durations), { percentiles: [1, 99.9, 100] });
    expect(result.groups[0]!.percentilesMs).toEqual({ '1': 10, '99.9': 999, '100': 1000 });
    expect(result.sort).toBe('p100');
  });

  it('entry spans by default, every span with allSpans; by operation', () => {
    const trace = makeTrace([
      { id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET /cart', kind: 'server' },
      { id: '2', parent: '1', start: 2, dur: 8, service: 'frontend', operation: 'render', kind: 'internal' },
      { id: '3', parent: '1', start: 10, dur: 50, service: 'frontend', operation: 'GetCart', kind: 'client' },
      { id: '4', parent: '3', start: 12, dur: 46, service: 'cart', operation: 'GetCart', kind: 'server', status: 'error' },
    ]);
    const entry = aggregate([trace]);
    expect(entry.spans).toBe('entry');
    expect(entry.groups.map((g) => [g.service, g.operation, g.count, g.errors, g.maxMs])).toEqual([
      ['frontend', null, 1, 0, 100],
      ['cart', null, 1, 1, 46],
    ]);
    const all = aggregate([trace], { allSpans: true, by: 'operation' });
    expect(all.spans).toBe('all');
    expect(all.groups.map((g) => [g.service, g.operation, g.count])).toEqual([
      ['frontend', 'GET /cart', 1],
      ['frontend', 'GetCart', 1],
      ['cart', 'GetCart', 1],
      ['frontend', 'render', 1],
    ]);
  });

  it('spans without a duration are left out and counted', () => {
    const trace = makeTrace([
      { id: '1', start: 0, dur: 10, service: 'a', kind: 'server' },
      { id: '2', parent: '1', start: 0, dur: 0, service: 'b', kind: 'server', timing: 'missing' },
      { id: '3', parent: '1', start: 1, dur: 0, service: 'c', kind: 'server', timing: 'no-duration' },
    ]);
    const result = aggregate([trace]);
    expect(result.untimedSpans).toBe(2);
    expect(result.groups.map((g) => g.service)).toEqual(['a']);
  });

  it('sorts by p99 by default (slowest first), or by the key asked for; ties by name', () => {
    const traces = [
      makeTrace([{ id: '1', start: 0, dur: 5, service: 'fast', kind: 'server' }]),
      makeTrace([{ id: '1', start: 0, dur: 50, service: 'slow', kind: 'server', traceId: 'b'.repeat(16) }]),
      makeTrace([{ id: '1', start: 0, dur: 6, service: 'busy', kind: 'server', traceId: 'c'.repeat(16) }]),
      makeTrace([{ id: '1', start: 10, dur: 7, service: 'busy', kind: 'server', traceId: 'd'.repeat(16), status: 'error' }]),
    ];
    expect(aggregate(traces).groups.map((g) => g.service)).toEqual(['slow', 'busy', 'fast']);
    expect(aggregate(traces, { sort: 'count' }).groups.map((g) => g.service)).toEqual(['busy', 'fast', 'slow']);
    expect(aggregate(traces, { sort: 'name' }).groups.map((g) => g.service)).toEqual(['busy', 'fast', 'slow']);
    expect(aggregate(traces, { sort: 'error-rate' }).groups.map((g) => g.service)).toEqual(['busy', 'fast', 'slow']);
    expect(aggregate(traces, { sort: 'p50' as never, percentiles: [50] }).groups.map((g) => g.service)).toEqual(['slow', 'busy', 'fast']);
  });

  it('histogram buckets when asked', () => {
    const result = aggregate(requests([1, 1, 3]), { histogram: true });
    expect(result.groups[0]!.histogram).toEqual([
      { fromMs: 1, toMs: 2, count: 2 },
      { fromMs: 2, toMs: 5, count: 1 },
    ]);
    expect(aggregate(requests([1])).groups[0]!.histogram).toBeUndefined();
  });

  it('a dump that is one instant has no rate', () => {
    expect(aggregate(requests([0])).groups[0]!.ratePerSec).toBeNull();
  });

  it('rejects percentiles outside (0, 100] and a sort by a percentile not asked for', () => {
    expect(() => new LatencyAggregator({ percentiles: [0] })).toThrow(RangeError);
    expect(() => new LatencyAggregator({ percentiles: [101] })).toThrow(RangeError);
    expect(() => new LatencyAggregator({ percentiles: [50], sort: 'p99' })).toThrow('p99');
  });

  it('keeps no spans: a hundred thousand durations in one group', () => {
    const agg = new LatencyAggregator();
    for (let i = 0; i < 100; i++) {
      const specs: SpanSpec[] = [{ id: '1', start: 0, dur: 1000, service: 'root', kind: 'server', traceId: `${i + 1}`.padStart(16, '0') }];
      for (let j = 0; j < 1000; j++) specs.push({ id: `${j + 2}`, parent: '1', start: 0, dur: (j % 100) + 1, service: 'leaf', kind: 'server', traceId: `${i + 1}`.padStart(16, '0') });
      agg.add(makeTrace(specs));
    }
    const leaf = agg.result().groups.find((g) => g.service === 'leaf')!;
    expect(leaf.count).toBe(100_000);
    expect(leaf.percentilesMs).toEqual({ '50': 50, '90': 90, '95': 95, '99': 99 });
  });
});
