/**
 * The environment that points OpenTelemetry and Zipkin exporters in a child process at the
 * receiver. The general OTLP variables are what the SDKs read (the spec's names); the per-signal
 * traces variables are set too because a CI machine may already export them pointing elsewhere,
 * and they win over the general ones.
 */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export function exporterEnv(baseUrl: string, protocol: OtlpProtocol): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: baseUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${baseUrl}/v1/traces`,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol,
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${baseUrl}/api/v2/spans`,
  };
}
