/**
 * A span's Jaeger references: the parent first (the decoder takes the first CHILD_OF into the span's
 * own trace as the parent, else the first FOLLOWS_FROM), then every other reference and link.
 *
 * Jaeger knows only CHILD_OF and FOLLOWS_FROM. A link carrying `opentracing.ref_type` (the
 * OpenTelemetry Collector's spelling of a Jaeger reference in OTLP, also written by tracectl's OTLP
 * encoder) gets that type back; a link that restates a FOLLOWS_FROM parent turns the parent into
 * FOLLOWS_FROM again. A plain link becomes FOLLOWS_FROM. A link of a parentless span into its own trace
 * cannot be written without changing the tree (Jaeger would read it as the parent), so it is dropped;
 * link attributes have no place in a reference. Both are counted.
 */
import type { Span, SpanRef } from '../../model/span.js';
import type { LossTally } from '../encode/losses.js';

export interface JaegerRefOut {
  readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  readonly traceID: string;
  readonly spanID: string;
}

const REF_TYPE_ATTR = 'opentracing.ref_type';

/** The reference type a link names in `opentracing.ref_type`, if any. */
function linkRefType(ref: SpanRef): 'child_of' | 'follows_from' | undefined {
  const raw = ref.attributes !== undefined && Object.hasOwn(ref.attributes, REF_TYPE_ATTR) ? ref.attributes[REF_TYPE_ATTR] : undefined;
  if (typeof raw !== 'string') return undefined;
  const lower = raw.trim().toLowerCase();
  return lower === 'child_of' || lower === 'follows_from' ? lower : undefined;
}

function hasOtherAttributes(ref: SpanRef): boolean {
  return ref.attributes !== undefined && Object.keys(ref.attributes).some((k) => k !== REF_TYPE_ATTR);
}

function restatesParent(span: Span, ref: SpanRef): boolean {
  return ref.type === 'link' && ref.traceId === span.traceId && ref.spanId === span.parentId && linkRefType(ref) === 'follows_from';
}

export function jaegerReferences(span: Span, losses: LossTally): JaegerRefOut[] {
  const out: JaegerRefOut[] = [];
  let others: readonly SpanRef[] = span.refs;
  let parentFollows = span.parentType === 'follows_from';
  if (span.parentId !== undefined) {
    const restated = others.findIndex((r) => restatesParent(span, r));
    if (restated >= 0) {
      parentFollows = true;
      others = others.filter((_, i) => i !== restated);
    }
    out.push({ refType: parentFollows ? 'FOLLOWS_FROM' : 'CHILD_OF', traceID: span.traceId, spanID: span.parentId });
  }
  for (const ref of others) {
    const sameTrace = ref.traceId === span.traceId;
    if (sameTrace && span.parentId === undefined) {
      losses.add('root-links');
      continue;
    }
    let type = ref.type === 'link' ? linkRefType(ref) : ref.type;
    if (type === undefined) {
      losses.add('links-as-follows-from');
      type = 'follows_from';
    }
    // A second CHILD_OF into the trace would be taken as the parent over a FOLLOWS_FROM parent.
    if (sameTrace && parentFollows && type === 'child_of') {
      losses.add('conflicting-attributes');
      type = 'follows_from';
    }
    if (hasOtherAttributes(ref)) losses.add('link-attributes');
    out.push({ refType: type === 'follows_from' ? 'FOLLOWS_FROM' : 'CHILD_OF', traceID: ref.traceId, spanID: ref.spanId });
  }
  return out;
}
