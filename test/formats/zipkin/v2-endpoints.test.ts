import { describe, expect, it } from 'vitest';
import { decodeFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v2: endpoints', () => {
  it('keeps an IPv6-only localEndpoint without serviceName as host, service unknown, port 0 ignored', () => {
    const { spans, warnings } = decodeFixture('v2-ipv6-no-service.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '4d1e00c0db9010db86154a4ba6e91385',
        spanId: '4d1e00c0db9010db',
        parentId: '86154a4ba6e91385',
        parentType: 'child_of',
        service: 'unknown_service',
        operation: 'get',
        kind: 'client',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 207_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'host.ip': '7::0.128.128.127' },
        events: [],
        host: '7::0.128.128.127',
      }),
    ]);
  });

  it('turns the remoteEndpoint into peer attributes; a peer.service tag written by the producer wins', () => {
    const { spans, warnings } = decodeFixture('v2-remote-endpoint.json');
    expect(warnings).toEqual([]);
    const common = {
      traceId: '5aab74dbb904746b',
      startNs: 1_700_000_000_000_000_000n,
      timing: 'exact',
      status: 'unset',
      events: [],
    } as const;
    const frontend = { 'service.name': 'frontend', 'host.ip': '192.168.0.10' };
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...common,
        spanId: '05e3ac9a4f6e3b90',
        service: 'frontend',
        operation: 'get /backend',
        kind: 'client',
        durationNs: 1_300_000,
        // IPv4 is preferred when both are given
        attributes: { 'peer.service': 'backend', 'net.peer.ip': '192.168.99.101', 'net.peer.port': 9000 },
        resource: frontend,
        host: '192.168.0.10',
      }),
      zipkinSpan({
        ...common,
        spanId: 'b33447baae403ed6',
        service: 'frontend',
        operation: 'get /',
        kind: 'server',
        durationNs: 2_839_000,
        attributes: { 'net.peer.ip': '::1', 'net.peer.port': 54602 },
        resource: frontend,
        host: '192.168.0.10',
      }),
      zipkinSpan({
        ...common,
        spanId: 'e457b5a2e4d86bd1',
        service: 'frontend',
        operation: 'publish',
        kind: 'producer',
        durationNs: 13_000,
        attributes: { 'peer.service': 'rabbitmq-eu' },
        resource: { 'service.name': 'frontend' },
      }),
    ]);
  });
});
