/**
 * `boolean_attribute` (internal/sampling/boolean_tag_filter.go): a resource or span whose attribute
 * `key` is `value`; an attribute of another type reads as false (pcommon Value.Bool). With
 * `invert_match`, every resource and span must lack the key or hold the other value.
 */
import { asBool, resourceAttribute, spanAttribute } from '../policy-trace.js';
import type { PolicyEvaluator } from './evaluator.js';
import { anyResourceOrSpan, everyResourceAndSpan } from './resource-or-span.js';

export function booleanAttributePolicy(key: string, value: boolean, invertMatch: boolean): PolicyEvaluator {
  return {
    evaluate(trace) {
      if (invertMatch) {
        return everyResourceAndSpan(
          trace,
          (batch) => {
            const v = resourceAttribute(batch, key);
            return v === undefined || asBool(v) !== value;
          },
          (span) => {
            const v = spanAttribute(span, key);
            return v === undefined || asBool(v) !== value;
          },
        );
      }
      return anyResourceOrSpan(
        trace,
        (batch) => {
          const v = resourceAttribute(batch, key);
          return v !== undefined && asBool(v) === value;
        },
        (span) => {
          const v = spanAttribute(span, key);
          return v !== undefined && asBool(v) === value;
        },
      );
    },
  };
}
