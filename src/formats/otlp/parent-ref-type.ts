/**
 * How an OTLP span hangs off its parent. OTLP itself has no reference types, but the OpenTracing
 * shim of OpenTelemetry records each OpenTracing reference as a link carrying `opentracing.ref_type`
 * ("child_of" / "follows_from"), the parent's reference included: the specification
 * (opentelemetry-specification compatibility/opentracing.md, "Start a new Span") takes the first
 * CHILD_OF reference as the parent, else the first reference, and adds every reference as such a
 * link. A span whose parent came from a FOLLOWS_FROM reference therefore has a `follows_from` link to
 * its own parent. Read as a plain child it would be treated as work its parent waits for (clock-skew
 * correction pulls it into the parent, the critical path runs through it), unlike the same span read
 * from Jaeger; tracectl's own OTLP writer marks FOLLOWS_FROM parents the same way.
 */
import type { SpanRef } from '../../model/span.js';

const REF_TYPE_ATTR = 'opentracing.ref_type';

function refTypeOf(ref: SpanRef): string | undefined {
  const raw = ref.attributes !== undefined && Object.hasOwn(ref.attributes, REF_TYPE_ATTR) ? ref.attributes[REF_TYPE_ATTR] : undefined;
  return typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
}

/** `follows_from` when a link to the parent says so (and none says `child_of`), else `child_of`. */
export function parentTypeOf(traceId: string, parentId: string, links: readonly SpanRef[]): 'child_of' | 'follows_from' {
  let follows = false;
  for (const link of links) {
    if (link.traceId !== traceId || link.spanId !== parentId) continue;
    const type = refTypeOf(link);
    if (type === 'child_of') return 'child_of';
    if (type === 'follows_from') follows = true;
  }
  return follows ? 'follows_from' : 'child_of';
}
