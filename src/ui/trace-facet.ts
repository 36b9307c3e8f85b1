/**
 * What a row of the Services screen stands for, as a test on one trace: the Traces screen lists the
 * traces that pass (Enter on a row). Each test is the rule of the analysis that made the row: a
 * signature is asked of the error groups on that trace alone, a call is deps.ts's parent → child rule.
 * A service or an operation matches any span of it (the latency table counts entry spans only: a
 * trace that calls the service internally is listed too).
 */
import { traceErrors } from '../analyses/error-chains.js';
import { ErrorGroupAggregator } from '../analyses/error-groups.js';
import type { Trace } from '../model/trace.js';

export interface TraceFacet {
  /** What the list is narrowed to, for the Traces screen's header ("service frontend"). Unsanitized. */
  readonly label: string;
  matches(trace: Trace): boolean;
}

export function serviceFacet(service: string): TraceFacet {
  return { label: `service ${service}`, matches: (trace) => trace.services.includes(service) };
}

export function operationFacet(service: string, operation: string): TraceFacet {
  return {
    label: `operation ${service} ${operation}`,
    matches: (trace) => trace.nodes.some((node) => node.span.service === service && node.span.operation === operation),
  };
}

/** `label`: the signature as a person reads it (origin and reason); `signature`: the group's key. */
export function signatureFacet(signature: string, label: string): TraceFacet {
  return {
    label: `error ${label}`,
    matches: (trace) => {
      const errors = traceErrors(trace);
      if (errors === undefined || errors.chains.length === 0) return false;
      const groups = new ErrorGroupAggregator();
      groups.add(errors);
      return groups.result().some((g) => g.signature === signature);
    },
  };
}

/**
 * deps.ts's rule for a call, asked directly (a span of `to` whose parent span is of `from`, two
 * services): running the aggregator on every trace of a big dump took seconds. The unit tests check
 * that the two agree.
 */
export function edgeFacet(from: string, to: string): TraceFacet {
  return {
    label: `calls ${from} → ${to}`,
    matches: (trace) => from !== to && trace.nodes.some((node) => node.span.service === to && node.parent?.span.service === from),
  };
}
