/**
 * `and` (internal/sampling/and.go): sampled when no sub-policy says not sampled (inverted or not); a
 * sub-policy that cannot decide makes the whole policy unable to decide. The probability of a kept
 * trace is the product of the sub-policies' (taken as independent).
 */
import { type Vote } from '../decision.js';
import type { PolicyEvaluator } from './evaluator.js';

export function andPolicy(subPolicies: readonly PolicyEvaluator[]): PolicyEvaluator {
  return {
    evaluate(trace) {
      let p = 1;
      for (const sub of subPolicies) {
        const vote = sub.evaluate(trace);
        if (vote.decision === 'not-sampled' || vote.decision === 'invert-not-sampled') return { decision: 'not-sampled', p: 1 };
        p *= vote.p;
      }
      return { decision: 'sampled', p } satisfies Vote;
    },
  };
}
