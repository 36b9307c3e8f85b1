import { describe, expect, it } from 'vitest';
import type { RecordHint } from '../../../src/formats/decoder.js';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';

describe('otlpDecoder.accepts', () => {
  it.each<[string, unknown, RecordHint]>([
    ['a ResourceSpans with scopeSpans', { resource: {}, scopeSpans: [] }, 'otlp-resource-spans'],
    ['a ResourceSpans with only scopeSpans', { scopeSpans: [] }, 'otlp-resource-spans'],
    ['an old ResourceSpans', { instrumentationLibrarySpans: [] }, 'otlp-resource-spans'],
    ['a ResourceSpans with only a resource', { resource: { attributes: [] } }, 'otlp-resource-spans'],
    ['a bare ResourceSpans as a JSON line', { resource: {}, scopeSpans: [] }, 'document'],
    ['a whole request', { resourceSpans: [] }, 'document'],
    ['a Tempo v1 response', { batches: [] }, 'document'],
    ['a Jaeger api_v3 response', { result: { resourceSpans: [] } }, 'document'],
    ['a Tempo v2 response', { trace: { resourceSpans: [] }, status: 'complete' }, 'document'],
    ['a Tempo v2 response with batches', { trace: { batches: [] } }, 'document'],
  ])('accepts %s', (_what, record, hint) => {
    expect(otlpDecoder.accepts(record, hint)).toBe(true);
  });

  it.each<[string, unknown, RecordHint]>([
    ['a Jaeger UI trace', { traceID: 'abc', spans: [], processes: {} }, 'jaeger-trace'],
    ['a Jaeger UI span', { traceID: 'abc', spanID: 'def', operationName: 'x' }, 'jaeger-span'],
    ['a Jaeger api_v2 protobuf-JSON span', { traceId: 'AAE=', spanId: 'AAI=', operationName: 'x' }, 'element'],
    ['a Jaeger api_v2 document', { spans: [{ traceId: 'AAE=', spanId: 'AAI=' }] }, 'document'],
    ['a Zipkin span', { traceId: 'abc', id: 'def', name: 'x' }, 'element'],
    ['a Jaeger envelope', { data: [] }, 'document'],
    ['a Collector logs line', { resourceLogs: [] }, 'document'],
    ['a Collector metrics line', { resourceMetrics: [] }, 'document'],
    ['an empty object in resourceSpans', {}, 'otlp-resource-spans'],
    ['null in resourceSpans', null, 'otlp-resource-spans'],
    ['an array', [{ scopeSpans: [] }], 'document'],
    ['resourceSpans that is not an array', { resourceSpans: {} }, 'document'],
    ['a result wrapper without spans', { result: { error: 'not found' } }, 'document'],
  ])('rejects %s', (_what, record, hint) => {
    expect(otlpDecoder.accepts(record, hint)).toBe(false);
  });
});
