import { describe, expect, it } from 'vitest';
import { decodeFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v1: address annotations', () => {
  it('turns sa into the client peer, ca into the server peer, and reads address-only spans like zipkin', () => {
    const { spans, warnings } = decodeFixture('v1-addresses.json');
    expect(warnings).toEqual([]);
    const base = { traceId: '4d1e00c0db9010db', status: 'unset', events: [] } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...base,
        spanId: '1111111111111111',
        service: 'frontend',
        operation: 'get',
        kind: 'client',
        startNs: 1_700_000_000_199_000_000n,
        durationNs: 207_000_000,
        timing: 'exact',
        attributes: { 'peer.service': 'backend', 'net.peer.ip': '192.168.99.101', 'net.peer.port': 9000 },
        resource: { 'service.name': 'frontend', 'host.ip': '127.0.0.1' },
        host: '127.0.0.1',
      }),
      zipkinSpan({
        ...base,
        spanId: '2222222222222222',
        service: 'backend',
        operation: 'get',
        kind: 'server',
        startNs: 1_700_000_000_200_000_000n,
        durationNs: 5_000_000,
        timing: 'exact',
        // ca named the server itself: keep the client's socket address, not the name
        attributes: { 'net.peer.ip': '2001:db8::c001', 'net.peer.port': 42291 },
        resource: { 'service.name': 'backend', 'host.ip': '2001:db8::c002', 'host.port': 9000 },
        host: '2001:db8::c002',
        // it has its own timestamp and duration: not the shared half of someone else's span
      }),
      zipkinSpan({
        ...base,
        spanId: '3333333333333333',
        service: 'frontend',
        operation: 'only-sa',
        kind: 'internal', // sa alone names a peer; it does not make a client span
        startNs: 1_700_000_000_210_000_000n,
        durationNs: 100_000,
        timing: 'exact',
        attributes: { 'peer.service': 'mysql', 'net.peer.ip': '10.0.0.9', 'net.peer.port': 3306, query: 'select 1' },
        resource: { 'service.name': 'frontend' },
      }),
      zipkinSpan({
        ...base,
        spanId: '4444444444444444',
        service: 'unknown_service',
        operation: 'only-ca',
        kind: 'server', // ca alone: this side served that client
        startNs: 1_700_000_000_220_000_000n,
        durationNs: 100_000,
        timing: 'exact',
        attributes: { 'peer.service': 'frontend', 'net.peer.ip': '127.0.0.1' },
        resource: {},
      }),
      zipkinSpan({
        ...base,
        spanId: '5555555555555555',
        service: 'frontend', // ca and sa: recorded at the client address, calling the server address
        operation: 'ca-and-sa',
        kind: 'internal',
        startNs: 1_700_000_000_230_000_000n,
        durationNs: 100_000,
        timing: 'exact',
        attributes: { 'peer.service': 'backend', 'net.peer.ip': '192.168.99.101', 'net.peer.port': 9000 },
        resource: { 'service.name': 'frontend', 'host.ip': '127.0.0.1' },
        host: '127.0.0.1',
      }),
    ]);
  });
});
