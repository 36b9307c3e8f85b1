/**
 * The one place a Zipkin span (v1 or v2, after their different readings) becomes a normalized Span,
 * so both versions agree on service, resource, host, peer attributes and status.
 */
import { type AttrValue, type Span, type SpanEvent, type SpanKind, UNKNOWN_SERVICE } from '../../model/span.js';
import { setAttr } from '../attr-record.js';
import { type Endpoint, endpointHost, endpointResource, peerAttributes } from './endpoint.js';
import { statusFromTags } from './error-status.js';
import type { SpanIds } from './span-ids.js';
import type { Timing } from './timing.js';

export interface SpanParts {
  readonly ids: SpanIds;
  readonly name: string;
  readonly kind: SpanKind;
  readonly timing: Timing;
  /** Who recorded the span. */
  readonly local: Endpoint | undefined;
  /** Who it talked to. */
  readonly remote: Endpoint | undefined;
  /** v2 tags or v1 binary annotations, as strings, in input order. */
  readonly tags: ReadonlyMap<string, string>;
  readonly events: SpanEvent[];
  /** The server half of an RPC whose client half has the same id. */
  readonly shared: boolean;
  /** An `error` tag was there but left out (its value was no text): the span failed all the same. */
  readonly failed?: boolean;
}

export function buildSpan(parts: SpanParts): Span {
  const { ids, timing, local } = parts;
  // Peer facts first, so a tag the instrumentation wrote itself (peer.service, ...) wins.
  const attributes: Record<string, AttrValue> = peerAttributes(parts.remote);
  const tagRecord: Record<string, string> = {};
  for (const [key, value] of parts.tags) {
    setAttr(attributes, key, value);
    setAttr(tagRecord, key, value);
  }
  if (parts.failed === true && !Object.hasOwn(tagRecord, 'error')) setAttr(tagRecord, 'error', '');
  const { status, statusMessage } = statusFromTags(tagRecord);
  const span: { -readonly [K in keyof Span]: Span[K] } = {
    traceId: ids.traceId,
    spanId: ids.spanId,
    refs: [],
    service: local?.serviceName ?? UNKNOWN_SERVICE,
    operation: parts.name,
    kind: parts.kind,
    startNs: timing.startNs,
    durationNs: timing.durationNs,
    timing: timing.timing,
    status,
    attributes,
    resource: endpointResource(local),
    events: parts.events,
    format: 'zipkin',
  };
  if (ids.parentId !== undefined) {
    span.parentId = ids.parentId;
    span.parentType = 'child_of';
  }
  if (statusMessage !== undefined) span.statusMessage = statusMessage;
  const host = endpointHost(local);
  if (host !== undefined) span.host = host;
  if (parts.shared) span.shared = true;
  return span;
}
