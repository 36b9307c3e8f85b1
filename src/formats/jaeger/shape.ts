/**
 * Which Jaeger shape a parsed record is, from its keys alone (cheap enough to run per record).
 * Jaeger spans carry `traceID`+`spanID` (UI JSON) or `traceId`+`spanId`+`operationName`
 * (api_v2 protobuf-JSON; Zipkin has `id`, OTLP spans have `name` and never arrive alone). A span
 * container has a `spans` array; api_v2's HTTP gateway wraps one in `{"result": ...}`, and a whole
 * query-API response keeps its traces in `data`.
 */
import { isObject } from '../decoder.js';
import { ownValue } from './own.js';

type Obj = Readonly<Record<string, unknown>>;

export function isJaegerSpan(record: Obj): boolean {
  const ui = ownValue(record, 'traceID') !== undefined && ownValue(record, 'spanID') !== undefined;
  const v2 =
    ownValue(record, 'traceId') !== undefined &&
    ownValue(record, 'spanId') !== undefined &&
    ownValue(record, 'operationName') !== undefined;
  return ui || v2;
}

/** A trace or span list; OTLP requests (`resourceSpans`) never have a bare `spans` array. */
export function isSpanContainer(record: Obj): boolean {
  return Array.isArray(ownValue(record, 'spans')) && ownValue(record, 'resourceSpans') === undefined;
}

/** The span container inside an api_v2 gateway `{"result": {"spans": [...]}}`, if that is what this is. */
export function gatewayResult(record: Obj): Obj | undefined {
  const result = ownValue(record, 'result');
  return isObject(result) && isSpanContainer(result) ? result : undefined;
}

/** The query-API envelope `{"data": [...]}` or jaeger-ui's `{"data": {"spans": [...]}}`. */
export function envelopeData(record: Obj): unknown[] | Obj | undefined {
  const data = ownValue(record, 'data');
  if (Array.isArray(data)) return data;
  return isObject(data) && isSpanContainer(data) ? data : undefined;
}
