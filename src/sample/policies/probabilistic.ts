/**
 * `probabilistic` (internal/sampling/probabilistic.go): keeps a trace when FNV-1a-64 of the hash salt
 * ("default-hash-seed" when none is set) followed by the 16 bytes of the trace id is at most
 * `sampling_percentage / 100 × MaxUint64`. The decision depends on the trace id alone, so the same
 * salt and percentage keep the same traces everywhere.
 */
import { NOT_SAMPLED, PolicyEvaluationError, type Vote } from '../decision.js';
import { fnv1a64 } from '../fnv1a64.js';
import { probabilisticThreshold } from '../probabilistic-threshold.js';
import type { PolicyEvaluator } from './evaluator.js';

const DEFAULT_HASH_SALT = 'default-hash-seed';

export function probabilisticPolicy(hashSalt: string, samplingPercentage: number): PolicyEvaluator {
  const salt = new TextEncoder().encode(hashSalt === '' ? DEFAULT_HASH_SALT : hashSalt);
  const threshold = probabilisticThreshold(samplingPercentage / 100);
  const kept: Vote = { decision: 'sampled', p: Math.min(1, Math.max(0, samplingPercentage / 100)) };
  return {
    evaluate(trace) {
      if (trace.idBytes === undefined) throw new PolicyEvaluationError(`trace id ${trace.traceId} is not 16 or 32 hex digits`);
      return fnv1a64(salt, trace.idBytes) <= threshold ? kept : NOT_SAMPLED;
    },
  };
}
