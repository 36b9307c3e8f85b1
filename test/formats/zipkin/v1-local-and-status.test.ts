import { describe, expect, it } from 'vitest';
import { decodeFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v1: local spans', () => {
  it('reads an lc binary annotation as a local span run by its endpoint, keeping lc as an attribute', () => {
    const { spans, warnings } = decodeFixture('v1-local-span.json');
    expect(warnings).toEqual([]);
    const base = { traceId: '5af7183fb1d4cf5f', parentId: '5af7183fb1d4cf5f', parentType: 'child_of', kind: 'internal', status: 'unset' } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...base,
        spanId: '6b221d5bc9e6496c',
        service: 'zipkin-server',
        operation: 'get-traces',
        startNs: 1_700_000_000_358_000_000n,
        durationNs: 15_495_000,
        timing: 'exact',
        attributes: { lc: 'JDBCSpanStore', request: 'QueryRequest{limit=10}' },
        resource: { 'service.name': 'zipkin-server', 'host.ip': '172.19.0.3', 'host.port': 9411 },
        events: [],
        host: '172.19.0.3',
      }),
      zipkinSpan({
        ...base,
        spanId: 'fe351a053fbcac1f',
        service: 'unknown_service', // lc without an endpoint names no service
        operation: 'checkStock',
        startNs: 1_700_000_000_360_000_000n,
        durationNs: 3_740_000,
        timing: 'exact',
        attributes: { lc: 'myLocalComponent' },
        resource: {},
        events: [],
      }),
      zipkinSpan({
        ...base,
        spanId: 'fe351a053fbcac2f',
        service: 'worker', // no core annotation and no lc: any endpoint the span mentions
        operation: 'background',
        startNs: 1_700_000_000_370_000_000n,
        durationNs: 1_500_000,
        timing: 'derived',
        attributes: { job: 'reindex' },
        resource: { 'service.name': 'worker' },
        events: [
          { timeNs: 1_700_000_000_370_000_000n, name: 'started', attributes: {} },
          { timeNs: 1_700_000_000_371_500_000n, name: 'finished', attributes: {} },
        ],
      }),
    ]);
  });
});

describe('zipkin v1: status', () => {
  it('reads an error binary annotation on the side whose endpoint recorded it', () => {
    const { spans, warnings } = decodeFixture('v1-error.json');
    expect(warnings).toEqual([]);
    const rpc = { traceId: '0ed2e63cbe71f5a8', spanId: 'f9ebb6e64880612a', operation: 'checkStock', status: 'error', events: [] } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...rpc,
        service: 'service1',
        kind: 'client',
        startNs: 1_700_000_000_453_923_000n,
        durationNs: 3_740_000,
        timing: 'exact',
        attributes: { error: 'true' },
        resource: { 'service.name': 'service1' },
      }),
      zipkinSpan({
        ...rpc,
        service: 'service2',
        kind: 'server',
        startNs: 1_700_000_000_454_487_000n,
        durationNs: 2_833_000,
        timing: 'derived',
        statusMessage: 'out of stock',
        attributes: { error: 'out of stock' },
        resource: { 'service.name': 'service2' },
        shared: true,
      }),
      zipkinSpan({
        traceId: '0ed2e63cbe71f5a8',
        spanId: '0a0b0c0d0e0f0102',
        parentId: 'f9ebb6e64880612a',
        parentType: 'child_of',
        service: 'service2',
        operation: 'reserve',
        kind: 'internal',
        startNs: 1_700_000_000_455_000_000n,
        durationNs: 1_000_000,
        timing: 'exact',
        status: 'error',
        attributes: { lc: '', error: '' },
        resource: { 'service.name': 'service2' },
        events: [],
      }),
    ]);
  });
});
