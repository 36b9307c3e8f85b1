/**
 * What a row of the Services screen stands for, as a test on one trace: the Traces screen lists the
 * traces that pass (Enter on a row). Each test asks the analysis that made the row, on that trace
 * alone (the error groups for a signature, the dependencies for an edge), so a trace is listed under
 * a row exactly when it counted towards it.
 */
import { DepsAggregator } from '../analyses/deps.js';
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

export function edgeFacet(from: string, to: string): TraceFacet {
  return {
    label: `calls ${from} → ${to}`,
    matches: (trace) => {
      const deps = new DepsAggregator();
      deps.add(trace);
      return deps.result().edges.some((e) => e.from === from && e.to === to);
    },
  };
}
