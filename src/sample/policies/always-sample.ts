/** `always_sample` (always_sample.go): every trace. */
import { SAMPLED } from '../decision.js';
import type { PolicyEvaluator } from './evaluator.js';

export const alwaysSample: PolicyEvaluator = { evaluate: () => SAMPLED };
