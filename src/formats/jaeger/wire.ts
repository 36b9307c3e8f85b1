/**
 * The Jaeger JSON shapes tracectl reads, as they arrive on the wire. Every field is `unknown`:
 * dumps are untrusted, so the mappers narrow each field where they read it instead of trusting a
 * cast. Two dialects share these shapes: the UI / query API JSON (`traceID`, `spanID`, µs numbers,
 * `{key,type,value}` tags) and the api_v2 protobuf-JSON (`traceId`, `spanId` in base64, RFC 3339
 * times, `"100000ns"` durations, `{key,vType,vStr,...}` tags). These types never leave this folder.
 */

/** One tag or log field: `{key,type,value}` (UI JSON) or `{key,vType,vStr,vBool,...}` (api_v2 protobuf-JSON). */
export interface WireTag {
  readonly key?: unknown;
  readonly type?: unknown;
  readonly value?: unknown;
  readonly vType?: unknown;
  readonly vStr?: unknown;
  readonly vBool?: unknown;
  readonly vInt64?: unknown;
  readonly vFloat64?: unknown;
  readonly vBinary?: unknown;
}

/** A process: the service and its tags (UI `processes[pID]`, or a span's inline `process`). */
export interface WireProcess {
  readonly serviceName?: unknown;
  readonly tags?: unknown;
}

/** A span reference. jaeger-ui's internal shape adds an embedded `span` object, which is ignored. */
export interface WireReference {
  readonly refType?: unknown;
  readonly traceID?: unknown;
  readonly spanID?: unknown;
  readonly traceId?: unknown;
  readonly spanId?: unknown;
}

/** A span log: a timestamp (µs number or RFC 3339) and fields shaped like tags. */
export interface WireLog {
  readonly timestamp?: unknown;
  readonly fields?: unknown;
}

export interface WireSpan {
  readonly traceID?: unknown;
  readonly traceId?: unknown;
  readonly spanID?: unknown;
  readonly spanId?: unknown;
  /** Emitted by some tools instead of (or besides) a reference. */
  readonly parentSpanID?: unknown;
  readonly parentSpanId?: unknown;
  readonly operationName?: unknown;
  readonly references?: unknown;
  readonly startTime?: unknown;
  readonly duration?: unknown;
  readonly tags?: unknown;
  readonly logs?: unknown;
  readonly processID?: unknown;
  readonly processId?: unknown;
  readonly process?: unknown;
}

/**
 * A trace (UI JSON: `{traceID, spans, processes, warnings}`) or an api_v2 span list
 * (`{spans}` from a query, `{spans, process}` when it is a Batch whose spans share one process).
 */
export interface WireTrace {
  readonly traceID?: unknown;
  readonly spans?: unknown;
  readonly processes?: unknown;
  readonly process?: unknown;
}
