/**
 * Self time: how long a span was busy with nothing else of its own subtree running — its duration
 * minus the union of its children's intervals clipped to it. Summing plain durations counts a parent
 * and the children it waits for twice; self time is what Jaeger UI's Trace Statistics call "ST" and
 * what tells which service's own code was slow.
 *
 * Every child counts, async ones included: while a FOLLOWS_FROM child runs inside the parent's window,
 * the parent's interval is covered by recorded work. A child entirely outside the parent covers
 * nothing; overlapping children are counted once (union, not sum), so self time is never below 0.
 */
import type { SpanNode, Trace } from '../model/trace.js';

/** Self time (ns) of every span, by `SpanNode.index`. One pass over the nodes, no recursion. */
export function selfTimes(trace: Trace): Float64Array {
  const out = new Float64Array(trace.nodes.length);
  for (const node of trace.nodes) out[node.index] = selfTimeOf(node);
  return out;
}

/** Self time (ns) of one span: a screen showing one span need not measure a million. */
export function selfTimeOf(node: SpanNode): number {
  const from = node.offsetNs;
  const to = node.offsetNs + node.durationNs;
  // `children` are sorted by start, so one sweep merges their clipped intervals.
  let covered = 0;
  let runStart = 0;
  let runEnd = -Infinity;
  for (const child of node.children) {
    const s = Math.max(child.offsetNs, from);
    const e = Math.min(child.offsetNs + child.durationNs, to);
    if (e <= s) continue;
    if (s > runEnd) {
      if (runEnd > runStart) covered += runEnd - runStart;
      runStart = s;
      runEnd = e;
    } else if (e > runEnd) {
      runEnd = e;
    }
  }
  if (runEnd > runStart) covered += runEnd - runStart;
  return Math.max(0, node.durationNs - covered);
}
