/** `span_count` (internal/sampling/span_count_sampler.go): at least min_spans, and at most max_spans unless that is 0. */
import { NOT_SAMPLED, SAMPLED } from '../decision.js';
import type { PolicyEvaluator } from './evaluator.js';

export function spanCountPolicy(minSpans: number, maxSpans: number): PolicyEvaluator {
  return {
    evaluate({ spanCount }) {
      if (maxSpans === 0 && spanCount >= minSpans) return SAMPLED;
      return spanCount >= minSpans && spanCount <= maxSpans ? SAMPLED : NOT_SAMPLED;
    },
  };
}
