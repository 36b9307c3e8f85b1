/**
 * What the spans an analysis counted say about sampling, so that every command can say whether its
 * numbers come from sampled input and how far to trust them: a uniform sample with known
 * probabilities (counts estimated by adjusted counts; percentiles unbiased), or a set chosen by tail
 * policies or rate limiting (biased: errors and slow traces over-represented).
 */
import type { SamplingMethod, SpanSampling } from '../model/span.js';

export interface SamplingSummary {
  /** Some span carries sampling information. */
  readonly sampled: boolean;
  /** Counts, rates and percentiles are weighted by adjusted count. */
  readonly weighted: boolean;
  /** Spans looked at. */
  readonly spans: number;
  /** Of those, carrying a sampling probability. */
  readonly spansWithProbability: number;
  /** Sampled spans without a probability (rate limited, or only a tail policy known): counted once. */
  readonly spansWithoutProbability: number;
  readonly minProbability: number | null;
  readonly maxProbability: number | null;
  readonly methods: SamplingMethod[];
  /** Tail-sampling policies that kept spans, most spans first. */
  readonly tailPolicies: { readonly name: string; readonly spans: number }[];
  /**
   * `uniform`: every sampled span has a probability and none was chosen by a tail policy
   * (percentiles unbiased); `biased`: a tail policy or rate limiting chose spans; null: not sampled.
   */
  readonly sample: 'uniform' | 'biased' | null;
}

export class SamplingTally {
  private spans = 0;
  private withP = 0;
  private withoutP = 0;
  private minP = Infinity;
  private maxP = -Infinity;
  private readonly methods = new Set<SamplingMethod>();
  private readonly policies = new Map<string, number>();

  add(sampling: SpanSampling | undefined): void {
    this.spans++;
    if (sampling !== undefined) this.addSampled(sampling, 1);
  }

  /** Adds what `other` tallied, as if its spans had been added here. */
  merge(other: SamplingTally): void {
    this.spans += other.spans;
    this.withP += other.withP;
    this.withoutP += other.withoutP;
    if (other.minP < this.minP) this.minP = other.minP;
    if (other.maxP > this.maxP) this.maxP = other.maxP;
    for (const m of other.methods) this.methods.add(m);
    for (const [name, n] of other.policies) this.policies.set(name, (this.policies.get(name) ?? 0) + n);
  }

  private addSampled(sampling: SpanSampling, n: number): void {
    const p = sampling.probability;
    if (p !== undefined) {
      this.withP += n;
      if (p < this.minP) this.minP = p;
      if (p > this.maxP) this.maxP = p;
    } else {
      this.withoutP += n;
    }
    if (sampling.method !== undefined) this.methods.add(sampling.method);
    if (sampling.tailPolicy !== undefined) this.policies.set(sampling.tailPolicy, (this.policies.get(sampling.tailPolicy) ?? 0) + n);
  }

  summary(weighted: boolean): SamplingSummary {
    const sampled = this.withP + this.withoutP > 0;
    const biased = this.withoutP > 0 || this.policies.size > 0 || this.methods.has('rate-limiting');
    return {
      sampled,
      weighted: weighted && this.withP > 0,
      spans: this.spans,
      spansWithProbability: this.withP,
      spansWithoutProbability: this.withoutP,
      minProbability: this.withP > 0 ? this.minP : null,
      maxProbability: this.withP > 0 ? this.maxP : null,
      methods: [...this.methods].sort(),
      tailPolicies: [...this.policies].map(([name, spans]) => ({ name, spans })).sort((a, b) => b.spans - a.spans || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      sample: !sampled ? null : biased ? 'biased' : 'uniform',
    };
  }
}

/**
 * The summary of results computed where the spans are stored (a ClickHouse table): its queries
 * count the stored spans as they are and read no sampling probability, so nothing is weighted.
 */
export function storedSpansSummary(): SamplingSummary {
  return new SamplingTally().summary(false);
}
