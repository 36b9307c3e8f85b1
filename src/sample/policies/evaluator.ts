/** What every policy is to the tail sampler: a vote on one trace at a time (stateful policies remember earlier votes). */
import type { Vote } from '../decision.js';
import type { PolicyTrace } from '../policy-trace.js';

export interface PolicyEvaluator {
  /** Throws PolicyEvaluationError when the policy cannot decide for this trace. */
  evaluate(trace: PolicyTrace): Vote;
}
