/**
 * `tracectl sample --ratio R`: OpenTelemetry consistent probability sampling of whole traces, as an
 * SDK's ratio sampler decides at the root (trace/sdk.md ProbabilitySampler, the consistent form of
 * TraceIdRatioBased; trace/tracestate-probability-sampling.md). The randomness `R` is the root span's
 * explicit `rv` (OpenTelemetry tracestate `ot=rv:…`) when it has one, else the rightmost 56 bits of
 * the trace id; the trace is kept when `R >= T`, `T` the threshold of the ratio (model/sampling-threshold.ts).
 *
 * Kept spans get `th` written into their tracestate as the sampler writes it. A span that already
 * carries a higher threshold (sampled harder upstream) keeps it: a threshold is never lowered.
 */
import type { Span } from '../model/span.js';
import { spanSampling } from '../model/span-sampling.js';
import { formatThreshold, parseRandomness, parseThreshold, randomnessOfTraceId } from '../model/sampling-threshold.js';
import { otSubKeys, withThreshold } from '../model/trace-state.js';

export interface RatioDecision {
  readonly kept: boolean;
  /** Where R came from; undefined when neither an `rv` nor a hex trace id gives one (not kept). */
  readonly randomness: 'rv' | 'trace-id' | undefined;
}

/** The explicit randomness of the trace: the root's `rv`, else the first span's that has one. */
function explicitRandomness(spans: readonly Span[]): bigint | undefined {
  let found: bigint | undefined;
  for (const span of spans) {
    const rv = otSubKeys(span.traceState).get('rv');
    const r = rv === undefined ? undefined : parseRandomness(rv);
    if (r === undefined) continue;
    if (span.parentId === undefined) return r;
    found ??= r;
  }
  return found;
}

export function ratioDecision(traceId: string, spans: readonly Span[], threshold: bigint): RatioDecision {
  const rv = explicitRandomness(spans);
  if (rv !== undefined) return { kept: rv >= threshold, randomness: 'rv' };
  const r = randomnessOfTraceId(traceId);
  if (r === undefined) return { kept: false, randomness: undefined };
  return { kept: r >= threshold, randomness: 'trace-id' };
}

/** The kept spans with `th` in their tracestate (the higher of the span's own and `threshold`). */
export function withRatioThreshold(spans: readonly Span[], threshold: bigint): Span[] {
  return spans.map((span) => {
    const own = otSubKeys(span.traceState).get('th');
    const ownThreshold = own === undefined ? undefined : parseThreshold(own);
    const th = ownThreshold !== undefined && ownThreshold > threshold ? ownThreshold : threshold;
    const traceState = withThreshold(span.traceState, formatThreshold(th));
    const sampling = spanSampling(traceState, undefined, span.sampling?.tailPolicy);
    return { ...span, traceState, ...(sampling !== undefined ? { sampling } : {}) };
  });
}
