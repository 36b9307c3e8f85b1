/**
 * Clock-skew correction, after Jaeger's adjuster: a child running on another host whose interval does
 * not fit in its parent's was timed by a different clock, so it is shifted into the parent. If the
 * child is longer than the parent it cannot fit, and its start is aligned with the parent's; otherwise
 * it is centred, assuming network latency split evenly between request and response. A child on the
 * same host as its parent inherits the parent's shift. Asynchronous children (FOLLOWS_FROM,
 * producer→consumer) may legitimately outlive their parent, so they are never shifted on their own.
 *
 * Where Jaeger shifts every child that does not fit, tracectl (in model/tree.ts) shifts a server
 * under its client whenever it does not fit, but any other child only when it starts before its
 * parent: a child that starts inside its parent and outlives it, or starts after it ended, is in real
 * dumps fire-and-forget work, and moving it would hide that.
 */

import { finiteNanos } from './time.js';

export interface Interval {
  readonly startNs: bigint;
  readonly durationNs: number;
}

/** The shift (ns) that moves `child` (raw times) into `parent` (already corrected); 0 when it fits. */
export function skewDelta(child: Interval, parent: Interval): number {
  const childEnd = child.startNs + BigInt(child.durationNs);
  const parentEnd = parent.startNs + BigInt(parent.durationNs);
  if (parent.durationNs < child.durationNs) {
    return finiteNanos(parent.startNs - child.startNs);
  }
  if (child.startNs >= parent.startNs && childEnd <= parentEnd) return 0;
  const latency = Math.floor((parent.durationNs - child.durationNs) / 2);
  return finiteNanos(parent.startNs + BigInt(latency) - child.startNs);
}
