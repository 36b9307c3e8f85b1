import { describe, expect, it } from 'vitest';
import { decodeFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v1: RPC spans', () => {
  /*
   * One v1 span holds both sides of the RPC (Finagle, zipkin-web → zipkin-query); it becomes two
   * spans with one id. The span's own timestamp/duration belong to the client half; the server
   * half is timed by sr→ss.
   *   web    cs|ws ======================================== cr|wr   exact 51 ms (span fields)
   *   query           sr ==[cache miss]== ss                       derived 4 ms, shared
   */
  it('splits a span holding both client and server annotations into a client half and a shared server half', () => {
    const { spans, warnings } = decodeFixture('v1-client-server.json');
    expect(warnings).toEqual([]);
    const ids = {
      traceId: '83c138a4ee0f3de9',
      spanId: 'd673d7abe80d2f3f',
      parentId: '83c138a4ee0f3de9',
      parentType: 'child_of',
      operation: 'get',
      status: 'unset',
    } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...ids,
        service: 'web',
        kind: 'client',
        startNs: 1_700_000_000_274_000_000n,
        durationNs: 51_000_000,
        timing: 'exact',
        // the first `sa` names the server; Finagle's second `sa`, with the client's name, is ignored
        attributes: {
          'peer.service': 'query',
          'net.peer.ip': '172.18.0.4',
          'net.peer.port': 9411,
          'http.uri': '/api/v1/traces',
          retries: '2',
        },
        resource: { 'service.name': 'web', 'host.ip': '127.0.0.1' },
        events: [
          { timeNs: 1_700_000_000_274_000_000n, name: 'ws', attributes: {} },
          { timeNs: 1_700_000_000_325_000_000n, name: 'wr', attributes: {} },
        ],
        host: '127.0.0.1',
      }),
      zipkinSpan({
        ...ids,
        service: 'query',
        kind: 'server',
        startNs: 1_700_000_000_298_000_000n,
        durationNs: 4_000_000,
        timing: 'derived',
        // `ca` carries the server's own service name (Finagle): only the client's address is kept
        attributes: { 'net.peer.ip': '172.18.0.3', 'net.peer.port': 42291, 'http.path': '/api/v1/traces' },
        resource: { 'service.name': 'query', 'host.ip': '172.18.0.4', 'host.port': 9411 },
        events: [{ timeNs: 1_700_000_000_300_000_000n, name: 'cache miss', attributes: {} }],
        host: '172.18.0.4',
        shared: true,
      }),
    ]);
  });

  it('times both halves from their annotations when the span has no timestamp', () => {
    const { spans, warnings } = decodeFixture('v1-client-server-no-timestamp.json');
    expect(warnings).toEqual([]);
    const ids = {
      traceId: '0ed2e63cbe71f5a8',
      spanId: 'f9ebb6e64880612a',
      parentId: '0ed2e63cbe71f5a8',
      parentType: 'child_of',
      operation: 'checkStock',
      timing: 'derived',
      status: 'unset',
      attributes: {},
      events: [],
    } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...ids,
        service: 'service1',
        kind: 'client',
        startNs: 1_700_000_000_453_923_000n,
        durationNs: 3_794_000,
        resource: { 'service.name': 'service1', 'host.ip': '172.31.0.4' },
        host: '172.31.0.4',
      }),
      zipkinSpan({
        ...ids,
        service: 'service2',
        kind: 'server',
        startNs: 1_700_000_000_454_487_000n,
        durationNs: 2_833_000,
        resource: { 'service.name': 'service2', 'host.ip': '172.31.0.7' },
        host: '172.31.0.7',
        shared: true,
      }),
    ]);
  });

  /*
   * The collector's v1 dumps store each side as its own span, without span timestamps:
   *   front-proxy  cs ============================== cr    client, derived
   *   service1       sr ===[custom time event]=== ss      server, derived, shared (v1 convention:
   *                                                       a server side without span timestamp)
   *   front-proxy  cs                                     client, start only: no-duration
   */
  it('derives the timing of separately stored sides from cs/cr and sr/ss', () => {
    const { spans, warnings } = decodeFixture('v1-no-span-timestamp.json');
    expect(warnings).toEqual([]);
    const base = { traceId: '0ed2e63cbe71f5a8', status: 'unset', attributes: {} } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...base,
        spanId: '0ed2e63cbe71f5a8',
        service: 'service1',
        operation: 'checkAvailability',
        kind: 'server',
        startNs: 1_700_000_000_448_081_000n,
        durationNs: 12_021_000,
        timing: 'derived',
        resource: { 'service.name': 'service1', 'host.ip': '172.31.0.4' },
        events: [{ timeNs: 1_700_000_000_450_000_000n, name: 'custom time event', attributes: {} }],
        host: '172.31.0.4',
        shared: true,
      }),
      zipkinSpan({
        ...base,
        spanId: '0ed2e63cbe71f5a8',
        service: 'front-proxy',
        operation: 'checkAvailability',
        kind: 'client',
        startNs: 1_700_000_000_446_743_000n,
        durationNs: 13_767_000,
        timing: 'derived',
        resource: { 'service.name': 'front-proxy', 'host.ip': '172.31.0.2' },
        events: [],
        host: '172.31.0.2',
      }),
      zipkinSpan({
        ...base,
        spanId: '1a2b3c4d5e6f7081',
        service: 'front-proxy',
        operation: 'send',
        kind: 'client',
        startNs: 1_700_000_000_470_000_000n,
        durationNs: 0,
        timing: 'no-duration',
        resource: { 'service.name': 'front-proxy' },
        events: [],
      }),
    ]);
  });

  /*
   *   producer-app  ms =ws          producer, 40 µs until the wire send
   *   consumer-app           wr =mr consumer, 70 µs from the wire receive
   */
  it('reads ms/ws as a producer and wr/mr as a consumer, with the broker from ma', () => {
    const { spans, warnings } = decodeFixture('v1-messaging.json');
    expect(warnings).toEqual([]);
    const base = { traceId: '7a8b9c0d1e2f3a4b', timing: 'derived', status: 'unset', events: [] } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({
        ...base,
        spanId: '1000000000000001',
        service: 'producer-app',
        operation: 'publish',
        kind: 'producer',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 40_000,
        attributes: { 'peer.service': 'kafka', 'net.peer.ip': '10.1.1.1', 'net.peer.port': 9092 },
        resource: { 'service.name': 'producer-app' },
      }),
      zipkinSpan({
        ...base,
        spanId: '1000000000000002',
        parentId: '1000000000000001',
        parentType: 'child_of',
        service: 'consumer-app',
        operation: 'consume',
        kind: 'consumer',
        startNs: 1_700_000_000_500_000_000n,
        durationNs: 70_000,
        attributes: {},
        resource: { 'service.name': 'consumer-app' },
      }),
    ]);
  });
});
