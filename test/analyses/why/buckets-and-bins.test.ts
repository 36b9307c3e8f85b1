import { describe, expect, it } from 'vitest';
import { bucketEdgeNs, DURATION_BUCKETS, durationBucket } from '../../../src/analyses/why/duration-buckets.js';
import { binEdge, binEdgeText, valueBin, ZERO_BIN } from '../../../src/analyses/why/value-bins.js';
import { durationLiteral } from '../../../src/analyses/why/where-text.js';
import { tokenize } from '../../../src/query/lexer.js';

describe('duration buckets: three significant digits', () => {
  it.each([
    [0, 0],
    [1, 1],
    [999, 999],
    [1000, 1000],
    [1009, 1000],
    [1010, 1010],
    [9999, 9990],
    [412_345_678, 412_000_000],
    [412_999_999, 412_000_000],
    [413_000_000, 413_000_000],
    [1_234_567_890_123, 1_230_000_000_000],
  ])('%d ns falls in the bucket whose edge is %d ns', (ns, edge) => {
    expect(bucketEdgeNs(durationBucket(ns))).toBe(edge);
  });

  it('buckets grow with the duration, and every edge is in its own bucket', () => {
    let last = -1;
    for (let ns = 0; ns < 5e6; ns = ns < 2000 ? ns + 1 : Math.ceil(ns * 1.003)) {
      const b = durationBucket(ns);
      expect(b).toBeGreaterThanOrEqual(last);
      expect(bucketEdgeNs(b)).toBeLessThanOrEqual(ns);
      expect(durationBucket(bucketEdgeNs(b))).toBe(b);
      last = b;
    }
  });

  it('the largest duration the model allows (2^53 ns) still has a bucket', () => {
    const b = durationBucket(2 ** 53);
    expect(b).toBeLessThan(DURATION_BUCKETS);
    expect(bucketEdgeNs(b)).toBe(9_000_000_000_000_000);
  });

  it('a bucket edge written as a --where duration reads back as the same nanoseconds', () => {
    for (const ns of [0, 7, 999, 1000, 12_300, 412_000_000, 1_230_000_000, 125_000_000_000, 9_990_000]) {
      const text = durationLiteral(bucketEdgeNs(durationBucket(ns)));
      const [token] = tokenize(text);
      expect(token?.type).toBe('duration');
      expect(token?.value).toBe(bucketEdgeNs(durationBucket(ns)));
    }
    expect(durationLiteral(412_000_000)).toBe('412ms');
    expect(durationLiteral(1_230_000_000)).toBe('1.23s');
    expect(durationLiteral(12_300)).toBe('12.3us');
    expect(durationLiteral(125_000_000_000)).toBe('125s');
  });
});

describe('numeric bins: 1, 1.5, 2, 3, 5, 7 times a power of ten', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [1.4, '1'],
    [1.5, '1.5'],
    [6.99, '5'],
    [7, '7'],
    [1_499_999, '1000000'],
    [1_500_000, '1500000'],
    [0.0031, '0.003'],
    [-1, '-1'],
    [-1.2, '-1.5'],
    [-0.0001, '-0.0001'],
  ])('%d is in the bin whose lower edge is %s', (x, edge) => {
    const bin = valueBin(x);
    expect(binEdgeText(bin)).toBe(edge);
    expect(binEdge(bin)).toBe(Number(edge));
    expect(binEdge(bin)).toBeLessThanOrEqual(x);
    expect(binEdge(bin + 1)).toBeGreaterThan(x);
  });

  it('bins are ordered as their edges, through zero', () => {
    const xs = [-3e9, -70, -1.5, -1, -0.2, 0, 1e-9, 0.2, 1, 1.5, 70, 3e9, 1.7e308];
    const bins = xs.map(valueBin);
    for (let i = 1; i < bins.length; i++) expect(bins[i]).toBeGreaterThan(bins[i - 1]!);
    expect(valueBin(0)).toBe(ZERO_BIN);
    expect(valueBin(Number.NaN)).toBe(-1);
    expect(valueBin(Infinity)).toBe(-1);
  });

  it('edge texts are plain decimals the --where lexer reads as the same number', () => {
    for (const x of [1e-300, 3e-7, 0.015, 7, 15, 2e20, 5e300]) {
      const text = binEdgeText(valueBin(x));
      expect(text).toMatch(/^-?\d+(\.\d+)?$/);
      const [token] = tokenize(text);
      expect(token).toMatchObject({ type: 'number', value: binEdge(valueBin(x)) });
    }
  });
});
