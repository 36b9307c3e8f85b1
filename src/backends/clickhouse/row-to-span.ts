/**
 * A row of the exporter's table as tracectl's normalized span, for the commands that fetch traces
 * and analyse them locally. The row is what the Collector received as OTLP, so the span reads as
 * the same span decoded from an OTLP dump would: ids normalized (model/ids.ts), the service ''
 * read as unknown_service, kind and status in either exporter spelling (columns.ts), the host from
 * the resource (formats/host-key.ts), links as refs. Attribute values are text, as stored.
 */
import { hostFromResource } from '../../formats/host-key.js';
import { fallbackId, normalizeParentId, normalizeSpanId, normalizeTraceId } from '../../model/ids.js';
import type { Attributes, Span, SpanEvent, SpanRef } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import { spanKindOf, statusOf } from './columns.js';
import type { Row } from './connection.js';

/** The columns the fetch statement selects, in the names this reads. */
export const SPAN_COLUMNS = `TraceId AS trace_id,
    SpanId AS span_id,
    ParentSpanId AS parent_id,
    SpanName AS name,
    SpanKind AS kind,
    ServiceName AS service,
    ResourceAttributes AS resource,
    SpanAttributes AS attributes,
    toString(Duration) AS duration_ns,
    StatusCode AS status,
    StatusMessage AS status_message,
    toString(toUnixTimestamp64Nano(Timestamp)) AS start_ns,
    arrayMap(t -> toString(toUnixTimestamp64Nano(t)), Events.Timestamp) AS event_ns,
    Events.Name AS event_names,
    Events.Attributes AS event_attributes,
    Links.TraceId AS link_trace_ids,
    Links.SpanId AS link_span_ids,
    Links.Attributes AS link_attributes`;

export function rowToSpan(row: Row): Span {
  const traceId = normalizeTraceId(row.trace_id) ?? fallbackId(row.trace_id) ?? '';
  const spanId = normalizeSpanId(row.span_id) ?? fallbackId(row.span_id) ?? '';
  const parentRaw = String(row.parent_id ?? '');
  const parentId = parentRaw === '' ? undefined : (normalizeParentId(parentRaw) ?? fallbackId(parentRaw));
  const resource = attributes(row.resource);
  const statusMessage = String(row.status_message ?? '');
  const host = hostFromResource(resource);
  const duration = Number(row.duration_ns);
  return {
    traceId,
    spanId,
    ...(parentId !== undefined ? { parentId, parentType: 'child_of' as const } : {}),
    refs: links(row),
    service: String(row.service ?? '') === '' ? UNKNOWN_SERVICE : String(row.service),
    operation: String(row.name ?? ''),
    kind: spanKindOf(String(row.kind ?? '')),
    startNs: BigInt(String(row.start_ns)),
    durationNs: Number.isSafeInteger(duration) && duration >= 0 ? duration : 0,
    timing: 'exact',
    status: statusOf(String(row.status ?? '')),
    ...(statusMessage !== '' ? { statusMessage } : {}),
    attributes: attributes(row.attributes),
    resource,
    events: events(row),
    ...(host !== undefined ? { host } : {}),
    format: 'otlp',
  };
}

function attributes(value: unknown): Attributes {
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = String(v);
  return out;
}

function events(row: Row): SpanEvent[] {
  const times = (row.event_ns as unknown[] | undefined) ?? [];
  const names = (row.event_names as unknown[] | undefined) ?? [];
  const attrs = (row.event_attributes as unknown[] | undefined) ?? [];
  return times.map((t, i) => ({ timeNs: BigInt(String(t)), name: String(names[i] ?? ''), attributes: attributes(attrs[i]) }));
}

function links(row: Row): SpanRef[] {
  const traces = (row.link_trace_ids as unknown[] | undefined) ?? [];
  const spans = (row.link_span_ids as unknown[] | undefined) ?? [];
  const attrs = (row.link_attributes as unknown[] | undefined) ?? [];
  return traces.map((t, i) => {
    const a = attributes(attrs[i]);
    return {
      type: 'link' as const,
      traceId: normalizeTraceId(t) ?? fallbackId(t) ?? '',
      spanId: normalizeSpanId(spans[i]) ?? fallbackId(spans[i]) ?? '',
      ...(Object.keys(a).length > 0 ? { attributes: a } : {}),
    };
  });
}
