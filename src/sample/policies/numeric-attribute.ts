/**
 * `numeric_attribute` (internal/sampling/numeric_tag_filter.go): a resource or span whose attribute
 * `key` is a whole number in [min_value, max_value]; a missing bound is open (the processor reads a
 * 0 bound as missing). An attribute that is not an integer reads as 0 (pcommon Value.Int), so a
 * double or a string attribute counts as 0. With `invert_match`, every resource and span must lack
 * the key or hold a value outside the range.
 */
import { asInt, resourceAttribute, spanAttribute } from '../policy-trace.js';
import type { AttrValue } from '../../model/span.js';
import type { PolicyEvaluator } from './evaluator.js';
import { anyResourceOrSpan, everyResourceAndSpan } from './resource-or-span.js';

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

export function numericAttributePolicy(key: string, minValue: bigint | undefined, maxValue: bigint | undefined, invertMatch: boolean): PolicyEvaluator {
  const min = minValue ?? MIN_INT64;
  const max = maxValue ?? MAX_INT64;
  const inRange = (v: AttrValue): boolean => {
    const n = asInt(v);
    return n >= min && n <= max;
  };
  return {
    evaluate(trace) {
      if (invertMatch) {
        return everyResourceAndSpan(
          trace,
          (batch) => {
            const v = resourceAttribute(batch, key);
            return v === undefined || !inRange(v);
          },
          (span) => {
            const v = spanAttribute(span, key);
            return v === undefined || !inRange(v);
          },
        );
      }
      return anyResourceOrSpan(
        trace,
        (batch) => {
          const v = resourceAttribute(batch, key);
          return v !== undefined && inRange(v);
        },
        (span) => {
          const v = spanAttribute(span, key);
          return v !== undefined && inRange(v);
        },
      );
    },
  };
}
