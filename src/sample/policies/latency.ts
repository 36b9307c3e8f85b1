/**
 * `latency` (internal/sampling/latency.go): the trace's duration, from its earliest span start to its
 * latest span end, in whole milliseconds (Go's Duration.Milliseconds truncates).
 *
 * The processor grows the duration span by span in arrival order and stops at the first span after
 * which the duration so far passes, so with an upper threshold a trace can be kept on a prefix of its
 * spans although its whole duration is above the upper threshold: tracectl walks the spans in the
 * order the dump has them, the nearest it knows to the order they reached the Collector. Without an
 * upper threshold the duration only grows, and the order does not matter. A time of 0 counts as
 * unset, as in the processor.
 */
import { NOT_SAMPLED, SAMPLED } from '../decision.js';
import type { Span } from '../../model/span.js';
import type { PolicyEvaluator } from './evaluator.js';

const MS = 1_000_000n;

function startOf(span: Span): bigint {
  return span.timing === 'missing' || span.startNs < 0n ? 0n : span.startNs;
}

function endOf(span: Span): bigint {
  return span.timing === 'missing' || span.timing === 'no-duration' || span.startNs < 0n ? 0n : span.startNs + BigInt(span.durationNs);
}

export function latencyPolicy(thresholdMs: number, upperThresholdMs: number): PolicyEvaluator {
  const lower = BigInt(thresholdMs);
  const upper = BigInt(upperThresholdMs);
  return {
    evaluate(trace) {
      let min = 0n;
      let max = 0n;
      for (const batch of trace.batches) {
        for (const span of batch.spans) {
          const start = startOf(span);
          const end = endOf(span);
          if (min === 0n || start < min) min = start;
          if (max === 0n || end > max) max = end;
          // BigInt division truncates toward zero, as Go's integer division does.
          const ms = (max - min) / MS;
          if (upper === 0n ? ms >= lower : lower < ms && ms <= upper) return SAMPLED;
        }
      }
      return NOT_SAMPLED;
    },
  };
}
