/**
 * A latency histogram on a 1-2-5 logarithmic scale (…, 1ms, 2ms, 5ms, 10ms, …). Latencies spread over
 * orders of magnitude, so equal-width buckets would squeeze everything fast into the first one; on a
 * log scale a service that is usually quick but sometimes waits for a timeout shows two humps.
 * Buckets run from the one holding the fastest value to the one holding the slowest, empty ones in
 * between included so gaps show. Each bucket is [fromMs, toMs): a value on an edge counts upwards.
 */
import { nsToMs } from '../model/time.js';

export interface HistogramBucket {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/** The smallest edge: everything under a microsecond shares the first bucket [0, 1µs). */
const FIRST_EDGE_NS = 1_000;
const STEPS = [1, 2, 5] as const;

/** Buckets for durations in ns, already sorted ascending. */
export function latencyHistogram(sortedNs: ArrayLike<number>): HistogramBucket[] {
  const n = sortedNs.length;
  if (n === 0) return [];
  const edges = edgesCovering(sortedNs[0]!, sortedNs[n - 1]!);
  const buckets: HistogramBucket[] = [];
  let from = 0;
  for (let b = 0; b + 1 < edges.length; b++) {
    const to = lowerBound(sortedNs, edges[b + 1]!, from);
    buckets.push({ fromMs: nsToMs(edges[b]!), toMs: nsToMs(edges[b + 1]!), count: to - from });
    from = to;
  }
  return buckets;
}

/**
 * The whole ladder, 0 first, to the first edge past 2^53 ns (no duration is longer): what a backend
 * counts durations against (src/backends/clickhouse/latency-query.ts) to build the same buckets
 * with histogramFromCounts.
 */
export function histogramEdges(): number[] {
  const edges = [0];
  for (let decade = FIRST_EDGE_NS; edges[edges.length - 1]! <= Number.MAX_SAFE_INTEGER; decade *= 10) {
    for (const step of STEPS) edges.push(decade * step);
  }
  return edges;
}

/**
 * latencyHistogram's buckets from counts per bucket of histogramEdges (index k: durations in
 * [edges[k], edges[k+1])): from the fastest bucket to the slowest, empty ones between included.
 */
export function histogramFromCounts(counts: ReadonlyMap<number, number>): HistogramBucket[] {
  if (counts.size === 0) return [];
  const edges = histogramEdges();
  const indexes = [...counts.keys()];
  const buckets: HistogramBucket[] = [];
  for (let k = Math.min(...indexes); k <= Math.max(...indexes); k++) {
    buckets.push({ fromMs: nsToMs(edges[k]!), toMs: nsToMs(edges[k + 1]!), count: counts.get(k) ?? 0 });
  }
  return buckets;
}

/** Edges e0 < e1 < … with e0 <= min and max < last edge. */
function edgesCovering(minNs: number, maxNs: number): number[] {
  const edges: number[] = [];
  let previous = 0;
  // Walk the 1-2-5 ladder from 0, 1µs, 2µs, 5µs, 10µs, …; keep the edge just at or below min.
  for (let decade = FIRST_EDGE_NS, k = 0; ; k++) {
    const edge = k === 0 ? 0 : decade * STEPS[(k - 1) % 3]!;
    if (k > 0 && (k - 1) % 3 === 2) decade *= 10;
    if (edge > minNs) {
      if (edges.length === 0) edges.push(previous);
      edges.push(edge);
      if (edge > maxNs) return edges;
    }
    previous = edge;
  }
}

/** First index at or after `start` whose value is >= limit (binary search). */
function lowerBound(sorted: ArrayLike<number>, limit: number, start: number): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
