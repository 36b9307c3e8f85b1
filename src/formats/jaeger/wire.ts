/**
 * The Jaeger JSON shapes tracectl reads, as they arrive on the wire. Every field is `unknown`:
 * dumps are untrusted, so the mappers narrow each field where they read it instead of trusting a
 * cast. Two dialects share these shapes: the UI / query API JSON (`traceID`, `spanID`, µs numbers,
 * `{key,type,value}` tags) and the api_v2 protobuf-JSON (`traceId`, `spanId` in base64, RFC 3339
 * times, `"100000ns"` durations, `{key,vType,vStr,...}` tags). These types never leave this folder.
 */

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
