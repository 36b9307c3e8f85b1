/**
 * `Span` (trace.proto) and its `Event`, `Link` and `Status` from protobuf to OTLP JSON, field
 * numbers as in opentelemetry-proto trace/v1/trace.proto. Ids become hex, fixed64 times decimal
 * strings (they exceed 2^53), enums numbers.
 */
import { readKeyValue } from './any-value.js';
import { expectWire } from './expect-wire.js';
import type { JsonEvent, JsonLink, JsonSpan, JsonStatus } from './otlp-json.js';
import { type ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './proto-reader.js';

export function readSpan(r: ProtoReader): JsonSpan {
  const span: JsonSpan = {
    traceId: '',
    spanId: '',
    name: '',
    kind: 0,
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    attributes: [],
    events: [],
    links: [],
    status: {},
  };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        expectWire(r, wire, WIRE_LEN, 'Span.trace_id');
        span.traceId = r.hex();
        break;
      case 2:
        expectWire(r, wire, WIRE_LEN, 'Span.span_id');
        span.spanId = r.hex();
        break;
      case 3:
        expectWire(r, wire, WIRE_LEN, 'Span.trace_state');
        setIfNotEmpty(span, 'traceState', r.string());
        break;
      case 4:
        expectWire(r, wire, WIRE_LEN, 'Span.parent_span_id');
        setIfNotEmpty(span, 'parentSpanId', r.hex());
        break;
      case 5:
        expectWire(r, wire, WIRE_LEN, 'Span.name');
        span.name = r.string();
        break;
      case 6:
        expectWire(r, wire, WIRE_VARINT, 'Span.kind');
        span.kind = r.int32();
        break;
      case 7:
        expectWire(r, wire, WIRE_FIXED64, 'Span.start_time_unix_nano');
        span.startTimeUnixNano = r.fixed64().toString();
        break;
      case 8:
        expectWire(r, wire, WIRE_FIXED64, 'Span.end_time_unix_nano');
        span.endTimeUnixNano = r.fixed64().toString();
        break;
      case 9:
        expectWire(r, wire, WIRE_LEN, 'Span.attributes');
        span.attributes.push(readKeyValue(r.message()));
        break;
      case 10:
        expectWire(r, wire, WIRE_VARINT, 'Span.dropped_attributes_count');
        setIfNotZero(span, 'droppedAttributesCount', r.uint32());
        break;
      case 11:
        expectWire(r, wire, WIRE_LEN, 'Span.events');
        span.events.push(readEvent(r.message()));
        break;
      case 12:
        expectWire(r, wire, WIRE_VARINT, 'Span.dropped_events_count');
        setIfNotZero(span, 'droppedEventsCount', r.uint32());
        break;
      case 13:
        expectWire(r, wire, WIRE_LEN, 'Span.links');
        span.links.push(readLink(r.message()));
        break;
      case 14:
        expectWire(r, wire, WIRE_VARINT, 'Span.dropped_links_count');
        setIfNotZero(span, 'droppedLinksCount', r.uint32());
        break;
      case 15:
        expectWire(r, wire, WIRE_LEN, 'Span.status');
        span.status = readStatus(r.message());
        break;
      case 16:
        expectWire(r, wire, WIRE_FIXED32, 'Span.flags');
        setIfNotZero(span, 'flags', r.fixed32());
        break;
      default:
        r.skip(wire);
    }
  }
  return inFieldOrder(span);
}

/** The keys in proto field order (as the Collector writes them), whatever order the fields came in. */
function inFieldOrder(span: JsonSpan): JsonSpan {
  const { traceId, spanId, traceState, parentSpanId, flags, name, kind, startTimeUnixNano, endTimeUnixNano, attributes, droppedAttributesCount } = span;
  const { events, droppedEventsCount, links, droppedLinksCount, status } = span;
  return {
    traceId,
    spanId,
    ...(traceState !== undefined ? { traceState } : {}),
    ...(parentSpanId !== undefined ? { parentSpanId } : {}),
    ...(flags !== undefined ? { flags } : {}),
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    ...(droppedAttributesCount !== undefined ? { droppedAttributesCount } : {}),
    events,
    ...(droppedEventsCount !== undefined ? { droppedEventsCount } : {}),
    links,
    ...(droppedLinksCount !== undefined ? { droppedLinksCount } : {}),
    status,
  };
}

function readEvent(r: ProtoReader): JsonEvent {
  const event: JsonEvent = { timeUnixNano: '0', name: '', attributes: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_FIXED64, 'Event.time_unix_nano');
      event.timeUnixNano = r.fixed64().toString();
    } else if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'Event.name');
      event.name = r.string();
    } else if (field === 3) {
      expectWire(r, wire, WIRE_LEN, 'Event.attributes');
      event.attributes.push(readKeyValue(r.message()));
    } else if (field === 4) {
      expectWire(r, wire, WIRE_VARINT, 'Event.dropped_attributes_count');
      setIfNotZero(event, 'droppedAttributesCount', r.uint32());
    } else r.skip(wire);
  }
  return event;
}

function readLink(r: ProtoReader): JsonLink {
  const link: JsonLink = { traceId: '', spanId: '', attributes: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        expectWire(r, wire, WIRE_LEN, 'Link.trace_id');
        link.traceId = r.hex();
        break;
      case 2:
        expectWire(r, wire, WIRE_LEN, 'Link.span_id');
        link.spanId = r.hex();
        break;
      case 3:
        expectWire(r, wire, WIRE_LEN, 'Link.trace_state');
        setIfNotEmpty(link, 'traceState', r.string());
        break;
      case 4:
        expectWire(r, wire, WIRE_LEN, 'Link.attributes');
        link.attributes.push(readKeyValue(r.message()));
        break;
      case 5:
        expectWire(r, wire, WIRE_VARINT, 'Link.dropped_attributes_count');
        setIfNotZero(link, 'droppedAttributesCount', r.uint32());
        break;
      case 6:
        expectWire(r, wire, WIRE_FIXED32, 'Link.flags');
        setIfNotZero(link, 'flags', r.fixed32());
        break;
      default:
        r.skip(wire);
    }
  }
  return link;
}

function readStatus(r: ProtoReader): JsonStatus {
  const status: JsonStatus = {};
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'Status.message');
      setIfNotEmpty(status, 'message', r.string());
    } else if (field === 3) {
      expectWire(r, wire, WIRE_VARINT, 'Status.code');
      setIfNotZero(status, 'code', r.int32());
    } else r.skip(wire); // 1 was deprecated_code: reserved now, skipped like any unknown field
  }
  return status;
}

/** Proto3 JSON leaves default values out. */
function setIfNotZero<T extends object, K extends keyof T>(target: T, key: K, value: number): void {
  if (value !== 0) (target as Record<K, number>)[key] = value;
}

function setIfNotEmpty<T extends object, K extends keyof T>(target: T, key: K, value: string): void {
  if (value !== '') (target as Record<K, string>)[key] = value;
}

