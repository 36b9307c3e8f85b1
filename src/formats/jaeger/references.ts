/**
 * A span's parent and other references. Jaeger lists references without saying which one is the
 * parent; the rule here: the first CHILD_OF into the span's own trace, else the first FOLLOWS_FROM
 * into it (an async parent, `parentType: 'follows_from'`), else a `parentSpanID` field that some
 * tools write. A reference into another trace, or to span id 0, is never the parent. Every reference
 * not chosen is kept in `refs`. A missing `refType` is CHILD_OF (the protobuf default, omitted from
 * protobuf-JSON).
 */
import { fallbackId, normalizeParentId, normalizeSpanId } from '../../model/ids.js';
import type { RefType, SpanRef } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { ownEither, ownValue } from './own.js';
import { readId } from './read-id.js';
import { type WarningSink, warn } from './warn.js';

const NO_SPAN = '0000000000000000';

export interface Lineage {
  readonly parentId?: string;
  readonly parentType?: Exclude<RefType, 'link'>;
  readonly refs: SpanRef[];
}

/** CHILD_OF / FOLLOWS_FROM by name (any case) or api_v2 enum number; anything else is a plain link. */
function refTypeOf(raw: unknown): RefType {
  if (raw === undefined || raw === null || raw === 0) return 'child_of';
  if (raw === 1) return 'follows_from';
  if (typeof raw === 'string') {
    const upper = raw.toUpperCase();
    if (upper === 'CHILD_OF') return 'child_of';
    if (upper === 'FOLLOWS_FROM') return 'follows_from';
  }
  return 'link';
}

/** One reference; undefined (with a warning) when it names no span. A missing trace id means the span's own trace. */
function decodeReference(raw: unknown, index: number, traceId: string, spanId: string, sink: WarningSink): SpanRef | undefined {
  if (!isObject(raw)) {
    warn(sink, 'invalid-id', `reference #${index} of span ${spanId} is not an object; dropped`, traceId, spanId);
    return undefined;
  }
  const refSpan = readId(ownEither(raw, 'spanID', 'spanId'), 'span', 'reference spanID', sink, traceId, spanId);
  if (refSpan === undefined) {
    warn(sink, 'invalid-id', `reference #${index} of span ${spanId} has no spanID; dropped`, traceId, spanId);
    return undefined;
  }
  const refTrace = readId(ownEither(raw, 'traceID', 'traceId'), 'trace', 'reference traceID', sink, traceId, spanId) ?? traceId;
  return { type: refTypeOf(ownValue(raw, 'refType')), traceId: refTrace, spanId: refSpan };
}

/** A reference into the span's own trace that names a span (an all-zero id names none, as in Jaeger's model). */
function local(ref: SpanRef, traceId: string): boolean {
  return ref.traceId === traceId && ref.spanId !== NO_SPAN;
}

function parentIndex(refs: readonly SpanRef[], traceId: string): number {
  const child = refs.findIndex((r) => r.type === 'child_of' && local(r, traceId));
  return child >= 0 ? child : refs.findIndex((r) => r.type === 'follows_from' && local(r, traceId));
}

/** The parent id from a `parentSpanID` field: "", zeros and absence mean none; a bad string is kept. */
function parentFromField(raw: unknown, traceId: string, spanId: string, sink: WarningSink): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (normalizeSpanId(raw) !== undefined) return normalizeParentId(raw);
  warn(sink, 'invalid-id', `parentSpanID ${JSON.stringify(raw)} is not a hex or base64 span id; kept as given`, traceId, spanId);
  return fallbackId(raw);
}

export function decodeLineage(
  rawRefs: unknown,
  parentField: unknown,
  traceId: string,
  spanId: string,
  sink: WarningSink,
): Lineage {
  const refs: SpanRef[] = [];
  if (Array.isArray(rawRefs)) {
    rawRefs.forEach((raw, i) => {
      const ref = decodeReference(raw, i, traceId, spanId, sink);
      if (ref) refs.push(ref);
    });
  }
  const at = parentIndex(refs, traceId);
  const parent = refs[at];
  if (parent !== undefined) {
    refs.splice(at, 1);
    return { parentId: parent.spanId, parentType: parent.type === 'follows_from' ? 'follows_from' : 'child_of', refs };
  }
  const fromField = parentFromField(parentField, traceId, spanId, sink);
  return fromField !== undefined ? { parentId: fromField, parentType: 'child_of', refs } : { refs };
}
