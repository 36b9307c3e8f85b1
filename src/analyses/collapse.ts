/**
 * `--collapse`: the N+1 query case. A request that calls the database 400 times in a loop shows as
 * 400 identical sibling rows; what a reader needs is one row saying "400 calls, this much time in
 * total, this slow at worst". A run is consecutive shown siblings (in start order) with the same
 * service and operation; a run of two or more becomes one group, and the spans below its members are
 * folded into it too (the group stands for the whole loop). One pass over the depth-first node list,
 * no recursion.
 */
import type { SpanNode, Trace } from '../model/trace.js';

export interface CollapsedGroup {
  /** The sibling spans folded into the row, in start order (at least two). */
  readonly members: readonly SpanNode[];
  /** Shown spans below the members, folded away with them. */
  readonly descendants: number;
}

export interface Collapse {
  /** The group a node starts (keyed by its first member's index). */
  readonly groupAt: ReadonlyMap<number, CollapsedGroup>;
  /** folded[i] === 1: node i is not a row of its own (a later member of a group, or below a member). */
  readonly folded: Uint8Array;
}

/** Groups runs of same-service, same-operation siblings among the shown nodes (`keep[i] === 1`). */
export function collapseRuns(trace: Trace, keep: Uint8Array): Collapse {
  const nodes = trace.nodes;
  const memberOf = new Int32Array(nodes.length).fill(-1);
  const groups: { members: SpanNode[]; descendants: number }[] = [];

  const scan = (siblings: readonly SpanNode[]): void => {
    let run: SpanNode[] = [];
    const flush = (): void => {
      if (run.length >= 2) {
        for (const m of run) memberOf[m.index] = groups.length;
        groups.push({ members: run, descendants: 0 });
      }
      run = [];
    };
    for (const node of siblings) {
      if (keep[node.index] !== 1) continue;
      const first = run[0];
      if (first !== undefined && (first.span.service !== node.span.service || first.span.operation !== node.span.operation)) flush();
      run.push(node);
    }
    flush();
  };
  scan(trace.roots);
  for (const node of nodes) if (keep[node.index] === 1 && node.children.length > 1) scan(node.children);

  // Depth-first order: a node's parent is settled before the node.
  const groupOf = new Int32Array(nodes.length).fill(-1);
  const folded = new Uint8Array(nodes.length);
  const groupAt = new Map<number, CollapsedGroup>();
  for (const node of nodes) {
    const i = node.index;
    // Below a member of a group: folded into that group, even if it starts a run of its own.
    const above = node.parent === undefined ? -1 : groupOf[node.parent.index]!;
    if (above >= 0) {
      groupOf[i] = above;
      folded[i] = 1;
      if (keep[i] === 1) groups[above]!.descendants++;
      continue;
    }
    const own = memberOf[i]!;
    if (own >= 0) {
      groupOf[i] = own;
      const group = groups[own]!;
      if (group.members[0] === node) groupAt.set(i, group);
      else folded[i] = 1;
    }
  }
  return { groupAt, folded };
}
