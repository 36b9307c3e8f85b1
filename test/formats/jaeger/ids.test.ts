import { describe, expect, it } from 'vitest';
import { decodeFixture, jspan } from './helpers.js';

describe('jaeger decoder: ids with leading zeros stripped', () => {
  it('left-pads a 31-char trace id to 32 and a 15-char span id to 16, in spans and references', () => {
    const { spans, warnings } = decodeFixture('stripped-leading-zeros.json');
    const traceId = '05af7183fb1d4cf5f0a1b2c3d4e5f607';
    expect(spans).toStrictEqual([
      jspan({
        traceId,
        spanId: '07ad6b7169203331',
        service: 'petclinic',
        operation: 'GET /owners',
        startNs: 1_573_131_432_955_000_000n,
        durationNs: 3_720_000,
      }),
      jspan({
        traceId,
        spanId: '6962df17f54c3741',
        parentId: '07ad6b7169203331',
        parentType: 'child_of',
        service: 'petclinic',
        operation: 'SELECT owners',
        startNs: 1_573_131_432_955_376_000n,
        durationNs: 2_977_000,
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});

describe('jaeger decoder: duplicate span ids in one trace', () => {
  it('decodes both spans and leaves them to the tree builder', () => {
    const { spans, warnings } = decodeFixture('duplicate-span-id.json');
    expect(spans).toStrictEqual([
      jspan({
        traceId: '0000000000000d01',
        spanId: '0000000000000002',
        service: 'frontend',
        operation: 'get /api',
        kind: 'client',
        startNs: 1_485_467_191_639_875_000n,
        durationNs: 5_000,
        attributes: { 'span.kind': 'client' },
      }),
      jspan({
        traceId: '0000000000000d01',
        spanId: '0000000000000002',
        service: 'backend',
        operation: 'get /api',
        kind: 'server',
        startNs: 1_485_467_191_639_876_000n,
        durationNs: 3_000,
        attributes: { 'span.kind': 'server' },
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});
