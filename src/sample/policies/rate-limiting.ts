/**
 * `rate_limiting` (internal/sampling/rate_limiting.go): keeps a trace while a token bucket of
 * `spans_per_second` (holding `burst_capacity`, by default twice that) has a token for each of its
 * spans, over the dump's time: the Collector asks at decision time, tracectl at the trace's
 * decision time (tail-sampler.ts). A kept trace's probability is not known (NaN): rate limiting is not
 * probability sampling.
 */
import { NOT_SAMPLED, type Vote } from '../decision.js';
import { TokenBucket } from '../token-bucket.js';
import type { PolicyEvaluator } from './evaluator.js';

const KEPT: Vote = { decision: 'sampled', p: NaN };

export function rateLimitingPolicy(spansPerSecond: number, burstCapacity: number): PolicyEvaluator {
  const bucket = new TokenBucket(spansPerSecond, burstCapacity);
  return { evaluate: (trace) => (bucket.allowN(trace.decisionNs, trace.spanCount) ? KEPT : NOT_SAMPLED) };
}
