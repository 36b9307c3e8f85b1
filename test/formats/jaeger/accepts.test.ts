import { describe, expect, it } from 'vitest';
import type { RecordHint } from '../../../src/formats/decoder.js';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';

const HINTS: readonly RecordHint[] = ['otlp-resource-spans', 'jaeger-trace', 'jaeger-span', 'element', 'document'];

const uiSpan = { traceID: '0000000000000001', spanID: '0000000000000002', operationName: 'op' };
const v2Span = { traceId: 'AAAAAAAAAAE=', spanId: 'AAAAAAAAAAI=', operationName: 'op' };
const uiTrace = { traceID: '0000000000000001', spans: [uiSpan], processes: {} };
const v2List = { spans: [v2Span] };
const gateway = { result: { spans: [v2Span] } };
const zipkinV2 = { traceId: '0000000000000001', id: '0000000000000002', name: 'get' };
const zipkinV1 = { traceId: '0000000000000001', id: '0000000000000002', name: 'get', binaryAnnotations: [] };
const otlpSpan = { traceId: '0000000000000001', spanId: '0000000000000002', name: 'op' };
const otlpResourceSpans = { resource: { attributes: [] }, scopeSpans: [{ spans: [otlpSpan] }] };
const otlpRequest = { resourceSpans: [otlpResourceSpans] };
const apiV3 = { result: { resourceSpans: [otlpResourceSpans] } };

function acceptedHints(record: unknown): RecordHint[] {
  return HINTS.filter((hint) => jaegerDecoder.accepts(record, hint));
}

describe('jaeger decoder: accepts', () => {
  it('takes Jaeger records where the framer can hand them over', () => {
    expect(acceptedHints(uiTrace)).toEqual(['jaeger-trace', 'element', 'document']);
    expect(acceptedHints(uiSpan)).toEqual(['jaeger-trace', 'jaeger-span', 'element', 'document']);
    expect(acceptedHints(v2Span)).toEqual(['jaeger-trace', 'jaeger-span', 'element', 'document']);
    expect(acceptedHints(v2List)).toEqual(['jaeger-trace', 'element', 'document']);
    expect(acceptedHints(gateway)).toEqual(['document']);
    expect(acceptedHints({ data: [uiTrace], total: 1 })).toEqual(['document']);
  });

  it('refuses other formats and non-objects under every hint', () => {
    for (const record of [zipkinV2, zipkinV1, otlpSpan, otlpResourceSpans, otlpRequest, apiV3, [uiSpan], null, 'x', 3]) {
      expect(acceptedHints(record)).toEqual([]);
    }
  });
});
