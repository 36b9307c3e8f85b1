/**
 * The OTLP JSON objects the protobuf decoder produces: the protobuf JSON mapping of
 * opentelemetry-proto (lowerCamelCase names, ids as hex, 64-bit integers as decimal strings, enums
 * as numbers, bytes as base64), which is also what OTLP/HTTP JSON senders post. Fields holding the
 * proto3 default (0, "", empty list) are left out, as protobuf JSON writers do.
 */

export type JsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: JsonAnyValue[] } }
  | { kvlistValue: { values: JsonKeyValue[] } }
  | Record<string, never>;

export interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}

export interface JsonResource {
  attributes: JsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface JsonScope {
  name?: string;
  version?: string;
  attributes?: JsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface JsonEvent {
  timeUnixNano: string;
  name: string;
  attributes: JsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface JsonLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes: JsonKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

export interface JsonStatus {
  message?: string;
  code?: number;
}

export interface JsonSpan {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: JsonKeyValue[];
  droppedAttributesCount?: number;
  events: JsonEvent[];
  droppedEventsCount?: number;
  links: JsonLink[];
  droppedLinksCount?: number;
  status: JsonStatus;
}

export interface JsonScopeSpans {
  scope?: JsonScope;
  spans: JsonSpan[];
  schemaUrl?: string;
}

/** Senders older than OTLP 0.15 name the scope `instrumentationLibrary`. */
export interface JsonLibrarySpans {
  instrumentationLibrary?: JsonScope;
  spans: JsonSpan[];
  schemaUrl?: string;
}

export interface JsonResourceSpans {
  resource?: JsonResource;
  scopeSpans: JsonScopeSpans[];
  instrumentationLibrarySpans?: JsonLibrarySpans[];
  schemaUrl?: string;
}

export interface JsonTraceRequest {
  resourceSpans: JsonResourceSpans[];
}
