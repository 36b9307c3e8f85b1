/**
 * Clock-skew correction: when a child's times break causality under one clock, its host's clock was
 * off, and the child is shifted into its parent. Only then: on one clock a child never starts
 * before its parent, and a server never starts after its client has its answer; anything else one
 * clock produces all the time (an HTTP server span ends a moment after its client's, once the
 * response is flushed; a server outlives a client that timed out; work outlives the request that
 * started it), and moving it would invent skew. Zipkin corrects on the same evidence (a server
 * that starts before its client); Jaeger corrects every child that does not fit in its parent,
 * which on a dump from one machine moves hundreds of spans by a millisecond for nothing.
 *
 * The shift, as Jaeger computes it: a child no longer than its parent is centred in it (network
 * latency split evenly between request and response); a longer one, or one of which either side's
 * duration is unknown, starts with its parent; an asynchronous child (FOLLOWS_FROM, a consumer of
 * a producer), which may start any time after its parent, is moved to its parent's start.
 * The tree builder (tree.ts) decides who is on another host and carries a host's shift to the
 * spans that host timed.
 */
import { finiteNanos } from './time.js';

export interface Timed {
  readonly startNs: bigint;
  readonly durationNs: number;
  /** Whether the duration is known (a span with only a start has durationNs 0 and this false). */
  readonly hasDuration: boolean;
}

/**
 * `rpc`: a server (or the server half of a Zipkin span) under its client, which waits for it.
 * `async`: a child its parent does not wait for. `sync`: any other child.
 */
export type Edge = 'rpc' | 'sync' | 'async';

/** Why a child was found skewed. */
type SkewReason = 'starts-before-parent' | 'starts-after-client-ended';

export interface Skew {
  readonly reason: SkewReason;
  /** The shift (ns) that puts the child where causality allows under its parent. */
  readonly shiftNs: number;
}

/** The skew of a child (raw times) under its parent (corrected times); undefined when the two fit one clock. */
export function clockSkew(child: Timed, parent: Timed, edge: Edge): Skew | undefined {
  let reason: SkewReason;
  if (child.startNs < parent.startNs) reason = 'starts-before-parent';
  else if (edge === 'rpc' && parent.hasDuration && child.startNs > parent.startNs + BigInt(parent.durationNs)) reason = 'starts-after-client-ended';
  else return undefined;
  if (edge === 'async' || !parent.hasDuration || !child.hasDuration || child.durationNs > parent.durationNs) {
    return { reason, shiftNs: finiteNanos(parent.startNs - child.startNs) };
  }
  const latency = Math.floor((parent.durationNs - child.durationNs) / 2);
  return { reason, shiftNs: finiteNanos(parent.startNs + BigInt(latency) - child.startNs) };
}
