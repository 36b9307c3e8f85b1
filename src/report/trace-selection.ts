/**
 * Which traces a report carries whole. A big dump has far more traces than a page should hold, and
 * the ones a reader opens first are the slowest and the failing; a sample of the rest shows what
 * normal looks like. Fed one trace at a time, it keeps at most `max` candidates of each kind, so
 * memory follows `max`, not the dump:
 * - the slowest (longest duration; ties: earliest start, then id),
 * - the failing (a failed span; those whose failure reached a root first, then the slowest),
 * - a sample: the traces whose id hashes lowest (bottom-k sampling: uniform, and the same for the
 *   same input whatever order it was read in).
 * In the end a third of the places go to each kind in that order, and places a kind cannot fill
 * go to the next; a trace chosen for one kind is not chosen again. With `max` or fewer traces
 * every trace is kept.
 */
import type { Trace } from '../model/trace.js';
import type { EmbedReason } from './report-data.js';

export interface Chosen {
  readonly trace: Trace;
  readonly reason: EmbedReason;
}

interface Candidate {
  readonly trace: Trace;
  /** Sort key: smaller is better; ties go to the earlier start, then the smaller id. */
  readonly key: readonly number[];
}

/** Keeps the `max` best candidates (smallest keys) in a heap with the worst kept on top. */
class Best {
  private readonly heap: Candidate[] = [];
  constructor(private readonly max: number) {}

  offer(c: Candidate): void {
    const heap = this.heap;
    if (heap.length < this.max) {
      heap.push(c);
      let i = heap.length - 1;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (compare(heap[up]!, heap[i]!) >= 0) break;
        [heap[up], heap[i]] = [heap[i]!, heap[up]!];
        i = up;
      }
      return;
    }
    if (compare(c, heap[0]!) >= 0) return;
    heap[0] = c;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && compare(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && compare(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) break;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  }

  /** Best first. */
  sorted(): Candidate[] {
    return [...this.heap].sort(compare);
  }
}

function compare(a: Candidate, b: Candidate): number {
  for (let i = 0; i < a.key.length; i++) {
    const d = a.key[i]! - b.key[i]!;
    if (d !== 0) return d;
  }
  return byStart(a.trace, b.trace);
}

function byStart(a: Trace, b: Trace): number {
  if (a.startNs !== b.startNs) return a.startNs < b.startNs ? -1 : 1;
  return a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0;
}

/** FNV-1a over the id: a stable pseudo-random rank. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class TraceSelector {
  private readonly slowest: Best;
  private readonly failing: Best;
  private readonly sample: Best;

  /** `max`: traces to choose; `listed`: how many of the slowest and failing to list at least. */
  constructor(
    readonly max: number,
    listed = 0,
  ) {
    const keep = Math.max(max, listed);
    this.slowest = new Best(keep);
    this.failing = new Best(keep);
    this.sample = new Best(max);
  }

  /** The n slowest traces, slowest first. */
  slowestTraces(n: number): Trace[] {
    return this.slowest.sorted().slice(0, n).map((c) => c.trace);
  }

  /** The n failing traces shown first: those with error chains, then the slowest. */
  failingTraces(n: number): Trace[] {
    return this.failing.sorted().slice(0, n).map((c) => c.trace);
  }

  /** `chains`: the trace has an error chain (a failure that reached a root). */
  add(trace: Trace, chains: boolean): void {
    this.slowest.offer({ trace, key: [-trace.durationNs] });
    if (trace.errorCount > 0) this.failing.offer({ trace, key: [chains ? 0 : 1, -trace.durationNs] });
    this.sample.offer({ trace, key: [idHash(trace.traceId)] });
  }

  /** The chosen traces with why, ordered by start time (then id). */
  chosen(): Chosen[] {
    const picked = new Map<string, Chosen>();
    const kinds: [EmbedReason, Candidate[]][] = [
      ['slowest', this.slowest.sorted()],
      ['failing', this.failing.sorted()],
      ['sample', this.sample.sorted()],
    ];
    const share = Math.ceil(this.max / 3);
    // Only `max` of the kept candidates may be chosen (more are kept only to be listed).
    for (const kind of kinds) kind[1] = kind[1].slice(0, this.max);
    const next = kinds.map(() => 0);
    const taken = kinds.map(() => 0);
    // First a third each, in order; then whatever is left, in the same order.
    for (const limit of [share, this.max]) {
      kinds.forEach(([reason, items], k) => {
        while (next[k]! < items.length && taken[k]! < limit && picked.size < this.max) {
          const c = items[next[k]!++]!;
          if (picked.has(c.trace.traceId)) continue;
          picked.set(c.trace.traceId, { trace: c.trace, reason });
          taken[k]!++;
        }
      });
    }
    return [...picked.values()].sort((a, b) => byStart(a.trace, b.trace));
  }
}
