/** The sampling summary of input that carries no sampling information, over `spans` spans. */
import type { SamplingSummary } from '../../src/analyses/sampling-tally.js';

export function unsampled(spans: number): SamplingSummary {
  return {
    sampled: false,
    weighted: false,
    spans,
    spansWithProbability: 0,
    spansWithoutProbability: 0,
    minProbability: null,
    maxProbability: null,
    methods: [],
    tailPolicies: [],
    sample: null,
  };
}
