/**
 * A Jaeger client tags the root span of a trace it sampled with the sampler that decided
 * (`sampler.type`, `sampler.param`). The decision holds for the whole trace, so every span of that
 * trace read in the same record gets it, unless the span's own tracestate says more (an `ot=th:`
 * threshold). Spans of a trace read in other records (a span array split across lines) do not.
 */
import type { Span, SpanSampling } from '../../model/span.js';
import { jaegerSampling, spanSampling } from '../../model/span-sampling.js';
import { SAMPLER_PARAM_TAG, SAMPLER_TYPE_TAG } from './sampler-tags.js';

export function withRootSampler(spans: Span[]): Span[] {
  let byTrace: Map<string, SpanSampling> | undefined;
  for (const span of spans) {
    const type = span.attributes[SAMPLER_TYPE_TAG];
    if (type === undefined) continue;
    const sampling = jaegerSampling(type, span.attributes[SAMPLER_PARAM_TAG]);
    if (sampling === undefined) continue;
    byTrace ??= new Map();
    // The root's tags win over a child's (a child tagged by a second sampler of its own).
    if (!byTrace.has(span.traceId) || span.parentId === undefined) byTrace.set(span.traceId, sampling);
  }
  if (byTrace === undefined) return spans;
  return spans.map((span) => {
    const root = byTrace.get(span.traceId);
    if (root === undefined || span.sampling?.method === 'consistent') return span;
    const sampling = spanSampling(span.traceState, root, span.sampling?.tailPolicy);
    return sampling === undefined ? span : { ...span, sampling };
  });
}
