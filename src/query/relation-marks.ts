/**
 * `has descendant (…)`, `has ancestor (…)`, `has child (…)`, `has parent (…)` for every span of a
 * trace at once: the inner condition is evaluated once per span, then one linear pass over
 * `trace.nodes` (depth-first pre-order: a parent always comes before its children) spreads the
 * answer. No recursion and no per-span walk, so a million-deep chain costs two passes, not n².
 *
 *   descendant: walk backwards; a node marks its parent if it matches or has a matching descendant.
 *   ancestor:   walk forwards; a node is marked if its parent matches or has a matching ancestor.
 */
import type { Relation } from './ast.js';
import type { SpanNode, Trace } from '../model/trace.js';

export function relationMarks(trace: Trace, matches: (node: SpanNode, trace: Trace) => boolean, relation: Relation): Uint8Array {
  const nodes = trace.nodes;
  const hit = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) if (matches(nodes[i]!, trace)) hit[i] = 1;
  const marks = new Uint8Array(nodes.length);
  switch (relation) {
    case 'child':
      for (const node of nodes) if (hit[node.index] === 1 && node.parent !== undefined) marks[node.parent.index] = 1;
      break;
    case 'parent':
      for (const node of nodes) if (node.parent !== undefined && hit[node.parent.index] === 1) marks[node.index] = 1;
      break;
    case 'descendant':
      for (let i = nodes.length - 1; i >= 0; i--) {
        const node = nodes[i]!;
        if (node.parent !== undefined && (hit[i] === 1 || marks[i] === 1)) marks[node.parent.index] = 1;
      }
      break;
    case 'ancestor':
      for (const node of nodes) {
        const p = node.parent;
        if (p !== undefined && (hit[p.index] === 1 || marks[p.index] === 1)) marks[node.index] = 1;
      }
      break;
  }
  return marks;
}
