/**
 * The three ids of a Zipkin span, normalized so they meet ids written by other producers
 * ("1" and "c26551047c72d19" are padded; a 128-bit trace id with a zero high half is shortened).
 * An id the normalizers reject is kept as given, with a warning, so the span still links up with
 * other spans carrying the same odd id; a missing trace or span id makes the span unusable.
 */
import { fallbackId, normalizeParentId, normalizeSpanId, normalizeTraceId } from '../../model/ids.js';
import type { WarnSink } from './warn-sink.js';

export interface SpanIds {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId?: string;
}

/** Raw id fields as found on the span object. */
export interface RawIds {
  readonly traceId: unknown;
  readonly id: unknown;
  readonly parentId: unknown;
}

/** A string or number that is not empty: something that was meant as an id. */
function isPresent(raw: unknown): boolean {
  return (typeof raw === 'string' && raw !== '') || (typeof raw === 'number' && Number.isFinite(raw));
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
}

/**
 * Normalized ids, or undefined (after a `skipped-span` warning) when the trace or span id is
 * missing.
 */
export function readSpanIds(raw: RawIds, sink: WarnSink): SpanIds | undefined {
  if (!isPresent(raw.traceId) || !isPresent(raw.id)) {
    const missing = !isPresent(raw.traceId) ? 'traceId' : 'id';
    const where = isPresent(raw.traceId) ? { traceId: fallbackId(raw.traceId) } : {};
    sink.add('skipped-span', `Zipkin span without ${missing}: skipped`, where);
    return undefined;
  }
  let traceId = normalizeTraceId(raw.traceId);
  if (traceId === undefined) {
    traceId = fallbackId(raw.traceId) as string;
    sink.add('invalid-id', `trace id ${describe(raw.traceId)} is not a hex id: kept as given`, { traceId });
  }
  let spanId = normalizeSpanId(raw.id);
  if (spanId === undefined) {
    spanId = fallbackId(raw.id) as string;
    sink.add('invalid-id', `span id ${describe(raw.id)} is not a hex id: kept as given`, { traceId, spanId });
  }
  const parentId = readParentId(raw.parentId, sink, traceId, spanId);
  return parentId === undefined ? { traceId, spanId } : { traceId, spanId, parentId };
}

function readParentId(raw: unknown, sink: WarnSink, traceId: string, spanId: string): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parentId = normalizeParentId(raw);
  if (parentId !== undefined) return parentId;
  if (normalizeSpanId(raw) !== undefined) return undefined; // a valid id of all zeros: "no parent"
  const kept = isPresent(raw) ? fallbackId(raw) : undefined;
  const what = kept === undefined ? 'dropped' : 'kept as given';
  sink.add('invalid-id', `parent id ${describe(raw)} is not a hex id: ${what}`, { traceId, spanId });
  return kept;
}
