/**
 * How the attribute policies walk a trace (internal/sampling/util.go): batch by batch, the resource
 * first, then its spans. Matching keeps the trace when any resource or span passes; inverted matching
 * (`invert_match`) keeps it only when every resource and every span passes, and says so with the
 * inverted decisions, which the final decision weighs apart (processor.go makeDecision).
 */
import { INVERT_NOT_SAMPLED, INVERT_SAMPLED, NOT_SAMPLED, SAMPLED, type Vote } from '../decision.js';
import type { PolicyBatch, PolicyTrace } from '../policy-trace.js';
import type { Span } from '../../model/span.js';

export function anyResourceOrSpan(trace: PolicyTrace, resource: (batch: PolicyBatch) => boolean, span: (span: Span) => boolean): Vote {
  for (const batch of trace.batches) {
    if (resource(batch)) return SAMPLED;
    for (const s of batch.spans) if (span(s)) return SAMPLED;
  }
  return NOT_SAMPLED;
}

export function everyResourceAndSpan(trace: PolicyTrace, resource: (batch: PolicyBatch) => boolean, span: (span: Span) => boolean): Vote {
  for (const batch of trace.batches) {
    if (!resource(batch)) return INVERT_NOT_SAMPLED;
    for (const s of batch.spans) if (!span(s)) return INVERT_NOT_SAMPLED;
  }
  return INVERT_SAMPLED;
}

export function anySpan(trace: PolicyTrace, span: (span: Span) => boolean): Vote {
  for (const batch of trace.batches) for (const s of batch.spans) if (span(s)) return SAMPLED;
  return NOT_SAMPLED;
}
