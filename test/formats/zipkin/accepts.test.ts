import { describe, expect, it } from 'vitest';
import { zipkinDecoder } from '../../../src/formats/zipkin/decoder.js';
import type { RecordHint } from '../../../src/formats/decoder.js';

const v2 = { traceId: '5af7183fb1d4cf5f', id: '6b221d5bc9e6496c', name: 'x' };

describe('zipkinDecoder.accepts', () => {
  it.each<[string, unknown, RecordHint]>([
    ['a span list element', v2, 'element'],
    ['a single span document', v2, 'document'],
    ['a v1 span', { traceId: '1', id: '2', binaryAnnotations: [] }, 'element'],
    ['a span object even with garbage values', { traceId: null, id: 5 }, 'element'],
    ['an array of spans given as one record', [v2, v2], 'document'],
    ['an array of span arrays given as one record', [[v2], [v2]], 'document'],
    ['an array whose first entries are null', [null, v2], 'document'],
  ])('accepts %s', (_what, record, hint) => {
    expect(zipkinDecoder.accepts(record, hint)).toBe(true);
  });

  it.each<[string, unknown, RecordHint]>([
    ['a Jaeger UI trace', { traceID: 'abc', spans: [], processes: {} }, 'jaeger-trace'],
    ['a Jaeger UI span', { traceID: 'abc', spanID: 'def', operationName: 'x' }, 'jaeger-span'],
    ['a Jaeger api_v2 protobuf-JSON span', { traceId: 'AAAA', spanId: 'BBBB', operationName: 'x' }, 'element'],
    ['a Jaeger api_v2 document', { spans: [{ traceId: 'AAAA', spanId: 'BBBB' }] }, 'document'],
    ['an OTLP ResourceSpans', { resource: {}, scopeSpans: [] }, 'otlp-resource-spans'],
    ['an OTLP request', { resourceSpans: [] }, 'document'],
    ['an OTLP span', { traceId: 'a', spanId: 'b', name: 'x' }, 'element'],
    ['a Zipkin-like object without id', { traceId: '5af7183fb1d4cf5f' }, 'element'],
    ['null', null, 'document'],
    ['a number', 42, 'element'],
    ['a string', 'traceId', 'element'],
    ['an empty array', [], 'document'],
    ['an array of nulls', [null, [null]], 'document'],
    ['an array of Jaeger spans', [{ traceID: 'a', spanID: 'b' }], 'document'],
  ])('rejects %s', (_what, record, hint) => {
    expect(zipkinDecoder.accepts(record, hint)).toBe(false);
  });
});
