/**
 * Whether a span is on the critical path, answered for the spans asked about instead of the whole
 * trace: a screen showing 40 rows of a million-span trace asks about 40 spans (and their ancestors),
 * where `criticalPath` walks and allocates for every span before the first row can be drawn.
 *
 * The answer is `criticalPath(trace).onPath.has(i)`, by the same definition (see critical-path.ts),
 * taken apart node by node. The walk back from the root's end enters a child at the child's own end
 * and comes back to the parent at the child's start whatever happens inside it, so which children a
 * span's walk enters, and whether the span owns any stretch of time, depend only on the span's fitted
 * interval and its children's. A span is on the path when its walk is entered (its parent's walk
 * entered it; the root's is) and it owns a stretch of positive length. Expanding a span computes its
 * children's fitted intervals and which of them are entered; asking about a span expands its
 * unexpanded ancestors top-down first, with an explicit stack (a chain may be a million deep). Each
 * span is expanded once, so asking about every span costs what `criticalPath` does.
 */
import type { SpanNode, Trace } from '../model/trace.js';

export class CriticalPathOnDemand {
  private readonly nodes: readonly SpanNode[];
  /** Fitted start / end offsets (ns); meaningful where entered. */
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  /** 1 when the walk enters the span (its parent is expanded, or it is the root). */
  private readonly entered: Uint8Array;
  /** 1 once the span's children are fitted and its own answer known. */
  private readonly expanded: Uint8Array;
  private readonly onPath: Uint8Array;

  constructor(trace: Trace) {
    const n = trace.nodes.length;
    this.nodes = trace.nodes;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.entered = new Uint8Array(n);
    this.expanded = new Uint8Array(n);
    this.onPath = new Uint8Array(n);
    const root = trace.root;
    this.entered[root.index] = 1;
    this.start[root.index] = root.offsetNs;
    this.end[root.index] = root.offsetNs + root.durationNs;
  }

  /** Whether span `index` owns at least one section of the critical path. */
  has(index: number): boolean {
    if (this.expanded[index] !== 1) {
      // The unexpanded ancestors, nearest first; expanded top-down, each needing its parent's answer.
      const chain: SpanNode[] = [];
      for (let node: SpanNode | undefined = this.nodes[index]; node !== undefined && this.expanded[node.index] !== 1; node = node.parent) chain.push(node);
      for (let k = chain.length - 1; k >= 0; k--) this.expand(chain[k]!);
    }
    return this.onPath[index] === 1;
  }

  private expand(node: SpanNode): void {
    const p = node.index;
    this.expanded[p] = 1;
    // A span the walk never enters owns nothing, and neither do its descendants (entered stays 0).
    if (this.entered[p] !== 1) return;
    const { start, end } = this;
    const parentStart = start[p]!;
    const parentEnd = end[p]!;
    // Fitting (step 2): blocking children overlapping the parent's fitted interval, clipped to it.
    const kept: SpanNode[] = [];
    for (const child of node.children) {
      if (child.async) continue;
      const childStart = child.offsetNs;
      const childEnd = child.offsetNs + child.durationNs;
      if (childStart >= parentEnd || childEnd <= parentStart) continue;
      start[child.index] = Math.max(childStart, parentStart);
      end[child.index] = Math.min(childEnd, parentEnd);
      kept.push(child);
    }
    // Stable sort: equal ends keep the children's start order, as the full walk has them.
    if (kept.length > 1) kept.sort((a, b) => end[b.index]! - end[a.index]!);
    // The walk through this span (step 3): from its end, into the latest-ending eligible child,
    // back at that child's start, and so on; the span owns the stretches in between.
    let point = parentEnd;
    let owns = false;
    let i = 0;
    for (;;) {
      if (point < parentEnd) while (i < kept.length && end[kept[i]!.index]! >= point) i++;
      const child = kept[i];
      if (child === undefined) {
        if (point > parentStart) owns = true;
        break;
      }
      i++;
      if (point > end[child.index]!) owns = true;
      this.entered[child.index] = 1;
      point = start[child.index]!;
    }
    if (owns) this.onPath[p] = 1;
  }
}
