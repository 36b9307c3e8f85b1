import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogramEdges, histogramFromCounts, latencyHistogram } from '../../src/analyses/histogram.js';

const ms = (values: number[]): Float64Array => Float64Array.from(values.map((v) => v * 1e6)).sort();

describe('latencyHistogram', () => {
  it('1-2-5 buckets from the fastest to the slowest value; a value on an edge counts upwards', () => {
    expect(latencyHistogram(ms([1, 1.5, 2, 4.9, 5]))).toEqual([
      { fromMs: 1, toMs: 2, count: 2 },
      { fromMs: 2, toMs: 5, count: 2 },
      { fromMs: 5, toMs: 10, count: 1 },
    ]);
  });

  it('a bimodal service shows two humps with the empty buckets between them', () => {
    const fast = Array.from({ length: 6 }, () => 3);
    const slow = Array.from({ length: 3 }, () => 1200);
    expect(latencyHistogram(ms([...fast, ...slow])).map((b) => [b.fromMs, b.count])).toEqual([
      [2, 6],
      [5, 0],
      [10, 0],
      [20, 0],
      [50, 0],
      [100, 0],
      [200, 0],
      [500, 0],
      [1000, 3],
    ]);
  });

  it('under a microsecond shares the first bucket from 0', () => {
    expect(latencyHistogram(Float64Array.from([0, 0, 999]))).toEqual([{ fromMs: 0, toMs: 0.001, count: 3 }]);
  });

  it('no values, no buckets', () => {
    expect(latencyHistogram(new Float64Array(0))).toEqual([]);
  });
});

describe('histogramFromCounts', () => {
  it('builds the buckets latencyHistogram builds, from counts per edge of the whole ladder', () => {
    const edges = histogramEdges();
    expect(edges.slice(0, 5)).toEqual([0, 1_000, 2_000, 5_000, 10_000]);
    expect(edges[edges.length - 1]!).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(1_000, 2_000, 5_000_000)), { minLength: 1, maxLength: 50 }), (values) => {
        const counts = new Map<number, number>();
        for (const v of values) {
          const k = edges.filter((e) => e <= v).length - 1;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        expect(histogramFromCounts(counts)).toEqual(latencyHistogram(Float64Array.from(values).sort()));
      }),
    );
  });
});
