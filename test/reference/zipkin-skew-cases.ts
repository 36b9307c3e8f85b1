/**
 * How Zipkin corrects clock skew: zipkin-lens's port of CorrectForClockSkew
 * (zipkin-lens/src/zipkin/clock-skew.test.js: `ipsMatch`, `getClockSkew`,
 * `treeCorrectedForClockSkew`, "originally zipkin2.internal.CorrectForClockSkewTest.java") at
 * openzipkin/zipkin 878ce2a1fad54ca941d17fdcf2e1d924b148eb1f. Inputs are the tests' Zipkin v2 spans
 * (µs); `getClockSkew` cases become the client and server of one RPC, and what the test asserts of
 * the skew becomes the server's shift (Zipkin's skew is subtracted from the server's times).
 * `ipsMatch` cases become a client on one endpoint and a server on the other, the server starting
 * before its client: it is corrected exactly when the endpoints are not one host.
 */
import type { ReferenceCase } from './reference-case.js';

const SKEW_TEST = 'openzipkin/zipkin:zipkin-lens/src/zipkin/clock-skew.test.js';

type Json = Record<string, unknown>;
type Endpoint = Record<string, string>;

const frontend = { serviceName: 'frontend', ipv4: '172.17.0.13' };
const backend = { serviceName: 'backend', ipv4: '172.17.0.9' };

/** A client 20..40 µs on `client`, and its server 10..20 µs on `server`: skewed unless one host. */
function rpcOn(client: Endpoint | undefined, server: Endpoint | undefined): Json[] {
  return [
    { traceId: '1', id: '3', kind: 'CLIENT', timestamp: 20, duration: 20, ...(client ? { localEndpoint: { serviceName: 'c', ...client } } : {}) },
    { traceId: '1', id: '3', kind: 'SERVER', timestamp: 10, duration: 10, shared: true, ...(server ? { localEndpoint: { serviceName: 's', ...server } } : {}) },
  ];
}

const ipv6 = { ipv6: '2001:db8::c001' };
const ipv4 = { ipv4: '192.168.99.101' };
const both = { ipv4: '192.168.99.101', ipv6: '2001:db8::c001' };
const noIp = { serviceName: 'foo' };

/** ipsMatch(a, b) as: is the server on b corrected under its client on a? */
function ipsMatch(test: string, a: Endpoint | undefined, b: Endpoint | undefined, match: boolean): ReferenceCase<Json[]> {
  return { source: { file: SKEW_TEST, test: `ipsMatch > ${test}` }, input: rpcOn(a, b), expect: { starts: { '3/server': match ? 10 : 25 } } };
}

// zipkin-lens/src/test/data/skew.js
const skewedTrace: Json[] = [
  {
    traceId: '1e223ff1f80f1c69', parentId: '74280ae0c10d8062', id: '43210ae0c10d1234', name: 'async',
    timestamp: 1470150004008762, duration: 65000, localEndpoint: { serviceName: 'serviceb', ipv4: '192.0.0.0' },
  },
  {
    traceId: '1e223ff1f80f1c69', parentId: 'bf396325699c84bf', id: '74280ae0c10d8062', kind: 'SERVER', name: 'post',
    timestamp: 1470150004008761, duration: 93577, localEndpoint: { serviceName: 'serviceb', ipv4: '192.0.0.0' }, shared: true,
  },
  {
    traceId: '1e223ff1f80f1c69', id: 'bf396325699c84bf', kind: 'SERVER', name: 'get',
    timestamp: 1470150004071068, duration: 99411, localEndpoint: { serviceName: 'servicea', ipv4: '127.0.0.0' },
  },
  {
    traceId: '1e223ff1f80f1c69', parentId: 'bf396325699c84bf', id: '74280ae0c10d8062', kind: 'CLIENT', name: 'post',
    timestamp: 1470150004074202, duration: 94539, localEndpoint: { serviceName: 'servicea', ipv4: '127.0.0.0' },
  },
];

const SKEWED_TREE = ['bf396325699c84bf server servicea', '  74280ae0c10d8062 client servicea', '    74280ae0c10d8062 server serviceb shared', '      43210ae0c10d1234 internal serviceb'];
/** Every child after its parent, siblings in order (expectChildrenHappenAfterParent, expectChildrenToBeInOrder). */
const SKEW_CORRECTED = { bf396325699c84bf: 1470150004071068, '74280ae0c10d8062': 1470150004074202, '74280ae0c10d8062/server': 1470150004074683, '43210ae0c10d1234': 1470150004074684 };
const SKEW_RAW = { bf396325699c84bf: 1470150004071068, '74280ae0c10d8062': 1470150004074202, '74280ae0c10d8062/server': 1470150004008761, '43210ae0c10d1234': 1470150004008762 };

const CORRECTS_ANYWAY =
  'Skew is corrected in every subtree, whatever is wrong elsewhere in the trace: Zipkin corrects nothing in a trace without its root, or with a second root.';
const ONE_MICROSECOND =
  "A server found to start before its client, and which cannot be centred in it (a duration is unknown, or the server is longer), is moved to its client's start, as Jaeger does; Zipkin adds 1 µs of assumed latency.";

export const ZIPKIN_SKEW_CASES: readonly ReferenceCase<Json[]>[] = [
  ipsMatch('IPs should not match when undefined (undefined, undefined)', undefined, undefined, false),
  ipsMatch('IPs should not match when undefined (undefined, ipv4)', undefined, ipv4, false),
  ipsMatch('IPs should not match when undefined (ipv4, undefined)', ipv4, undefined, false),
  ipsMatch('IPs should not match unless both sides have an IP (noIp, ipv4)', noIp, ipv4, false),
  ipsMatch('IPs should not match unless both sides have an IP (noIp, ipv6)', noIp, ipv6, false),
  ipsMatch('IPs should not match unless both sides have an IP (ipv4, noIp)', ipv4, noIp, false),
  ipsMatch('IPs should not match unless both sides have an IP (ipv6, noIp)', ipv6, noIp, false),
  ipsMatch('IPs should not match when IPs are different (differentIpv4, ipv4)', { ipv4: '192.168.99.102' }, ipv4, false),
  ipsMatch('IPs should not match when IPs are different (differentIpv6, ipv6)', { ipv6: '2001:db8::c002' }, ipv6, false),
  ipsMatch('IPs should not match when IPs are different (ipv4, differentIpv4)', ipv4, { ipv4: '192.168.99.102' }, false),
  ipsMatch('IPs should not match when IPs are different (ipv6, differentIpv6)', ipv6, { ipv6: '2001:db8::c002' }, false),
  ipsMatch('IPs should match when ipv4 or ipv6 match (ipv4, ipv4)', ipv4, ipv4, true),
  ipsMatch('IPs should match when ipv4 or ipv6 match (both, ipv4)', both, ipv4, true),
  ipsMatch('IPs should match when ipv4 or ipv6 match (both, ipv6)', both, ipv6, true),
  ipsMatch('IPs should match when ipv4 or ipv6 match (ipv6, ipv6)', ipv6, ipv6, true),
  ipsMatch('IPs should match when ipv4 or ipv6 match (ipv4, both)', ipv4, both, true),
  ipsMatch('IPs should match when ipv4 or ipv6 match (ipv6, both)', ipv6, both, true),
  {
    // Instrumentation bugs might result in spans that look like clock skew is at play. When skew
    // appears on the same host, we assume it is an instrumentation bug (rather than make it worse by
    // adjusting it!)
    source: { file: SKEW_TEST, test: 'getClockSkew > clock skew should only correct across different hosts' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: frontend, timestamp: 10, duration: 10, shared: true },
    ],
    expect: { starts: { '3': 20, '3/server': 10 } },
  },
  {
    source: { file: SKEW_TEST, test: 'getClockSkew > clock skew should only exist when client is behind server' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: backend, timestamp: 30, duration: 10, shared: true },
    ],
    expect: { starts: { '3': 20, '3/server': 30 } },
  },
  {
    // Skew correction pushes the server side forward, so the skew endpoint is the server
    source: { file: SKEW_TEST, test: 'getClockSkew > clock skew should be attributed to the server endpoint' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: backend, timestamp: 10, duration: 10, shared: true },
      // A span of the server's host below it moves with it: the skew belongs to the server endpoint.
      { traceId: '1', parentId: '3', id: '4', localEndpoint: backend, timestamp: 12, duration: 2 },
    ],
    expect: { starts: { '3': 20, '3/server': 25, '4': 27 } },
  },
  {
    source: { file: SKEW_TEST, test: 'getClockSkew > clock skew should be attributed to the server endpoint even if missing shared flag' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: backend, timestamp: 10, duration: 10 },
    ],
    expect: { starts: { '3': 20, '3/server': 25 } },
  },
  {
    // Skew is relative to the server receive and centered by the difference between the server
    // duration and the client duration.
    source: { file: SKEW_TEST, test: 'getClockSkew > skew includes half the difference of client and server duration' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: backend, timestamp: 10, duration: 10, shared: true },
    ],
    // skew = 10 - 20 - (20 - 10) / 2 = -15: the server moves to 25
    expect: { starts: { '3/server': 25 } },
  },
  {
    // Sets the server to 1us past the client
    source: { file: SKEW_TEST, test: 'getClockSkew > skew on one-way spans assumes latency is at least 1us' },
    input: [
      { traceId: '1', parentId: '2', id: '3', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20 },
      { traceId: '1', parentId: '2', id: '3', kind: 'SERVER', localEndpoint: backend, timestamp: 10, shared: true },
    ],
    // skew = 10 - 20 - 1 = -11: the server moves to 21
    expect: { starts: { '3/server': 21 } },
    differs: { why: ONE_MICROSECOND, tracectl: { starts: { '3/server': 20 } } },
  },
  {
    // It is still impossible to reach the server before the client sends a request.
    source: { file: SKEW_TEST, test: 'getClockSkew > skew on async server spans assumes latency is at least 1us' },
    input: [
      { traceId: '1', id: '2', kind: 'CLIENT', localEndpoint: frontend, timestamp: 20, duration: 5 },
      { traceId: '1', id: '2', kind: 'SERVER', localEndpoint: backend, timestamp: 10, duration: 10, shared: true },
    ],
    expect: { starts: { '2/server': 21 } },
    differs: { why: ONE_MICROSECOND, tracectl: { starts: { '2/server': 20 } } },
  },
  {
    source: { file: SKEW_TEST, test: 'treeCorrectedForClockSkew > should correct skew' },
    input: skewedTrace,
    expect: { tree: SKEWED_TREE, starts: SKEW_CORRECTED },
  },
  {
    source: { file: SKEW_TEST, test: 'treeCorrectedForClockSkew > should skip when headless' },
    input: skewedTrace.filter((s) => s['parentId'] !== undefined),
    expect: { starts: { '74280ae0c10d8062': SKEW_RAW['74280ae0c10d8062'], '74280ae0c10d8062/server': SKEW_RAW['74280ae0c10d8062/server'] } },
    differs: { why: CORRECTS_ANYWAY, tracectl: { starts: { '74280ae0c10d8062': SKEW_CORRECTED['74280ae0c10d8062'], '74280ae0c10d8062/server': SKEW_CORRECTED['74280ae0c10d8062/server'] } } },
  },
  {
    source: { file: SKEW_TEST, test: 'treeCorrectedForClockSkew > should skip on duplicate root' },
    input: [...skewedTrace, { traceId: '1e223ff1f80f1c69', id: 'cafebabe', name: 'curtain' }],
    expect: { starts: SKEW_RAW },
    differs: { why: CORRECTS_ANYWAY, tracectl: { starts: SKEW_CORRECTED } },
  },
];
