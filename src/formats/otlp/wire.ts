/**
 * The OTLP JSON shapes (opentelemetry-proto trace/v1, common/v1, resource/v1) as tracectl meets them.
 *
 * Every field is `unknown` on purpose: a dump is untrusted, and producers disagree on encodings
 * (int64 as strings or numbers, enums as numbers or names, ids as hex or base64). Typing the fields
 * as `unknown` forces each mapper to narrow before use, so a wrong type becomes a warning instead of
 * a crash. These types never leave src/formats/otlp/.
 */

/** `ExportTraceServiceRequest` / `TracesData`; Tempo v1 API names the array `batches`. */
export interface WireTracesDocument {
  readonly resourceSpans?: unknown;
  readonly batches?: unknown;
  /** Jaeger api_v3 grpc-gateway wrapper: `{"result":{"resourceSpans":[...]}}`. */
  readonly result?: unknown;
  /** Tempo v2 API wrapper: `{"trace":{"resourceSpans":[...]},"status":...}`. */
  readonly trace?: unknown;
}

export interface WireResourceSpans {
  readonly resource?: unknown;
  readonly scopeSpans?: unknown;
  /** OTLP < 0.15 (Tempo <= 2.5): the same content under older names. */
  readonly instrumentationLibrarySpans?: unknown;
  readonly schemaUrl?: unknown;
}

export interface WireResource {
  readonly attributes?: unknown;
}

/** `ScopeSpans`, or the older `InstrumentationLibrarySpans`. */
export interface WireScopeSpans {
  readonly scope?: unknown;
  readonly instrumentationLibrary?: unknown;
  readonly spans?: unknown;
}

/** `InstrumentationScope` / `InstrumentationLibrary`. */
export interface WireScope {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly attributes?: unknown;
}

export interface WireSpan {
  readonly traceId?: unknown;
  readonly spanId?: unknown;
  readonly parentSpanId?: unknown;
  readonly traceState?: unknown;
  readonly flags?: unknown;
  readonly name?: unknown;
  readonly kind?: unknown;
  readonly startTimeUnixNano?: unknown;
  readonly endTimeUnixNano?: unknown;
  readonly attributes?: unknown;
  readonly events?: unknown;
  readonly links?: unknown;
  readonly status?: unknown;
}

export interface WireEvent {
  readonly timeUnixNano?: unknown;
  readonly name?: unknown;
  readonly attributes?: unknown;
}

export interface WireLink {
  readonly traceId?: unknown;
  readonly spanId?: unknown;
  readonly traceState?: unknown;
  readonly attributes?: unknown;
}

export interface WireStatus {
  readonly code?: unknown;
  readonly message?: unknown;
  /** OTLP 0.7-0.9 kept the old gRPC-style code here; it still carries errors from old senders. */
  readonly deprecatedCode?: unknown;
}

/** One attribute: `{key, value: AnyValue}`. */
export interface WireKeyValue {
  readonly key?: unknown;
  readonly value?: unknown;
}

/** `AnyValue`: a protobuf oneof, so exactly one of these is expected (none means an empty value). */
export interface WireAnyValue {
  readonly stringValue?: unknown;
  readonly boolValue?: unknown;
  readonly intValue?: unknown;
  readonly doubleValue?: unknown;
  readonly bytesValue?: unknown;
  readonly arrayValue?: unknown;
  readonly kvlistValue?: unknown;
}

/** `ArrayValue` and `KeyValueList` both hold their items in `values`. */
export interface WireValues {
  readonly values?: unknown;
}
