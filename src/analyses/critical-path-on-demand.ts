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

/** Spans a page of the per-span arrays holds (2^12). */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

/** Per-span state: fitted start and end (ns), and flags. */
interface Page {
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** ENTERED | EXPANDED | ON_PATH bits. */
  readonly flags: Uint8Array;
}

/** The walk enters the span (its parent's walk chose it, or it is the root). */
const ENTERED = 1;
/** The span's children are fitted and its own answer is known. */
const EXPANDED = 2;
const ON_PATH = 4;

export class CriticalPathOnDemand {
  private readonly nodes: readonly SpanNode[];
  /**
   * The state of the spans asked about and their kin, in pages made when first written: a screen's
   * first frame touches a page or two, not arrays as long as the trace (allocating those would make
   * the garbage collector walk the whole heap holding the trace).
   */
  private readonly pages: (Page | undefined)[];

  constructor(trace: Trace) {
    this.nodes = trace.nodes;
    this.pages = new Array<Page | undefined>(Math.ceil(trace.nodes.length / PAGE));
    const root = trace.root;
    this.set(root.index, ENTERED, root.offsetNs, root.offsetNs + root.durationNs);
  }

  private flags(i: number): number {
    return this.pages[i >>> PAGE_BITS]?.flags[i & (PAGE - 1)] ?? 0;
  }

  private page(i: number): Page {
    const at = i >>> PAGE_BITS;
    let page = this.pages[at];
    if (page === undefined) this.pages[at] = page = { start: new Float64Array(PAGE), end: new Float64Array(PAGE), flags: new Uint8Array(PAGE) };
    return page;
  }

  private set(i: number, flag: number, start?: number, end?: number): void {
    const page = this.page(i);
    const k = i & (PAGE - 1);
    page.flags[k] = page.flags[k]! | flag;
    if (start !== undefined) page.start[k] = start;
    if (end !== undefined) page.end[k] = end;
  }

  private startOf(i: number): number {
    return this.page(i).start[i & (PAGE - 1)]!;
  }

  private endOf(i: number): number {
    return this.page(i).end[i & (PAGE - 1)]!;
  }

  /** Whether span `index` owns at least one section of the critical path. */
  has(index: number): boolean {
    if ((this.flags(index) & EXPANDED) === 0) {
      // The unexpanded ancestors, nearest first; expanded top-down, each needing its parent's answer.
      const chain: SpanNode[] = [];
      for (let node: SpanNode | undefined = this.nodes[index]; node !== undefined && (this.flags(node.index) & EXPANDED) === 0; node = node.parent) chain.push(node);
      for (let k = chain.length - 1; k >= 0; k--) this.expand(chain[k]!);
    }
    return (this.flags(index) & ON_PATH) !== 0;
  }

  private expand(node: SpanNode): void {
    const p = node.index;
    // A span the walk never enters owns nothing, and neither do its descendants (never entered).
    if ((this.flags(p) & ENTERED) === 0) {
      this.set(p, EXPANDED);
      return;
    }
    const parentStart = this.startOf(p);
    const parentEnd = this.endOf(p);
    // Fitting (step 2): blocking children overlapping the parent's fitted interval, clipped to it.
    const kept: SpanNode[] = [];
    const ends: number[] = [];
    for (const child of node.children) {
      if (child.async) continue;
      const childStart = child.offsetNs;
      const childEnd = child.offsetNs + child.durationNs;
      if (childStart >= parentEnd || childEnd <= parentStart) continue;
      kept.push(child);
      ends.push(Math.min(childEnd, parentEnd));
    }
    // By end, latest first; a stable sort: equal ends keep the children's start order, as the full walk has them.
    const order = kept.map((_, k) => k);
    if (order.length > 1) order.sort((a, b) => ends[b]! - ends[a]!);
    // The walk through this span (step 3): from its end, into the latest-ending eligible child,
    // back at that child's start, and so on; the span owns the stretches in between.
    let point = parentEnd;
    let owns = false;
    let i = 0;
    for (;;) {
      if (point < parentEnd) while (i < order.length && ends[order[i]!]! >= point) i++;
      const k = order[i];
      if (k === undefined) {
        if (point > parentStart) owns = true;
        break;
      }
      i++;
      const child = kept[k]!;
      const childStart = Math.max(child.offsetNs, parentStart);
      if (point > ends[k]!) owns = true;
      this.set(child.index, ENTERED, childStart, ends[k]!);
      point = childStart;
    }
    this.set(p, EXPANDED | (owns ? ON_PATH : 0));
  }
}
