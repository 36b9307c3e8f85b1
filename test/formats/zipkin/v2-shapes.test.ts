import { describe, expect, it } from 'vitest';
import { decodeFixture, frame, readFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v2: the shapes a dump comes in', () => {
  it('decodes a span list (GET /api/v2/trace/{id}): a server root and a local child', () => {
    const { spans, warnings, rejected } = decodeFixture('v2-array.json');
    expect(rejected).toEqual([]);
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '5af7183fb1d4cf5f',
        spanId: '5af7183fb1d4cf5f',
        service: 'orders',
        operation: 'get /orders',
        kind: 'server',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 25_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: { 'http.method': 'GET', 'http.path': '/orders' },
        resource: { 'service.name': 'orders', 'host.ip': '10.0.0.1', 'host.port': 8080 },
        events: [{ timeNs: 1_700_000_000_001_000_000n, name: 'wr', attributes: {} }],
        host: '10.0.0.1',
      }),
      zipkinSpan({
        traceId: '5af7183fb1d4cf5f',
        spanId: '6b221d5bc9e6496c',
        parentId: '5af7183fb1d4cf5f',
        parentType: 'child_of',
        service: 'orders',
        operation: 'load-orders',
        kind: 'internal', // no kind: a local span
        startNs: 1_700_000_000_002_500_000n,
        durationNs: 12_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: { 'db.rows': '12' },
        resource: { 'service.name': 'orders', 'host.ip': '10.0.0.1', 'host.port': 8080 },
        events: [],
        host: '10.0.0.1',
      }),
    ]);
  });

  it('decodes a list of span lists (GET /api/v2/traces): every span of every trace', () => {
    const value = readFixture('v2-array-of-arrays.json');
    expect(frame(value).map((f) => f.hint)).toEqual(['element', 'element', 'element']);
    const { spans, warnings } = decodeFixture('v2-array-of-arrays.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '1e223ff1f80f1c69',
        spanId: '1e223ff1f80f1c69',
        service: 'servicea',
        operation: 'get',
        kind: 'server',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 1_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'servicea' },
        events: [],
      }),
      zipkinSpan({
        traceId: '2f334002091f2d7a',
        spanId: '2f334002091f2d7a',
        service: 'serviceb',
        operation: 'send',
        kind: 'producer',
        startNs: 1_700_000_001_000_000_000n,
        durationNs: 20_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'serviceb' },
        events: [],
      }),
      zipkinSpan({
        traceId: '2f334002091f2d7a',
        spanId: '3a445113102a3e8b',
        parentId: '2f334002091f2d7a',
        parentType: 'child_of',
        service: 'servicec',
        operation: 'receive',
        kind: 'consumer',
        startNs: 1_700_000_001_500_000_000n,
        durationNs: 30_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'servicec' },
        events: [],
      }),
    ]);
  });

  it('decodes a single span object given as the whole document', () => {
    expect(frame(readFixture('v2-single-span.json')).map((f) => f.hint)).toEqual(['document']);
    const { spans, warnings } = decodeFixture('v2-single-span.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '978883983d506fa5',
        spanId: '978883983d506fa5',
        service: 'frontend',
        operation: 'get /api',
        kind: 'client',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 127_115_000,
        timing: 'exact',
        status: 'unset',
        attributes: { 'http.status_code': '200' },
        resource: { 'service.name': 'frontend', 'host.ip': '169.254.65.45' },
        events: [],
        host: '169.254.65.45',
      }),
    ]);
  });

  /*
   * One RPC, one span id, two hosts: the server half says `shared: true`.
   *   frontend  CLIENT 8608dc6ce5cafe8e  |=============================|  148.265 ms
   *   backend   SERVER 8608dc6ce5cafe8e              |=====|             23.457 ms, shared
   */
  it('keeps both halves of a shared client/server span, the server half marked shared', () => {
    const { spans, warnings } = decodeFixture('v2-shared-pair.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: 'efe9cb8857f68c8f',
        spanId: '8608dc6ce5cafe8e',
        parentId: 'efe9cb8857f68c8f',
        parentType: 'child_of',
        service: 'frontend',
        operation: 'get',
        kind: 'client',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 148_265_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'frontend', 'host.ip': '127.0.0.1', 'host.port': 8081 },
        events: [],
        host: '127.0.0.1',
      }),
      zipkinSpan({
        traceId: 'efe9cb8857f68c8f',
        spanId: '8608dc6ce5cafe8e',
        parentId: 'efe9cb8857f68c8f',
        parentType: 'child_of',
        service: 'backend',
        operation: 'get /api',
        kind: 'server',
        startNs: 1_700_000_000_110_130_000n,
        durationNs: 23_457_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'backend', 'host.ip': '127.0.0.2', 'host.port': 9000 },
        events: [],
        host: '127.0.0.2',
        shared: true,
      }),
    ]);
  });
});
