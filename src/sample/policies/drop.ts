/**
 * `drop` (internal/sampling/drop.go): dropped when no sub-policy says not sampled (inverted or not).
 * A dropped trace is not kept whatever any other policy says (processor.go evaluates drop policies
 * first and stops at the first drop).
 */
import { NOT_SAMPLED } from '../decision.js';
import type { PolicyEvaluator } from './evaluator.js';

export function dropPolicy(subPolicies: readonly PolicyEvaluator[]): PolicyEvaluator {
  return {
    evaluate(trace) {
      for (const sub of subPolicies) {
        const vote = sub.evaluate(trace);
        if (vote.decision === 'not-sampled' || vote.decision === 'invert-not-sampled') return NOT_SAMPLED;
      }
      return { decision: 'dropped', p: 1 };
    },
  };
}
