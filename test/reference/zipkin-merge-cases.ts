/**
 * How Zipkin merges the pieces of a span and fixes shared spans: the tests of `Trace.merge` (the
 * server, zipkin/src/test/java/zipkin2/internal/TraceTest.java) and of `mergeV2ById`, `merge` and
 * `clean` (zipkin-lens, zipkin-lens/src/zipkin/span-cleaner.test.js), at openzipkin/zipkin
 * 878ce2a1fad54ca941d17fdcf2e1d924b148eb1f. Inputs are the Zipkin v2 spans of each test, as JSON
 * (the Java tests build them with `span(traceId, parentId, id, kind, local, ip, shared)`); the
 * expectations say what the test asserts about the merged spans, in tracectl's terms.
 */
import type { ReferenceCase } from './reference-case.js';

const TRACE_TEST = 'openzipkin/zipkin:zipkin/src/test/java/zipkin2/internal/TraceTest.java';
const CLEANER_TEST = 'openzipkin/zipkin:zipkin-lens/src/zipkin/span-cleaner.test.js';

type Json = Record<string, unknown>;

/** TraceTest's `span(traceId, parentId, id, kind, local, ip, shared)`. */
function span(traceId: string, parentId: string | null, id: string, kind: string | null, local: string | null, ip: string | null, shared: boolean): Json {
  const out: Json = { traceId, id };
  if (parentId !== null) out['parentId'] = parentId;
  if (kind !== null) out['kind'] = kind;
  if (local !== null || ip !== null) out['localEndpoint'] = { ...(local !== null ? { serviceName: local } : {}), ...(ip !== null ? { ipv4: ip } : {}) };
  if (shared) out['shared'] = true;
  return out;
}

// Endpoints and spans of zipkin2.TestObjects, as span-cleaner.test.js copies them.
const frontend = { serviceName: 'frontend', ipv4: '127.0.0.1', port: 8080 };
const backend = { serviceName: 'backend', ipv4: '192.168.99.101', port: 9000 };
const serverSpan = {
  traceId: '0000000000000001',
  id: '0000000000000002',
  kind: 'SERVER',
  timestamp: 1472470996308713,
  duration: 10319,
  localEndpoint: backend,
  remoteEndpoint: frontend,
  annotations: [],
  tags: {},
  shared: true,
};

export const ZIPKIN_MERGE_CASES: readonly ReferenceCase<Json[]>[] = [
  // zipkin2.internal.TraceTest
  {
    source: { file: TRACE_TEST, test: 'backfillsMissingParentIdOnSharedSpan' },
    input: [
      span('a', null, 'a', 'SERVER', 'frontend', null, false),
      span('a', 'a', 'b', 'CLIENT', 'frontend', null, false),
      // below the parent ID is null as it wasn't propagated
      span('a', null, 'b', 'SERVER', 'backend', null, true),
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend -+- <a', 'b server backend -+- shared <a'],
      tree: ['a server frontend', '  b client frontend', '    b server backend shared'],
    },
  },
  {
    source: { file: TRACE_TEST, test: 'backfillsMissingSharedFlag' },
    input: [
      span('a', null, 'a', 'SERVER', 'frontend', null, false),
      span('a', 'a', 'b', 'CLIENT', 'frontend', '1.2.3.4', false),
      // below the shared flag was forgotten
      span('a', 'a', 'b', 'SERVER', 'backend', '5.6.7.8', false),
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend@1.2.3.4 -+- <a', 'b server backend@5.6.7.8 -+- shared <a'],
      tree: ['a server frontend', '  b client frontend', '    b server backend shared'],
    },
  },
  {
    source: { file: TRACE_TEST, test: 'choosesBestTraceId' },
    input: [
      span('7180c278b62e8f6a216a2aea45d08fc9', null, 'a', 'SERVER', 'frontend', null, false),
      span('7180c278b62e8f6a216a2aea45d08fc9', 'a', 'b', 'CLIENT', 'frontend', null, false),
      span('216a2aea45d08fc9', 'a', 'b', 'SERVER', 'backend', null, true),
    ],
    expect: {
      traceIds: ['7180c278b62e8f6a216a2aea45d08fc9'],
      tree: ['a server frontend', '  b client frontend', '    b server backend shared'],
    },
  },
  {
    // Let's pretend people use crappy data, but only on the first hop.
    source: { file: TRACE_TEST, test: 'mergesWhenMissingEndpoints' },
    input: [
      { traceId: 'a', id: 'a', tags: { service: 'frontend', 'span.kind': 'SERVER' } },
      { traceId: 'a', parentId: 'a', id: 'b', tags: { service: 'frontend', 'span.kind': 'CLIENT' }, timestamp: 1 },
      span('a', 'a', 'b', 'SERVER', 'backend', null, true),
      { traceId: 'a', parentId: 'a', id: 'b', duration: 10 },
    ],
    expect: {
      spans: ['a internal - -+-', 'b internal - 1+10 <a', 'b server backend -+- shared <a'],
      tree: ['a internal -', '  b internal -', '    b server backend shared'],
      attributes: { b: { service: 'frontend', 'span.kind': 'CLIENT' } },
    },
  },
  {
    // If a client request is proxied by something that does transparent retried. It can be the case
    // that two servers share the same ID (accidentally!)
    source: { file: TRACE_TEST, test: 'doesntMergeSharedSpansOnDifferentIPs' },
    input: [
      span('a', null, 'a', 'SERVER', 'frontend', null, false),
      { ...span('a', 'a', 'b', 'CLIENT', 'frontend', null, false), timestamp: 1, annotations: [{ timestamp: 3, value: 'brave.flush' }] },
      span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.4', true),
      span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.5', true),
      { ...span('a', 'a', 'b', 'CLIENT', 'frontend', null, false), duration: 10 },
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend 1+10 <a', 'b server backend@1.2.3.4 -+- shared <a', 'b server backend@1.2.3.5 -+- shared <a'],
      tree: ['a server frontend', '  b client frontend', '    b server backend shared', '    b server backend shared'],
      events: { b: ['3 brave.flush'] },
    },
  },
  {
    // Same as above, but the late reported data has no parent id or endpoint
    source: { file: TRACE_TEST, test: 'putsRandomDataOnFirstSpanWithEndpoint' },
    input: [
      span('a', null, 'a', 'SERVER', 'frontend', null, false),
      span('a', 'a', 'b', 'CLIENT', null, null, false),
      { ...span('a', 'a', 'b', null, 'frontend', null, false), timestamp: 1, annotations: [{ timestamp: 3, value: 'brave.flush' }] },
      span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.4', true),
      span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.5', true),
      { ...span('a', 'a', 'b', null, null, null, false), duration: 10 },
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend 1+10 <a', 'b server backend@1.2.3.4 -+- shared <a', 'b server backend@1.2.3.5 -+- shared <a'],
      events: { b: ['3 brave.flush'] },
    },
  },
  {
    // not a good idea to send parts of a local endpoint separately, but this helps ensure data isn't
    // accidentally partitioned in a overly fine grain
    source: { file: TRACE_TEST, test: 'mergesIncompleteEndpoints' },
    input: [
      span('a', null, 'a', 'SERVER', 'frontend', null, false),
      span('a', 'a', 'b', 'CLIENT', 'frontend', null, false),
      span('a', 'a', 'b', 'CLIENT', null, '1.2.3.4', false),
      span('a', 'a', 'b', 'SERVER', null, '1.2.3.5', true),
      span('a', 'a', 'b', 'SERVER', 'backend', null, true),
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend@1.2.3.4 -+- <a', 'b server backend@1.2.3.5 -+- shared <a'],
    },
  },
  {
    source: { file: TRACE_TEST, test: 'deletesSelfReferencingParentId' },
    input: [span('a', 'a', 'a', 'SERVER', 'frontend', null, false), span('a', 'a', 'b', 'CLIENT', 'frontend', null, false)],
    expect: { tree: ['a server frontend', '  b client frontend'] },
  },
  {
    source: { file: TRACE_TEST, test: 'worksWhenMissingParentSpan' },
    input: [span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.4', false), span('a', 'a', 'c', 'SERVER', 'backend', null, false)],
    expect: {
      spans: ['b server backend@1.2.3.4 -+- <a', 'c server backend -+- <a'],
      tree: ['b server backend', 'c server backend'],
    },
  },
  {
    // some instrumentation don't add shared flag to servers
    source: { file: TRACE_TEST, test: 'cleanupComparator_ordersClientFirst' },
    input: [span('a', 'a', 'b', 'SERVER', 'backend', '1.2.3.5', false), span('a', 'a', 'b', 'CLIENT', 'frontend', null, false)],
    expect: { tree: ['b client frontend', '  b server backend shared'] },
  },

  // zipkin-lens span-cleaner.test.js
  {
    source: { file: CLEANER_TEST, test: 'clean > should remove shared flag if set on client' },
    input: [{ traceId: '0000000000000001', id: '0000000000000002', kind: 'CLIENT', shared: true }],
    expect: { spans: ['2 client - -+-'] },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should work on redundant data' },
    input: [
      {
        traceId: '7180c278b62e8f6a216a2aea45d08fc9', parentId: '0000000000000001', id: '0000000000000002', kind: 'SERVER', name: 'get',
        timestamp: 1, duration: 3, localEndpoint: backend, remoteEndpoint: frontend, annotations: [{ timestamp: 2, value: 'foo' }],
        tags: { 'http.path': '/api' }, shared: true, debug: true,
      },
      {
        traceId: '7180c278b62e8f6a216a2aea45d08fc9', parentId: '0000000000000001', id: '0000000000000002', kind: 'SERVER', name: 'get',
        timestamp: 1, duration: 3, localEndpoint: backend, remoteEndpoint: frontend, annotations: [{ timestamp: 2, value: 'foo' }],
        tags: { 'http.path': '/api' }, shared: true, debug: true,
      },
    ],
    expect: {
      spans: ['2 server backend@192.168.99.101 1+3 shared <1'],
      events: { '2': ['2 foo'] },
      attributes: { '2': { 'http.path': '/api', 'peer.service': 'frontend' } },
    },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge annotations' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [{ timestamp: 1, value: 'a' }, { timestamp: 1, value: 'b' }], tags: {} },
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [{ timestamp: 1, value: 'b' }, { timestamp: 1, value: 'c' }], tags: {} },
    ],
    expect: { events: { '2': ['1 a', '1 b', '1 c'] } },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge tags' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [], tags: { 1: 'a', 2: 'a' } },
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [], tags: { 2: 'a', 3: 'a' } },
    ],
    expect: { spans: ['2 internal - -+-'], attributes: { '2': { 1: 'a', 2: 'a', 3: 'a' } } },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge local endpoint' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [], tags: {} },
      { traceId: '0000000000000001', id: '0000000000000002', localEndpoint: frontend, annotations: [], tags: {} },
    ],
    expect: { spans: ['2 internal frontend@127.0.0.1 -+-'] },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge local endpoint - partial' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', localEndpoint: { serviceName: 'a' }, annotations: [], tags: {} },
      { traceId: '0000000000000001', id: '0000000000000002', localEndpoint: { ipv4: '192.168.99.101' }, annotations: [], tags: {} },
    ],
    expect: { spans: ['2 internal a@192.168.99.101 -+-'] },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge remote endpoint' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', annotations: [], tags: {} },
      { traceId: '0000000000000001', id: '0000000000000002', remoteEndpoint: frontend, annotations: [], tags: {} },
    ],
    expect: { spans: ['2 internal - -+-'], attributes: { '2': { 'peer.service': 'frontend', 'net.peer.ip': '127.0.0.1', 'net.peer.port': 8080 } } },
  },
  {
    source: { file: CLEANER_TEST, test: 'merge > should merge remote endpoint - partial' },
    input: [
      { traceId: '0000000000000001', id: '0000000000000002', remoteEndpoint: { serviceName: 'a' }, annotations: [], tags: {} },
      { traceId: '0000000000000001', id: '0000000000000002', remoteEndpoint: { ipv4: '192.168.99.101' }, annotations: [], tags: {} },
    ],
    expect: { attributes: { '2': { 'peer.service': 'a', 'net.peer.ip': '192.168.99.101' } } },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should cleanup spans' },
    input: [
      { traceId: '22222222222222222', parentId: 'a', id: '3', name: '', duration: 0 },
      { traceId: '22222222222222222', parentId: 'a', remoteEndpoint: {}, id: 'a', kind: 'SERVER', timestamp: 1, duration: 10, localEndpoint: frontend },
      { traceId: '22222222222222222', parentId: 'a', id: 'b', timestamp: 2, kind: 'CLIENT', name: 'unknown', localEndpoint: frontend },
    ],
    expect: {
      traceIds: ['00000000000000022222222222222222'],
      tree: ['a server frontend', '  3 internal -', '  b client frontend'],
    },
  },
  {
    // originally zipkin2.v1.SpanConverterTest.mergeTraceIdHigh
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should prefer 128bit trace ID (left first)' },
    input: [
      { traceId: '463ac35c9f6413ad48485a3953bb6124', id: '3' },
      { traceId: '48485a3953bb6124', id: '3' },
    ],
    expect: { traceIds: ['463ac35c9f6413ad48485a3953bb6124'], spans: ['3 internal - -+-'], warnings: ['joined-trace-id', 'missing-timestamp'] },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should prefer 128bit trace ID (right first)' },
    input: [
      { traceId: '48485a3953bb6124', id: '3' },
      { traceId: '463ac35c9f6413ad48485a3953bb6124', id: '3' },
    ],
    expect: { traceIds: ['463ac35c9f6413ad48485a3953bb6124'], spans: ['3 internal - -+-'], warnings: ['joined-trace-id', 'missing-timestamp'] },
  },
  {
    // This test shows that if a parent ID is stored late (ex because it wasn't propagated), it can be
    // backfilled during cleanup.
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should backfill missing parent id on shared span' },
    input: [
      { traceId: 'a', id: 'a', kind: 'SERVER', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'CLIENT', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend' }, shared: true },
    ],
    expect: { spans: ['a server frontend -+-', 'b client frontend -+- <a', 'b server backend -+- shared <a'] },
  },
  {
    // some instrumentation send 64-bit length, while others 128-bit or padded.
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should merge mixed-length IDs' },
    input: [
      { traceId: '11111111111111112222222222222222', id: '000000000000000a' },
      { traceId: '00000000000000002222222222222222', parentId: '000000000000000a', id: '000000000000000b' },
      { traceId: '2222222222222222', parentId: '000000000000000b', id: '000000000000000c' },
    ],
    expect: { traceIds: ['11111111111111112222222222222222'], tree: ['a internal -', '  b internal -', '    c internal -'] },
  },
  {
    // Let's pretend people use crappy data, but only on the first hop.
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should merge when missing endpoints' },
    input: [
      { traceId: 'a', id: 'a', tags: { 'span.kind': 'SERVER', service: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', timestamp: 1, tags: { 'span.kind': 'CLIENT', service: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend' }, shared: true },
      { traceId: 'a', parentId: 'a', id: 'b', duration: 10 },
    ],
    expect: {
      spans: ['a internal - -+-', 'b internal - 1+10 <a', 'b server backend -+- shared <a'],
      tree: ['a internal -', '  b internal -', '    b server backend shared'],
    },
  },
  {
    // If a client request is proxied by something that does transparent retried. It can be the case
    // that two servers share the same ID (accidentally!)
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should not merge shared spans on different IPs' },
    input: [
      { traceId: 'a', id: 'a', kind: 'SERVER', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'CLIENT', timestamp: 1, localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend', ipv4: '1.2.3.4' }, shared: true },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend', ipv4: '1.2.3.5' }, shared: true },
      { traceId: 'a', parentId: 'a', id: 'b', duration: 10, localEndpoint: { serviceName: 'frontend' } },
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend 1+10 <a', 'b server backend@1.2.3.4 -+- shared <a', 'b server backend@1.2.3.5 -+- shared <a'],
    },
  },
  {
    // Same as above, but the late reported data has no parent id or endpoint
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should put random data on first span with endpoint' },
    input: [
      { traceId: 'a', id: 'a', kind: 'SERVER', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'CLIENT', timestamp: 1, localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend', ipv4: '1.2.3.4' }, shared: true },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend', ipv4: '1.2.3.5' }, shared: true },
      { traceId: 'a', id: 'b', duration: 10 },
    ],
    expect: {
      spans: ['a server frontend -+-', 'b client frontend 1+10 <a', 'b server backend@1.2.3.4 -+- shared <a', 'b server backend@1.2.3.5 -+- shared <a'],
    },
  },
  {
    // not a good idea to send parts of a local endpoint separately, but this helps ensure data isn't
    // accidentally partitioned in a overly fine grain
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should merge incomplete endpoints' },
    input: [
      { traceId: 'a', id: 'a', kind: 'SERVER', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'CLIENT', localEndpoint: { serviceName: 'frontend' } },
      { traceId: 'a', parentId: 'a', id: 'b', localEndpoint: { ipv4: '1.2.3.4' } },
      { traceId: 'a', parentId: 'a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend' }, shared: true },
      { traceId: 'a', parentId: 'a', id: 'b', localEndpoint: { ipv4: '1.2.3.5' }, shared: true },
    ],
    expect: { spans: ['a server frontend -+-', 'b client frontend@1.2.3.4 -+- <a', 'b server backend@1.2.3.5 -+- shared <a'] },
  },
  {
    // spans are reported depth first, so it is possible to see incomplete trees with no root.
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should work when missing root span' },
    input: [
      { traceId: 'a', parentId: '000000000000000a', id: 'b', kind: 'SERVER', localEndpoint: { serviceName: 'backend', ipv4: '1.2.3.4' } },
      { traceId: 'a', parentId: '000000000000000a', id: 'c', kind: 'SERVER', localEndpoint: { serviceName: 'backend' } },
    ],
    expect: { spans: ['b server backend@1.2.3.4 -+- <a', 'c server backend -+- <a'] },
  },
  {
    // let's pretend the client flushed before completion
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should merge incomplete data' },
    input: [
      serverSpan,
      { traceId: '0000000000000001', id: '0000000000000002', duration: 207000, remoteEndpoint: backend, annotations: [{ timestamp: 1472470996403000, value: 'wr' }] },
      {
        traceId: '0000000000000001', id: '0000000000000002', name: 'get', kind: 'CLIENT', timestamp: 1472470996199000, localEndpoint: frontend,
        annotations: [{ timestamp: 1472470996238000, value: 'ws' }], tags: { 'http.path': '/api', 'clnt/finagle.version': '6.45.0' },
      },
    ],
    expect: {
      spans: ['2 client frontend@127.0.0.1 1472470996199000+207000', '2 server backend@192.168.99.101 1472470996308713+10319 shared'],
      events: { '2': ['1472470996238000 ws', '1472470996403000 wr'] },
      attributes: { '2': { 'http.path': '/api', 'clnt/finagle.version': '6.45.0', 'peer.service': 'backend' } },
      tree: ['2 client frontend', '  2 server backend shared'],
    },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should order and de-dupe annotations' },
    input: [
      { traceId: '1111111111111111', id: '000000000000000a', annotations: [{ timestamp: 2, value: 'b' }, { timestamp: 2, value: 'b' }, { timestamp: 1, value: 'a' }] },
      { traceId: '1111111111111111', id: '000000000000000a' },
      { traceId: '1111111111111111', id: '000000000000000a', annotations: [{ timestamp: 1, value: 'a' }, { timestamp: 3, value: 'b' }] },
    ],
    expect: { tree: ['a internal -'], events: { a: ['1 a', '2 b', '3 b'] } },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should order spans by shared, timestamp then name' },
    input: [
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '0000000000000002', name: 'c', timestamp: 3 },
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '3', name: 'b', timestamp: 2 },
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '0000000000000004', name: 'a', timestamp: 1, shared: true },
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '0000000000000004', name: 'a', timestamp: 2 },
    ],
    // '0000000000000004-false-2' (unshared is first even if later!), '0000000000000004-true-1', '0000000000000003-false-2', '0000000000000002-false-3'
    expect: { tree: ['4 internal -', '  4 internal - shared', '3 internal -', '2 internal -'] },
    differs: {
      why: 'Siblings (here roots, as the parent is missing) that start together keep the order they were read in; Zipkin orders them by name.',
      tracectl: { tree: ['3 internal -', '4 internal -', '  4 internal - shared', '2 internal -'] },
    },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should order root first even if skewed timestamp' },
    input: [
      { traceId: '1111111111111111', id: '0000000000000001', name: 'c', timestamp: 3 },
      { traceId: '1111111111111111', id: '0000000000000002', parentId: '0000000000000001', name: 'b', timestamp: 2 },
      { traceId: '1111111111111111', id: '0000000000000003', parentId: '0000000000000001', name: 'b', timestamp: 3 },
    ],
    expect: { tree: ['1 internal -', '  2 internal -', '  3 internal -'] },
  },
  {
    // in the case of shared spans, root could be a client
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should order earliest root first' },
    input: [
      { traceId: '1111111111111111', id: '0000000000000001', name: 'server', timestamp: 1, shared: true },
      { traceId: '1111111111111111', id: '0000000000000001', name: 'client', timestamp: 1 },
    ],
    expect: { tree: ['1 internal -', '  1 internal - shared'] },
  },
  {
    source: { file: CLEANER_TEST, test: 'mergeV2ById > should not delete valid shared flag on root span' },
    input: [
      { traceId: '1111111111111111', id: '0000000000000001', kind: 'SERVER', timestamp: 2, shared: true },
      { traceId: '1111111111111111', id: '0000000000000001', kind: 'CLIENT', timestamp: 1 },
    ],
    expect: { spans: ['1 client - 1+-', '1 server - 2+- shared'] },
  },
  {
    // some instrumentation don't add shared flag to servers
    source: { file: CLEANER_TEST, test: 'cleanupComparator > should order server after client' },
    input: [
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '0000000000000004', name: 'a', kind: 'SERVER' },
      { traceId: '1111111111111111', parentId: '0000000000000001', id: '0000000000000004', name: 'a', kind: 'CLIENT' },
    ],
    expect: { tree: ['4 client -', '  4 server - shared'] },
  },
];
