/**
 * A span's OTLP links. OTLP has no reference types, so a Jaeger reference is written as a link
 * carrying `opentracing.ref_type` (`child_of` / `follows_from`), the spelling the OpenTelemetry
 * Collector uses when it translates Jaeger, and the OpenTracing shim when it records references. A
 * FOLLOWS_FROM parent is written as the parent plus such a link to it, as the shim does (unless the
 * span read from OTLP has that link already), and tracectl reads it back as a FOLLOWS_FROM parent
 * (parent-ref-type.ts). That mark would be ambiguous for a span whose CHILD_OF parent also has
 * a FOLLOWS_FROM reference from it (Jaeger's own converter fixture has one), so that redundant
 * reference is left out, and counted.
 */
import type { Attributes, Span, SpanRef } from '../../model/span.js';
import type { LossTally } from '../encode/losses.js';
import { type KeyValueOut, keyValuesOut } from './encode-any-value.js';
import { otlpTraceId } from './encode-ids.js';

export interface LinkOut {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes?: KeyValueOut[];
}

const REF_TYPE_ATTR = 'opentracing.ref_type';

function linkOf(traceId: string, spanId: string, attributes: Attributes | undefined, refType: string | undefined): LinkOut {
  const entries = Object.entries(attributes ?? {});
  if (refType !== undefined && !entries.some(([key]) => key === REF_TYPE_ATTR)) entries.push([REF_TYPE_ATTR, refType]);
  return entries.length > 0
    ? { traceId: otlpTraceId(traceId), spanId, attributes: keyValuesOut(entries) }
    : { traceId: otlpTraceId(traceId), spanId };
}

function refTypeOf(ref: SpanRef): string | undefined {
  return ref.type === 'link' ? undefined : ref.type;
}

/** A FOLLOWS_FROM reference to the span that is already the (CHILD_OF) parent. */
function restatesChildOfParent(span: Span, ref: SpanRef): boolean {
  const type = ref.type === 'link' ? ref.attributes?.[REF_TYPE_ATTR] : ref.type;
  return span.parentType !== 'follows_from' && type === 'follows_from' && ref.traceId === span.traceId && ref.spanId === span.parentId;
}

export function linksOut(span: Span, losses: LossTally): LinkOut[] {
  const kept = span.refs.filter((ref) => !restatesChildOfParent(span, ref));
  // Written, it would read back as the mark of a FOLLOWS_FROM parent; it adds nothing to the tree.
  losses.add('redundant-reference', span.refs.length - kept.length);
  const links = kept.map((ref) => linkOf(ref.traceId, ref.spanId, ref.attributes, refTypeOf(ref)));
  const marked = span.refs.some((ref) => ref.traceId === span.traceId && ref.spanId === span.parentId && ref.attributes?.[REF_TYPE_ATTR] === 'follows_from');
  if (span.parentId !== undefined && span.parentType === 'follows_from' && !marked) {
    losses.add('follows-from-as-link');
    links.unshift(linkOf(span.traceId, span.parentId, undefined, 'follows_from'));
  }
  return links;
}
