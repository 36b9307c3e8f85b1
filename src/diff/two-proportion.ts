/**
 * Did the error rate change, or is the difference what chance gives? The two-proportion z-test with a
 * pooled rate: under "no change" both samples fail at the pooled rate p, and the difference of the
 * two observed rates has standard error √(p(1 − p)(1/n1 + 1/n2)). Rough for a handful of requests,
 * sound for the hundreds a CI run exports.
 */
import { twoSidedNormalTail } from './normal-tail.js';

export interface ProportionTest {
  /** (rate2 − rate1) / standard error; 0 when neither or both always fail. */
  readonly z: number;
  /** Two-sided; 1 when there is nothing to compare. */
  readonly pValue: number;
}

export function twoProportionTest(errors1: number, n1: number, errors2: number, n2: number): ProportionTest {
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 };
  const pooled = (errors1 + errors2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (errors2 / n2 - errors1 / n1) / se;
  return { z, pValue: twoSidedNormalTail(z) };
}
