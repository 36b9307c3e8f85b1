/**
 * The critical path of one trace: the chain of work the root's end waited for, cut into sections that
 * cover the root's interval exactly. It answers "what made this request slow?" better than the longest
 * span does, because a span only matters while nothing it waits for is still running.
 *
 * The definition is Jaeger UI's, so a trace shows the same path here as in the browser:
 * 1. Children that do not block their parent are left out with their subtrees (`node.async`:
 *    FOLLOWS_FROM children, CONSUMER children of PRODUCER spans).
 * 2. Children are fitted into their parent top-down, using the parent's already-fitted interval: a
 *    child starting at or after the parent's end, or ending at or before its start, is dropped with its
 *    subtree; one overlapping an edge is clipped to the parent's range.
 * 3. Walk back from the root's end. On entering a span at its own end, every kept child may be chosen;
 *    on returning to a span at the start of the child just walked, only children that end strictly
 *    before that point may. The span owns the time from the end of the latest-ending eligible child
 *    (ties: the earliest-starting one) up to the point reached, and the walk enters that child;
 *    with no eligible child the span owns the time back to its own start and the walk returns to its
 *    parent at that start.
 *
 * The point reached only moves backwards, so the sections partition the root's interval with no gap
 * or overlap. Only `trace.root` is walked: other roots (orphans, extra parentless spans) are not on
 * its path. Nothing recurses: a chain a million spans deep is walked with a loop and per-node cursors,
 * and each node's children are sorted by end once, so the walk is O(n log n) however often it returns
 * to a parent.
 */
import type { SpanNode, Trace } from '../model/trace.js';

interface CriticalSection {
  /** The span that owns this stretch of time. */
  readonly node: SpanNode;
  /** Offset from the trace start (ns), inclusive. */
  readonly startNs: number;
  /** Offset from the trace start (ns); always > startNs. */
  readonly endNs: number;
}

export interface CriticalPath {
  /** The span whose interval the sections cover: `trace.root`. */
  readonly root: SpanNode;
  /** Sections in time order; empty when the root lasts 0 ns. */
  readonly sections: readonly CriticalSection[];
  /** `SpanNode.index` of every span that owns at least one section. */
  readonly onPath: ReadonlySet<number>;
}

const NONE: SpanNode[] = [];

export function criticalPath(trace: Trace): CriticalPath {
  const root = trace.root;
  const fitted = fitIntoParents(trace);
  const { start, end } = fitted;

  // Per node: its kept children sorted by fitted end, latest first (ties: earliest start, i.e. the
  // order `children` is already in), built when the walk first enters the node; and a cursor into
  // that list that only moves forward, because the point reached in a node only moves backwards.
  const byEnd: (SpanNode[] | undefined)[] = new Array<SpanNode[] | undefined>(trace.nodes.length);
  const cursor = new Int32Array(trace.nodes.length);

  const reversed: CriticalSection[] = [];
  const own = (node: SpanNode, from: number, to: number): void => {
    if (to > from) reversed.push({ node, startNs: from, endNs: to });
  };

  let node = root;
  let point = end[root.index]!;
  for (;;) {
    let candidates = byEnd[node.index];
    if (candidates === undefined) {
      candidates = node.children.length === 0 ? NONE : node.children.filter((c) => fitted.kept[c.index] === 1);
      // Stable sort: equal ends keep the children's start order.
      if (candidates.length > 1) candidates.sort((a, b) => end[b.index]! - end[a.index]!);
      byEnd[node.index] = candidates;
    }
    let i = cursor[node.index]!;
    // Entering at the node's own end, every child is eligible (all end at or before it). Returning
    // at a child's start (always before the node's end), those ending at or after it are not.
    if (point < end[node.index]!) while (i < candidates.length && end[candidates[i]!.index]! >= point) i++;
    cursor[node.index] = i;

    const child = candidates[i];
    if (child !== undefined) {
      cursor[node.index] = i + 1;
      own(node, end[child.index]!, point);
      node = child;
      point = end[child.index]!;
      continue;
    }
    own(node, start[node.index]!, point);
    if (node === root) break;
    point = start[node.index]!;
    node = node.parent!;
  }

  const sections = reversed.reverse();
  const onPath = new Set<number>();
  for (const s of sections) onPath.add(s.node.index);
  return { root, sections, onPath };
}

interface Fitted {
  /** 1 when the node is in the root's blocking subtree and overlaps its parent. */
  readonly kept: Uint8Array;
  /** Fitted start / end offsets (ns) by node index; meaningful where kept. */
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/**
 * Step 1 and 2: which spans take part, and their intervals clipped into their (clipped) parents.
 * `trace.nodes` is in depth-first order, so a parent is always fitted before its children.
 */
function fitIntoParents(trace: Trace): Fitted {
  const n = trace.nodes.length;
  const kept = new Uint8Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const root = trace.root;
  kept[root.index] = 1;
  start[root.index] = root.offsetNs;
  end[root.index] = root.offsetNs + root.durationNs;
  for (const node of trace.nodes) {
    const parent = node.parent;
    if (parent === undefined || node.async || kept[parent.index] !== 1) continue;
    const childStart = node.offsetNs;
    const childEnd = node.offsetNs + node.durationNs;
    const parentStart = start[parent.index]!;
    const parentEnd = end[parent.index]!;
    if (childStart >= parentEnd || childEnd <= parentStart) continue;
    kept[node.index] = 1;
    start[node.index] = Math.max(childStart, parentStart);
    end[node.index] = Math.min(childEnd, parentEnd);
  }
  return { kept, start, end };
}
