/**
 * The OpenTelemetry Collector's `tail_sampling` processor configuration, as tracectl evaluates it:
 * the policy types and fields of processor/tailsamplingprocessor/config.go, decoded from YAML by
 * parse-policy-file.ts. Field names are the YAML keys; a field the YAML leaves out has Go's zero value,
 * as mapstructure leaves it.
 */

/** Policy types tracectl evaluates. */
type PolicyType =
  | 'always_sample'
  | 'latency'
  | 'numeric_attribute'
  | 'probabilistic'
  | 'status_code'
  | 'string_attribute'
  | 'boolean_attribute'
  | 'rate_limiting'
  | 'span_count'
  | 'trace_state'
  | 'and'
  | 'drop'
  | 'composite';

export type PolicyConfig =
  | { readonly type: 'always_sample' }
  | { readonly type: 'latency'; readonly thresholdMs: number; readonly upperThresholdMs: number }
  | {
      readonly type: 'numeric_attribute';
      readonly key: string;
      /** min_value / max_value: 0 (or absent) means no bound, as the processor reads them. */
      readonly minValue: bigint | undefined;
      readonly maxValue: bigint | undefined;
      readonly invertMatch: boolean;
    }
  | { readonly type: 'probabilistic'; readonly hashSalt: string; readonly samplingPercentage: number }
  | { readonly type: 'status_code'; readonly statusCodes: readonly ('OK' | 'ERROR' | 'UNSET')[] }
  | {
      readonly type: 'string_attribute';
      readonly key: string;
      readonly values: readonly string[];
      readonly enabledRegexMatching: boolean;
      readonly invertMatch: boolean;
    }
  | { readonly type: 'boolean_attribute'; readonly key: string; readonly value: boolean; readonly invertMatch: boolean }
  | { readonly type: 'rate_limiting'; readonly spansPerSecond: number; readonly burstCapacity: number }
  | { readonly type: 'span_count'; readonly minSpans: number; readonly maxSpans: number }
  | { readonly type: 'trace_state'; readonly key: string; readonly values: readonly string[] }
  | { readonly type: 'and'; readonly subPolicies: readonly NamedPolicy[] }
  | { readonly type: 'drop'; readonly subPolicies: readonly NamedPolicy[] }
  | {
      readonly type: 'composite';
      readonly maxTotalSpansPerSecond: number;
      readonly subPolicies: readonly NamedPolicy[];
      /** Spans per second each sub-policy may sample, by name (a sub-policy without an allocation gets 0). */
      readonly allocations: ReadonlyMap<string, number>;
    };

export type NamedPolicy = PolicyConfig & { readonly name: string };

export interface TailSamplingConfig {
  /** Where it was found: the processor's id in a Collector config (`tail_sampling/errors`), or the file's top level. */
  readonly id: string;
  readonly policies: readonly NamedPolicy[];
  /** `sample_on_first_match`: stop at the first policy that samples. */
  readonly sampleOnFirstMatch: boolean;
  /** Options set in the file that do not change decisions on a complete dump, with why. */
  readonly assumed: readonly { readonly option: string; readonly why: string }[];
}
