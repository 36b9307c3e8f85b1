/**
 * `trace_state` (internal/sampling/trace_state_filter.go): a span whose W3C tracestate has `key` set
 * to one of `values`. A tracestate that is not valid W3C is not matched; values that are empty, or
 * would make a member of 256 characters or more, are dropped from the list, as the processor does.
 */
import { traceStateValue } from '../../model/trace-state.js';
import type { PolicyEvaluator } from './evaluator.js';
import { anySpan } from './resource-or-span.js';

export function traceStatePolicy(key: string, values: readonly string[]): PolicyEvaluator {
  const wanted = new Set(values.filter((v) => v !== '' && key.length + v.length < 256));
  return { evaluate: (trace) => anySpan(trace, (span) => wanted.has(traceStateValue(span.traceState ?? '', key))) };
}
