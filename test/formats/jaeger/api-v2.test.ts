import { describe, expect, it } from 'vitest';
import { decodeFixture, jspan } from './helpers.js';

// api_v2 protobuf-JSON: ids are base64 of the raw bytes ("AAAAAAAAAAAAAAAAAAAAEQ==" is the 16-byte
// trace id 0x11, shortened to 64 bits because its high half is zero), times are RFC 3339, durations
// carry a unit, and default values (vType STRING, vBool false, refType CHILD_OF) are omitted.
describe('jaeger decoder: api_v2 protobuf-JSON', () => {
  it('decodes a {"spans":[...]} document', () => {
    const { spans, warnings, hints } = decodeFixture('api-v2-protojson.json');
    expect(hints).toEqual(['document']);
    expect(spans).toStrictEqual([
      jspan({
        traceId: '0000000000000011',
        spanId: '0000000000000003',
        service: 'checkout-svc',
        operation: 'checkout',
        kind: 'server',
        startNs: 1_485_449_191_639_875_000n, // 2017-01-26T16:46:31.639875Z
        durationNs: 100_000, // "100000ns"
        attributes: {
          'span.kind': 'server',
          retries: 3,
          'cache.hit': false, // vType BOOL with vBool omitted = false
          ratio: 0.25,
          payload: 'AQID',
          note: 'vType omitted means STRING',
          empty: '', // only a key: STRING with vStr omitted
          big: '9007199254740993', // beyond 2^53: kept as the decimal string
        },
        resource: { hostname: 'pod-7' },
        host: 'pod-7',
        events: [{ timeNs: 1_485_449_191_689_875_123n, name: 'cache-miss', attributes: { event: 'cache-miss' } }],
      }),
      jspan({
        traceId: '0000000000000011',
        spanId: '0000000000000004',
        parentId: '0000000000000003', // refType absent = CHILD_OF
        parentType: 'child_of',
        service: 'payments',
        operation: 'charge',
        kind: 'client',
        startNs: 1_485_449_191_700_000_000n,
        durationNs: 1_500_000_000, // "1.5s"
        attributes: { 'span.kind': 'client' },
      }),
      jspan({
        traceId: '0000000000000011',
        spanId: '0000000000000005',
        parentId: '0000000000000003',
        parentType: 'follows_from',
        service: 'mailer',
        operation: 'send-receipt',
        kind: 'producer',
        startNs: 1_485_449_193_000_000_000n, // 18:46:33+02:00 = 16:46:33Z
        durationNs: 250_000, // "0.000250s"
        attributes: { 'span.kind': 'producer' },
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });

  it('decodes a single api_v2 span document', () => {
    const { spans, warnings, hints } = decodeFixture('api-v2-single-span.json');
    expect(hints).toEqual(['document']);
    expect(spans).toStrictEqual([
      jspan({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        parentId: '0000000000000001',
        parentType: 'child_of',
        service: 'solo',
        operation: 'lonely',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 2_000_000,
        status: 'error',
        attributes: { error: true },
        resource: { ip: '192.168.0.9' },
        host: '192.168.0.9',
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });

  it('unwraps the grpc-gateway {"result":{...}} and uses a Batch process for spans without their own', () => {
    const { spans, warnings, hints } = decodeFixture('api-v2-gateway-batch.json');
    expect(hints).toEqual(['document']);
    expect(spans).toStrictEqual([
      jspan({
        traceId: '0000000000000022',
        spanId: '0000000000000022',
        service: 'batch-service',
        operation: 'uses-the-batch-process',
        startNs: 1_700_000_000_500_000_000n,
        durationNs: 1_000_000_000,
        resource: { 'host.name': 'batch-host' },
        host: 'batch-host',
      }),
      jspan({
        traceId: '0000000000000022',
        spanId: '0000000000000023',
        parentId: '0000000000000022', // refType 0 = CHILD_OF as an enum number
        parentType: 'child_of',
        service: 'own-service',
        operation: 'has-its-own-process',
        startNs: 1_700_000_000_600_000_000n,
        durationNs: 500_000_000,
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});
