/**
 * Error chains across a dump, grouped by how they failed, so the first thing a person reads is "37
 * traces fail in payments Charge: TimeoutError" rather than 37 separate chains.
 *
 * A chain's signature is its path as `service:operation` steps, root first (a step repeated right
 * after itself — a Zipkin client/server pair, a retry wrapper of the same name — counted once), then
 * ` | ` and the origin's reason (exception type or normalized message, see error-reason.ts). Groups
 * are sorted by the number of traces, then chains, then signature; each keeps a few example trace
 * ids in the order they were read. Fed one trace's result at a time, it keeps only the groups.
 */
import type { ErrorChain, TraceErrors } from './error-chains.js';

/** Example trace ids kept per group. */
export const EXAMPLE_TRACE_IDS = 5;

export interface ErrorGroup {
  readonly signature: string;
  /** Traces with at least one chain of this signature. */
  readonly count: number;
  /** Sampled input, weighted: the traces' adjusted counts summed (present when it differs from `count`). */
  readonly estimatedCount?: number;
  /** Chains of this signature (a trace may fail the same way twice). */
  readonly chains: number;
  readonly traceIds: string[];
  readonly origin: { readonly service: string; readonly operation: string };
  readonly reason: string;
  /** `service:operation` steps, root first. */
  readonly path: string[];
}

interface Mutable {
  signature: string;
  count: number;
  weight: number;
  chains: number;
  traceIds: string[];
  origin: { service: string; operation: string };
  reason: string;
  path: string[];
}

export class ErrorGroupAggregator {
  private readonly groups = new Map<string, Mutable>();

  /** One trace's errors; `weight`: the trace's adjusted count (1 unless sampled input is weighted). */
  add(errors: TraceErrors, weight = 1): void {
    const seenInTrace = new Set<string>();
    for (const chain of errors.chains) {
      const path = signaturePath(chain);
      const signature = `${path.join(' > ')} | ${chain.origin.reason}`;
      let group = this.groups.get(signature);
      if (group === undefined) {
        group = {
          signature,
          count: 0,
          weight: 0,
          chains: 0,
          traceIds: [],
          origin: { service: chain.origin.service, operation: chain.origin.operation },
          reason: chain.origin.reason,
          path,
        };
        this.groups.set(signature, group);
      }
      group.chains++;
      if (!seenInTrace.has(signature)) {
        seenInTrace.add(signature);
        group.count++;
        group.weight += weight;
        if (group.traceIds.length < EXAMPLE_TRACE_IDS) group.traceIds.push(errors.traceId);
      }
    }
  }

  /** Adds the groups `other` counted, after those counted here (example ids keep that order). */
  merge(other: ErrorGroupAggregator): void {
    for (const [signature, from] of other.groups) {
      const group = this.groups.get(signature);
      if (group === undefined) {
        this.groups.set(signature, { ...from, traceIds: [...from.traceIds], origin: { ...from.origin }, path: [...from.path] });
        continue;
      }
      group.count += from.count;
      group.weight += from.weight;
      group.chains += from.chains;
      for (const id of from.traceIds) if (group.traceIds.length < EXAMPLE_TRACE_IDS) group.traceIds.push(id);
    }
  }

  result(): ErrorGroup[] {
    return [...this.groups.values()]
      .map(({ weight, ...g }): ErrorGroup => (weight !== g.count ? { ...g, estimatedCount: weight } : g))
      .sort((a, b) => (b.estimatedCount ?? b.count) - (a.estimatedCount ?? a.count) || b.count - a.count || b.chains - a.chains || compare(a.signature, b.signature));
  }
}

function signaturePath(chain: ErrorChain): string[] {
  const steps: string[] = [];
  for (const step of chain.path) {
    const name = `${step.service}:${step.operation}`;
    if (steps[steps.length - 1] !== name) steps.push(name);
  }
  return steps;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
