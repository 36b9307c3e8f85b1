/**
 * The tag in which Jaeger keeps a span's W3C tracestate (Jaeger has no field for it): the name the
 * OpenTelemetry Collector's Jaeger translator and Jaeger's own storage use, so tracestate (and with
 * it an `ot=th:` sampling threshold) survives a trip through Jaeger JSON.
 */
export const TRACE_STATE_TAG = 'w3c.tracestate';
