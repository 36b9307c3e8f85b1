import { describe, expect, it } from 'vitest';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';
import { decodeFixture, jspan, loadFixture } from './helpers.js';

describe('jaeger decoder: query API envelope', () => {
  const trace1 = 'a1b2c3d4e5f60718';
  const expected = [
    jspan({
      traceId: trace1,
      spanId: trace1,
      service: 'frontend',
      operation: 'GET /cart',
      kind: 'server',
      startNs: 1_700_000_000_000_000_000n,
      durationNs: 5_000_000,
      attributes: { 'span.kind': 'server', 'http.status_code': 200 },
      resource: { hostname: 'web-1', ip: '10.0.0.1', 'jaeger.version': 'Go-2.30.0' },
      host: 'web-1',
    }),
    jspan({
      traceId: trace1,
      spanId: '00000000000000b2',
      parentId: trace1,
      parentType: 'child_of',
      service: 'cart-db',
      operation: 'SELECT cart',
      kind: 'client',
      startNs: 1_700_000_000_001_000_000n,
      durationNs: 2_500_000,
      attributes: { 'span.kind': 'client', 'db.system': 'postgresql' },
      resource: { ip: '10.0.0.2' },
      host: '10.0.0.2',
      warnings: ['invalid parent span IDs=a1b2c3d4e5f60718; skipping clock skew adjustment'],
    }),
    jspan({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      service: 'payments',
      operation: 'ProcessPayment',
      kind: 'consumer',
      startNs: 1_700_000_100_000_000_000n,
      durationNs: 120_000_000,
      attributes: { 'span.kind': 'consumer' },
      resource: { 'host.name': 'pay-0', hostname: 'ignored-because-host.name-wins' },
      host: 'pay-0',
    }),
  ];

  it('decodes each trace of data[] with its own processes table', () => {
    const { spans, warnings, hints } = decodeFixture('api-envelope.json');
    expect(hints).toEqual(['jaeger-trace', 'jaeger-trace']);
    expect(spans).toStrictEqual(expected);
    expect(warnings).toStrictEqual([]);
  });

  it('reads the whole envelope when handed it directly (total/limit/errors ignored)', () => {
    const decoded = jaegerDecoder.decode(loadFixture('api-envelope.json'), { file: 'f.json' });
    expect(decoded).toStrictEqual({ spans: expected, warnings: [] });
  });
});

describe('jaeger decoder: bare trace without data wrapper', () => {
  it('decodes spans, processes and logs', () => {
    const { spans, warnings, hints } = decodeFixture('bare-trace.json');
    expect(hints).toEqual(['document']);
    expect(spans).toStrictEqual([
      jspan({
        traceId: '3f2a1b0c9d8e7f60',
        spanId: '3f2a1b0c9d8e7f60',
        service: 'frontend',
        operation: 'HTTP GET /dispatch',
        kind: 'server',
        startNs: 1_650_000_000_000_000_000n,
        durationNs: 730_000_000,
        attributes: { 'span.kind': 'server', 'sampler.param': true },
        events: [
          {
            timeNs: 1_650_000_000_010_000_000n,
            name: 'Looking for customer',
            attributes: { event: 'Looking for customer', customer_id: '123' },
          },
          { timeNs: 1_650_000_000_020_000_000n, name: 'log', attributes: { level: 'info' } },
        ],
      }),
      jspan({
        traceId: '3f2a1b0c9d8e7f60',
        spanId: '1c2d3e4f5a6b7c8d',
        parentId: '3f2a1b0c9d8e7f60',
        parentType: 'child_of',
        service: 'mysql',
        operation: 'SQL SELECT',
        kind: 'client',
        startNs: 1_650_000_000_030_000_000n,
        durationNs: 300_000_000,
        attributes: { 'span.kind': 'client' },
        resource: { ip: '10.1.2.3' },
        host: '10.1.2.3',
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});

describe('jaeger decoder: bare span array with inline process (anonymizer output)', () => {
  it('takes service, resource and host from each span\'s own process', () => {
    const { spans, warnings, hints } = decodeFixture('span-array-inline-process.json');
    expect(hints).toEqual(['element', 'element']);
    expect(spans).toStrictEqual([
      jspan({
        traceId: '6e0c63257de34c92',
        spanId: '6e0c63257de34c92',
        service: '0f3e8b2c1d4a5b6c',
        operation: '9a1f0c2b7d3e4a56',
        kind: 'server',
        startNs: 1_605_223_981_000_000_000n,
        durationNs: 267_037_000,
        attributes: { 'span.kind': 'server' },
        resource: { hostname: 'node-a' },
        host: 'node-a',
      }),
      jspan({
        traceId: '6e0c63257de34c92',
        spanId: '7d1e2f3a4b5c6d7e',
        parentId: '6e0c63257de34c92',
        parentType: 'child_of',
        service: '3c4d5e6f7a8b9c0d',
        operation: '5b6c7d8e9f0a1b2c',
        kind: 'client',
        startNs: 1_605_223_981_100_000_000n,
        durationNs: 32_782_000,
        attributes: { 'span.kind': 'client' },
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});

describe('jaeger decoder: jaeger-ui internal shape', () => {
  const expected = [
    jspan({
      traceId: '84b3fad94c6112ed0000000000000abc',
      spanId: '487f03177ef9cf89',
      service: 'load-gen',
      operation: 'OrderVehicle',
      startNs: 1_660_049_722_779_884_000n,
      durationNs: 1_181_596_000,
      attributes: { vehicle: 'bike' },
    }),
    jspan({
      traceId: '84b3fad94c6112ed0000000000000abc',
      spanId: '3d4670fa91902216',
      parentId: '487f03177ef9cf89',
      parentType: 'child_of',
      service: 'ride-api',
      operation: '/bike',
      kind: 'server',
      startNs: 1_660_049_722_780_000_000n,
      durationNs: 1_000_000_000,
      attributes: { 'span.kind': 'SERVER' },
      resource: { 'host.ip': '172.18.0.5' },
      host: '172.18.0.5',
    }),
  ];

  it('decodes each data.spans element and ignores the span embedded in references[].span', () => {
    const { spans, warnings, hints } = decodeFixture('ui-internal-shape.json');
    expect(hints).toEqual(['jaeger-span', 'jaeger-span']);
    expect(spans).toStrictEqual(expected);
    expect(warnings).toStrictEqual([]);
  });

  it('gives the same spans when the whole document is decoded at once', () => {
    expect(jaegerDecoder.decode(loadFixture('ui-internal-shape.json'), { file: 'f' })).toStrictEqual({
      spans: expected,
      warnings: [],
    });
  });
});
