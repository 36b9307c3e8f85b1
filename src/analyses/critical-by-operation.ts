/**
 * How much of one critical path each service+operation owns, in integer nanoseconds: the per-trace
 * report and the dump-wide aggregate both start from this, so they can never disagree.
 */
import type { CriticalPath } from './critical-path.js';

export interface OwnedTime {
  readonly service: string;
  readonly operation: string;
  ns: number;
}

/** Keyed by service and operation joined with a NUL (which neither can be confused with). */
export function criticalByOperation(cp: CriticalPath): Map<string, OwnedTime> {
  const owned = new Map<string, OwnedTime>();
  for (const s of cp.sections) {
    const { service, operation } = s.node.span;
    const key = `${service}\u0000${operation}`;
    const entry = owned.get(key);
    if (entry === undefined) owned.set(key, { service, operation, ns: s.endNs - s.startNs });
    else entry.ns += s.endNs - s.startNs;
  }
  return owned;
}
