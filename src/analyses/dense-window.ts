/**
 * Where the bulk of a waterfall's spans lies: the shortest window of time that wholly holds a given
 * share of them. One late span (a retry minutes later, a forgotten timer) stretches the axis until
 * every other bar is a sliver; comparing this window with the axis says so, and gives the --zoom that
 * makes the bars readable again.
 *
 * Exact, in O(n log k): a shortest window can start at some span's start, so sweeping starts from the
 * latest down while a max-heap keeps the k smallest ends among the spans seen, the window from the
 * current start to the heap's top holds k spans and is the shortest that starts there.
 */

export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

export interface DenseWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** Spans wholly inside it. */
  readonly count: number;
}

/** The shortest window holding ceil(share × n) of the intervals; undefined when there are none. */
export function denseWindow(intervals: readonly Interval[], share: number): DenseWindow | undefined {
  const n = intervals.length;
  if (n === 0) return undefined;
  const k = Math.min(n, Math.max(1, Math.ceil(share * n)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => intervals[b]!.startMs - intervals[a]!.startMs);
  const heap = new MaxHeap(k);
  let best: DenseWindow | undefined;
  for (const i of order) {
    const { startMs, endMs } = intervals[i]!;
    heap.offer(Math.max(startMs, endMs));
    if (heap.size < k) continue;
    const top = heap.top();
    if (best === undefined || top - startMs < best.endMs - best.startMs) best = { startMs, endMs: top, count: k };
  }
  return best;
}

/** A max-heap keeping the `limit` smallest values offered to it. */
class MaxHeap {
  private readonly items: number[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.items.length;
  }

  top(): number {
    return this.items[0]!;
  }

  offer(value: number): void {
    const a = this.items;
    if (a.length < this.limit) {
      a.push(value);
      let i = a.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (a[p]! >= a[i]!) break;
        [a[p], a[i]] = [a[i]!, a[p]!];
        i = p;
      }
      return;
    }
    if (value >= a[0]!) return;
    a[0] = value;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]! > a[m]!) m = l;
      if (r < a.length && a[r]! > a[m]!) m = r;
      if (m === i) break;
      [a[m], a[i]] = [a[i]!, a[m]!];
      i = m;
    }
  }
}
