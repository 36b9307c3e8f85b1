/**
 * A policy configuration to its evaluator (processor.go getPolicyEvaluator and
 * getSharedPolicyEvaluator, and_helper.go, drop_helper.go, composite_helper.go). A regular expression
 * tracectl cannot read is refused here, before any input is read.
 */
import { RegexSyntaxError, } from '../query/regex-syntax.js';
import { RegexTooLargeError } from '../query/regex-matcher.js';
import type { NamedPolicy } from './policy-config.js';
import { PolicyFileError } from './parse-policy-file.js';
import { alwaysSample } from './policies/always-sample.js';
import { andPolicy } from './policies/and.js';
import { booleanAttributePolicy } from './policies/boolean-attribute.js';
import { compositePolicy } from './policies/composite.js';
import { dropPolicy } from './policies/drop.js';
import type { PolicyEvaluator } from './policies/evaluator.js';
import { latencyPolicy } from './policies/latency.js';
import { numericAttributePolicy } from './policies/numeric-attribute.js';
import { probabilisticPolicy } from './policies/probabilistic.js';
import { rateLimitingPolicy } from './policies/rate-limiting.js';
import { spanCountPolicy } from './policies/span-count.js';
import { statusCodePolicy } from './policies/status-code.js';
import { searchAnywhere, stringAttributePolicy } from './policies/string-attribute.js';
import { traceStatePolicy } from './policies/trace-state.js';

export function buildEvaluator(policy: NamedPolicy, where: string): PolicyEvaluator {
  const label = `${where}${policy.name !== '' ? ` (${policy.name})` : ''}`;
  switch (policy.type) {
    case 'always_sample':
      return alwaysSample;
    case 'latency':
      return latencyPolicy(policy.thresholdMs, policy.upperThresholdMs);
    case 'numeric_attribute':
      return numericAttributePolicy(policy.key, policy.minValue, policy.maxValue, policy.invertMatch);
    case 'probabilistic':
      return probabilisticPolicy(policy.hashSalt, policy.samplingPercentage);
    case 'status_code':
      return statusCodePolicy(policy.statusCodes);
    case 'string_attribute':
      if (policy.enabledRegexMatching) {
        for (const value of policy.values) {
          try {
            searchAnywhere(value);
          } catch (err) {
            if (err instanceof RegexSyntaxError || err instanceof RegexTooLargeError) {
              throw new PolicyFileError(`${label}: the regular expression ${JSON.stringify(value)} cannot be used: ${err.message}`);
            }
            throw err;
          }
        }
      }
      return stringAttributePolicy(policy.key, policy.values, policy.enabledRegexMatching, policy.invertMatch);
    case 'boolean_attribute':
      return booleanAttributePolicy(policy.key, policy.value, policy.invertMatch);
    case 'rate_limiting':
      return rateLimitingPolicy(policy.spansPerSecond, policy.burstCapacity);
    case 'span_count':
      return spanCountPolicy(policy.minSpans, policy.maxSpans);
    case 'trace_state':
      return traceStatePolicy(policy.key, policy.values);
    case 'and':
      return andPolicy(policy.subPolicies.map((p, i) => buildEvaluator(p, `${label}: and_sub_policy[${i}]`)));
    case 'drop':
      return dropPolicy(policy.subPolicies.map((p, i) => buildEvaluator(p, `${label}: drop_sub_policy[${i}]`)));
    case 'composite':
      return compositePolicy(
        policy.maxTotalSpansPerSecond,
        policy.subPolicies.map((p, i) => ({ evaluator: buildEvaluator(p, `${label}: composite_sub_policy[${i}]`), allocated: policy.allocations.get(p.name) ?? 0 })),
      );
  }
}
