/**
 * Normalized spans to Zipkin v2 JSON, written as a list of traces (`GET /api/v2/traces`: an array
 * of span arrays), one trace per line.
 *
 * What Zipkin keeps: ids (a Zipkin client/server pair keeps its shared id, the server half marked
 * `shared`), name, kind, times in whole microseconds, the service and address of both endpoints,
 * tags, status (encode-tags.ts) and events as annotations. What it loses, counted per conversion:
 * sub-microsecond times (start and end rounded down; a positive duration is at least 1 µs, and a
 * duration of exactly 0 cannot be written because Zipkin reads 0 as unknown), links and references,
 * FOLLOWS_FROM parents (written as plain parents), event attributes (folded into the annotation
 * text, as the OpenTelemetry Zipkin mapping does), resource attributes other than the service name,
 * address and port, host names, typed attribute values, and the kind "unspecified".
 */
import type { Span, SpanEvent } from '../../model/span.js';
import type { SpanGroup, WireEncoder } from '../encode/contract.js';
import { LossTally } from '../encode/losses.js';
import { floorMicros, spanMicros } from '../encode/micros.js';
import { type ZipkinEndpointOut, localEndpoint, remoteEndpoint } from './encode-endpoints.js';
import { type ZipkinTags, zipkinTags } from './encode-tags.js';

interface ZipkinAnnotationOut {
  readonly timestamp: number;
  readonly value: string;
}

export interface ZipkinSpanOut {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  timestamp?: number;
  duration?: number;
  localEndpoint?: ZipkinEndpointOut;
  remoteEndpoint?: ZipkinEndpointOut;
  annotations?: ZipkinAnnotationOut[];
  tags?: ZipkinTags;
  shared?: true;
}

const KINDS: Partial<Record<Span['kind'], ZipkinSpanOut['kind']>> = {
  client: 'CLIENT',
  server: 'SERVER',
  producer: 'PRODUCER',
  consumer: 'CONSUMER',
};

/** `"name": {attributes}` when the event has attributes (besides a Jaeger `event` field repeating the name). */
function annotationValue(event: SpanEvent, losses: LossTally): string {
  const attrs = Object.entries(event.attributes).filter(([key, value]) => !(key === 'event' && value === event.name));
  if (attrs.length === 0) return event.name;
  losses.add('event-attributes');
  const object = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of attrs) object[key] = value;
  return `${JSON.stringify(event.name)}: ${JSON.stringify(object)}`;
}

function annotationsOf(span: Span, losses: LossTally): ZipkinAnnotationOut[] {
  const out: ZipkinAnnotationOut[] = [];
  for (const event of span.events) {
    const timestamp = floorMicros(event.timeNs);
    if (timestamp <= 0) {
      losses.add('event-time');
      continue;
    }
    out.push({ timestamp, value: annotationValue(event, losses) });
  }
  return out;
}

function setTiming(out: ZipkinSpanOut, span: Span, losses: LossTally): void {
  if (span.timing === 'missing') {
    const us = Math.floor(span.durationNs / 1000);
    if (us > 0) out.duration = us;
    return;
  }
  const time = spanMicros(span);
  if (time.lossy) losses.add('sub-microsecond');
  out.timestamp = time.startUs;
  if (span.timing === 'no-duration') return;
  if (span.durationNs === 0) losses.add('zero-duration');
  else out.duration = Math.max(1, time.durationUs);
}

function spanOf(span: Span, clientIds: ReadonlySet<string>, losses: LossTally): ZipkinSpanOut {
  const out: ZipkinSpanOut = { traceId: span.traceId, id: span.spanId, name: span.operation };
  if (span.parentId !== undefined) {
    out.parentId = span.parentId;
    if (span.parentType === 'follows_from') losses.add('follows-from-parent');
  }
  losses.add('links', span.refs.length);
  if (span.traceState !== undefined || span.sampling !== undefined) losses.add('sampling');
  const kind = KINDS[span.kind];
  if (kind !== undefined) out.kind = kind;
  else if (span.kind === 'unspecified') losses.add('kind-unspecified');
  setTiming(out, span, losses);
  const local = localEndpoint(span, losses);
  if (local !== undefined) out.localEndpoint = local;
  const remote = remoteEndpoint(span);
  if (remote.endpoint !== undefined) out.remoteEndpoint = remote.endpoint;
  const annotations = annotationsOf(span, losses);
  if (annotations.length > 0) out.annotations = annotations;
  const tags = zipkinTags(span, remote.used, losses);
  if (Object.keys(tags).length > 0) out.tags = tags;
  // A server half read from another format lost Zipkin's flag; its client half in the trace tells it.
  const inferred = span.format !== 'zipkin' && span.kind === 'server' && clientIds.has(span.spanId);
  if (span.shared === true || inferred) out.shared = true;
  return out;
}

/** One trace as a Zipkin v2 span list. */
export function encodeZipkinTrace(group: SpanGroup, losses: LossTally): ZipkinSpanOut[] {
  const clientIds = new Set(group.spans.filter((s) => s.kind === 'client').map((s) => s.spanId));
  return group.spans.map((span) => spanOf(span, clientIds, losses));
}

/** A whole dump as a list of traces, one trace per line. */
export function zipkinEncoder(): WireEncoder {
  const losses = new LossTally();
  let count = 0;
  return {
    losses,
    head: () => '[',
    trace(group) {
      const text = JSON.stringify(encodeZipkinTrace(group, losses));
      return `${count++ === 0 ? '\n' : ',\n'}${text}`;
    },
    tail: () => `${count > 0 ? '\n' : ''}]\n`,
  };
}
