/**
 * `composite` (internal/sampling/composite.go, composite_helper.go): the first sub-policy, in the
 * order of `composite_sub_policy`, that votes to sample decides: the trace is kept when that
 * sub-policy's spans in the current second, this trace's included, stay within both its allocation
 * and `max_total_spans_per_second`, and is not kept otherwise (later sub-policies are not asked).
 * Seconds are whole Unix seconds of the decision time; each sub-policy's count restarts with each.
 * The kept trace's probability is that sub-policy's; the rate cap itself is not counted as one.
 */
import { NOT_SAMPLED, keeps } from '../decision.js';
import type { PolicyEvaluator } from './evaluator.js';

export interface CompositeSub {
  readonly evaluator: PolicyEvaluator;
  /** Spans per second this sub-policy may sample. */
  readonly allocated: number;
}

export function compositePolicy(maxTotalSpansPerSecond: number, subs: readonly CompositeSub[]): PolicyEvaluator {
  const sampledInSecond = subs.map(() => 0);
  let currentSecond: bigint | undefined;
  return {
    evaluate(trace) {
      const second = trace.decisionNs / 1_000_000_000n;
      if (second !== currentSecond) {
        currentSecond = second;
        sampledInSecond.fill(0);
      }
      for (let i = 0; i < subs.length; i++) {
        const vote = subs[i]!.evaluator.evaluate(trace);
        if (!keeps(vote.decision)) continue;
        const ifSampled = sampledInSecond[i]! + trace.spanCount;
        if (ifSampled <= subs[i]!.allocated && ifSampled <= maxTotalSpansPerSecond) {
          sampledInSecond[i] = ifSampled;
          return { decision: 'sampled', p: vote.p };
        }
        return NOT_SAMPLED;
      }
      return NOT_SAMPLED;
    },
  };
}
