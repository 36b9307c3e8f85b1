/** Jaeger's per-span `warnings` (query API: an array of strings or null) reach the Span and survive a Jaeger round trip. */
import { describe, expect, it } from 'vitest';
import { LossTally } from '../../../src/formats/encode/losses.js';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';
import { encodeJaegerTrace } from '../../../src/formats/jaeger/encode.js';

function trace(warnings: unknown) {
  return {
    traceID: 'aaaaaaaaaaaaaaaa',
    spans: [{ traceID: 'aaaaaaaaaaaaaaaa', spanID: '0000000000000001', operationName: 'op', references: [], startTime: 1700000000000000, duration: 5, processID: 'p1', tags: [], logs: [], warnings }],
    processes: { p1: { serviceName: 'svc', tags: [] } },
    warnings: null,
  };
}

const decode = (warnings: unknown) => jaegerDecoder.decode(trace(warnings), { file: 't.json' }).spans[0]!;

describe('jaeger decoder: span warnings', () => {
  it('keeps the strings in order; null, an empty array, empty strings and non-strings give none', () => {
    expect(decode(['skew adjusted by 3ms', 'duplicate span id']).warnings).toEqual(['skew adjusted by 3ms', 'duplicate span id']);
    expect(decode(['a', 7, '', null, 'b']).warnings).toEqual(['a', 'b']);
    for (const none of [null, [], [''], 'not an array', undefined]) expect('warnings' in decode(none), JSON.stringify(none)).toBe(false);
  });

  it('the Jaeger encoder writes them back, null when there are none', () => {
    const span = decode(['skew adjusted by 3ms']);
    expect(encodeJaegerTrace({ traceId: span.traceId, spans: [span] }, new LossTally()).spans[0]!.warnings).toEqual(['skew adjusted by 3ms']);
    const plain = decode(null);
    expect(encodeJaegerTrace({ traceId: plain.traceId, spans: [plain] }, new LossTally()).spans[0]!.warnings).toBeNull();
  });
});
