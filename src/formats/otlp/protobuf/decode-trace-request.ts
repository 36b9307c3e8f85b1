/**
 * An OTLP/HTTP protobuf body (`ExportTraceServiceRequest`, the same wire layout as `TracesData`) to
 * the OTLP JSON object a JSON sender would have posted, so everything after the receiver sees one
 * shape. Field numbers follow opentelemetry-proto trace.proto, common.proto and resource.proto;
 * unknown fields are skipped, as protobuf requires, so newer senders still decode.
 */
import { readKeyValue } from './any-value.js';
import { expectWire } from './expect-wire.js';
import type { JsonLibrarySpans, JsonResource, JsonResourceSpans, JsonScope, JsonScopeSpans, JsonSpan, JsonTraceRequest } from './otlp-json.js';
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './proto-reader.js';
import { readSpan } from './read-span.js';

/** ResourceSpans field 1000: `instrumentation_library_spans`, written by senders before OTLP 0.15. */
const LEGACY_LIBRARY_SPANS = 1000;

/** Decodes a whole request body. Throws `ProtoError` (with the byte offset) on malformed input. */
export function decodeTraceRequest(body: Buffer): JsonTraceRequest {
  const r = new ProtoReader(body);
  const request: JsonTraceRequest = { resourceSpans: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'ExportTraceServiceRequest.resource_spans');
      request.resourceSpans.push(readResourceSpans(r.message()));
    } else r.skip(wire);
  }
  return request;
}

function readResourceSpans(r: ProtoReader): JsonResourceSpans {
  const out: JsonResourceSpans = { scopeSpans: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'ResourceSpans.resource');
      out.resource = readResource(r.message());
    } else if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'ResourceSpans.scope_spans');
      out.scopeSpans.push(readScopeSpans(r.message()));
    } else if (field === 3) {
      expectWire(r, wire, WIRE_LEN, 'ResourceSpans.schema_url');
      const url = r.string();
      if (url !== '') out.schemaUrl = url;
    } else if (field === LEGACY_LIBRARY_SPANS) {
      expectWire(r, wire, WIRE_LEN, 'ResourceSpans.instrumentation_library_spans');
      const legacy = readScopeSpans(r.message());
      const library: JsonLibrarySpans = { spans: legacy.spans };
      if (legacy.scope !== undefined) library.instrumentationLibrary = legacy.scope;
      if (legacy.schemaUrl !== undefined) library.schemaUrl = legacy.schemaUrl;
      (out.instrumentationLibrarySpans ??= []).push(library);
    } else r.skip(wire);
  }
  // resource first, as senders and the Collector write it.
  const { resource, ...rest } = out;
  return resource !== undefined ? { resource, ...rest } : rest;
}

function readResource(r: ProtoReader): JsonResource {
  const resource: JsonResource = { attributes: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'Resource.attributes');
      resource.attributes.push(readKeyValue(r.message()));
    } else if (field === 2) {
      expectWire(r, wire, WIRE_VARINT, 'Resource.dropped_attributes_count');
      const dropped = r.uint32();
      if (dropped !== 0) resource.droppedAttributesCount = dropped;
    } else r.skip(wire); // 3: entity_refs, not needed to read traces
  }
  return resource;
}

/** `ScopeSpans`; the legacy `InstrumentationLibrarySpans` has the same field numbers. */
function readScopeSpans(r: ProtoReader): JsonScopeSpans {
  const out: JsonScopeSpans = { spans: [] };
  const spans: JsonSpan[] = out.spans;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'ScopeSpans.scope');
      out.scope = readScope(r.message());
    } else if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'ScopeSpans.spans');
      spans.push(readSpan(r.message()));
    } else if (field === 3) {
      expectWire(r, wire, WIRE_LEN, 'ScopeSpans.schema_url');
      const url = r.string();
      if (url !== '') out.schemaUrl = url;
    } else r.skip(wire);
  }
  return out;
}

/** `InstrumentationScope` (and the legacy `InstrumentationLibrary`, fields 1 and 2 only). */
function readScope(r: ProtoReader): JsonScope {
  const scope: JsonScope = {};
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'InstrumentationScope.name');
      scope.name = r.string();
    } else if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'InstrumentationScope.version');
      const version = r.string();
      if (version !== '') scope.version = version;
    } else if (field === 3) {
      expectWire(r, wire, WIRE_LEN, 'InstrumentationScope.attributes');
      (scope.attributes ??= []).push(readKeyValue(r.message()));
    } else if (field === 4) {
      expectWire(r, wire, WIRE_VARINT, 'InstrumentationScope.dropped_attributes_count');
      const dropped = r.uint32();
      if (dropped !== 0) scope.droppedAttributesCount = dropped;
    } else r.skip(wire);
  }
  return scope;
}
