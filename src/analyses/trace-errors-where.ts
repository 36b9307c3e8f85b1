/**
 * `errors --where`: the error report of one trace, counting only the error spans the expression
 * selects. Chains are still found on the whole trace (a chain runs from the root down to where the
 * failure started, whatever the filter), then a chain is kept when one of its failed spans matches,
 * and a recovered error when the recovered span or one of the failures below it matches. So
 * `--where 'service = "payments"'` answers "which failures involved payments", and the paths keep
 * their full context. A trace none of whose chains or recovered errors is kept is left out.
 */
import type { SpanNode, Trace } from '../model/trace.js';
import { traceErrors, type TraceErrors } from './error-chains.js';

export function traceErrorsWhere(trace: Trace, where: (node: SpanNode, trace: Trace) => boolean): TraceErrors | undefined {
  const all = traceErrors(trace);
  if (all === undefined) return undefined;
  // Error spans by id. Ids are not always unique (Zipkin's shared client/server halves): an id
  // matches when any error span holding it does.
  const matching = new Set<string>();
  let errorSpans = 0;
  for (const node of trace.nodes) {
    if (node.span.status !== 'error' || !where(node, trace)) continue;
    errorSpans++;
    matching.add(node.span.spanId);
  }
  if (errorSpans === 0) return undefined;
  const chains = all.chains.filter((c) => c.path.some((step) => step.error && matching.has(step.spanId)));
  const recovered = all.recovered.filter((r) => matching.has(r.spanId) || r.origins.some((o) => matching.has(o.spanId)));
  if (chains.length === 0 && recovered.length === 0) return undefined;
  return { ...all, errorSpans, chains, recovered };
}
