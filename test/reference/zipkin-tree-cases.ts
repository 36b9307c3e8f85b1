/**
 * How Zipkin builds a trace's tree: the tests of `SpanNode.Builder` (the server,
 * zipkin/src/test/java/zipkin2/internal/SpanNodeTest.java) and of `SpanNodeBuilder` (zipkin-lens,
 * zipkin-lens/src/zipkin/span-node.test.js), at openzipkin/zipkin
 * 878ce2a1fad54ca941d17fdcf2e1d924b148eb1f. Inputs are the tests' Zipkin v2 spans as JSON, in the
 * order the test hands them to the builder (SpanNodeTest's `buildTree` reverses its list first).
 * Zipkin hangs every span without a parent under the first root and puts a dummy node above a
 * headless trace; tracectl shows such spans as roots, so a reference "child of the dummy root" is
 * a root here.
 */
import type { ReferenceCase } from './reference-case.js';

const NODE_TEST = 'openzipkin/zipkin:zipkin/src/test/java/zipkin2/internal/SpanNodeTest.java';
const LENS_TEST = 'openzipkin/zipkin:zipkin-lens/src/zipkin/span-node.test.js';

type Json = Record<string, unknown>;

const ROOTS_STAY_ROOTS =
  'A span without a parent is shown as a root of its own (with a multiple-roots warning): Zipkin hangs it under the first root, inventing a parent-child relation the dump does not state.';

export const ZIPKIN_TREE_CASES: readonly ReferenceCase<Json[]>[] = [
  {
    // Ensures internal deduping occurs
    source: { file: NODE_TEST, test: 'build_redundantIgnored' },
    input: [
      { traceId: 'a', id: 'a' },
      { traceId: 'a', id: 'b' },
      { traceId: 'a', id: 'b' },
    ],
    expect: { tree: ['a internal -', '  b internal -'] },
    differs: { why: ROOTS_STAY_ROOTS, tracectl: { tree: ['a internal -', 'b internal -'], warnings: ['duplicate-span', 'missing-timestamp', 'multiple-roots'] } },
  },
  {
    // Makes sure that the trace tree is constructed based on parent-child, not by parameter order.
    source: { file: NODE_TEST, test: 'constructsTraceTree' },
    input: [
      { traceId: 'a', parentId: 'c', id: 'd' },
      { traceId: 'a', parentId: 'b', id: 'c' },
      { traceId: 'a', parentId: 'a', id: 'b' },
      { traceId: 'a', id: 'a' },
    ],
    expect: { tree: ['a internal -', '  b internal -', '    c internal -', '      d internal -'] },
  },
  {
    // Same as constructsTraceTree, except with shared span ID
    source: { file: NODE_TEST, test: 'constructsTraceTree_sharedId' },
    input: [
      { traceId: 'a', parentId: 'b', id: 'c' },
      { traceId: 'a', parentId: 'a', id: 'b', shared: true },
      { traceId: 'a', parentId: 'a', id: 'b' },
      { traceId: 'a', id: 'a' },
    ],
    expect: { tree: ['a internal -', '  b internal -', '    b internal - shared', '      c internal -'] },
  },
  {
    source: { file: NODE_TEST, test: 'constructsTraceTree_sharedRootId' },
    input: [
      { traceId: 'a', parentId: 'b', id: 'c' },
      { traceId: 'a', parentId: 'a', id: 'b' },
      { traceId: 'a', id: 'a', shared: true },
      { traceId: 'a', id: 'a' },
    ],
    expect: { tree: ['a internal -', '  a internal - shared', '    b internal -', '      c internal -'] },
  },
  {
    source: { file: NODE_TEST, test: 'constructsTraceTree_qualifiesChildrenOfDuplicateServerSpans' },
    input: [
      { traceId: 'a', parentId: 'b', id: 'd', localEndpoint: { serviceName: 'foo' } },
      { traceId: 'a', parentId: 'b', id: 'c', localEndpoint: { serviceName: 'bar' } },
      { traceId: 'a', parentId: 'a', id: 'b', shared: true, localEndpoint: { serviceName: 'bar' } },
      { traceId: 'a', parentId: 'a', id: 'b', shared: true, localEndpoint: { serviceName: 'foo' } },
      { traceId: 'a', parentId: 'a', id: 'b' },
      { traceId: 'a', id: 'a' },
    ],
    expect: {
      tree: ['a internal -', '  b internal -', '    b internal bar shared', '      c internal bar', '    b internal foo shared', '      d internal foo'],
    },
  },
  {
    source: { file: NODE_TEST, test: 'constructsTraceTree_qualifiesChildrenOfDuplicateServerSpans_mixedShared' },
    input: [
      { traceId: 'a', parentId: 'c', id: 'e', localEndpoint: { serviceName: 'foo' } },
      { traceId: 'a', parentId: 'b', id: 'd', localEndpoint: { serviceName: 'bar' } },
      { traceId: 'a', parentId: 'a', id: 'b', shared: true, localEndpoint: { serviceName: 'bar' } },
      { traceId: 'a', parentId: 'b', id: 'c', localEndpoint: { serviceName: 'foo' } },
      { traceId: 'a', parentId: 'a', id: 'b' },
      { traceId: 'a', id: 'a' },
    ],
    expect: {
      tree: ['a internal -', '  b internal -', '    b internal bar shared', '      d internal bar', '    c internal foo', '      e internal foo'],
    },
  },
  {
    source: { file: NODE_TEST, test: 'constructsTraceTree_dedupes' },
    input: [
      { traceId: 'a', id: 'a' },
      { traceId: 'a', id: 'a' },
      { traceId: 'a', id: 'a' },
    ],
    expect: { tree: ['a internal -'] },
  },
  {
    source: { file: NODE_TEST, test: 'constructsTraceTree_duplicateRoots' },
    input: [
      { traceId: 'a', id: 'a' },
      { traceId: 'a', id: 'b' },
    ],
    expect: { tree: ['a internal -', '  b internal -'] },
    differs: { why: ROOTS_STAY_ROOTS, tracectl: { tree: ['a internal -', 'b internal -'] } },
  },
  {
    source: { file: NODE_TEST, test: 'build_noChildLeftBehind' },
    input: [
      { traceId: 'a', id: 'b', name: 'root-0' },
      { traceId: 'a', parentId: 'b', id: 'c', name: 'child-0' },
      { traceId: 'a', parentId: 'b', id: 'd', name: 'child-1' },
      { traceId: 'a', id: 'e', name: 'lost-0' },
      { traceId: 'a', id: 'f', name: 'lost-1' },
    ],
    expect: { tree: ['b internal -', '  c internal -', '  d internal -', '  e internal -', '  f internal -'] },
    differs: { why: ROOTS_STAY_ROOTS, tracectl: { tree: ['b internal -', '  c internal -', '  d internal -', 'e internal -', 'f internal -'] } },
  },
  {
    source: { file: NODE_TEST, test: 'build_headless' },
    input: [
      { traceId: 'a', parentId: 'a', id: 'b', name: 's2' },
      { traceId: 'a', parentId: 'a', id: 'c', name: 's3' },
      { traceId: 'a', parentId: 'a', id: 'd', name: 's4' },
    ],
    // Under Zipkin's dummy root: s2, s3, s4.
    expect: { tree: ['b internal -', 'c internal -', 'd internal -'] },
  },
  {
    // uses the same data as javascript
    source: { file: NODE_TEST, test: 'build_skewedTrace' },
    input: [
      {
        traceId: '1e223ff1f80f1c69', parentId: '74280ae0c10d8062', id: '43210ae0c10d1234', name: 'async',
        timestamp: 1470150004008762, duration: 65000, localEndpoint: { serviceName: 'serviceb', ipv4: '192.0.0.0' },
      },
      {
        traceId: '1e223ff1f80f1c69', parentId: 'bf396325699c84bf', id: '43210ae0c10d1234', kind: 'SERVER', name: 'post',
        timestamp: 1541138169255688, duration: 168731, localEndpoint: { serviceName: 'serviceb', ipv4: '192.0.0.0' }, shared: true,
      },
      {
        traceId: '1e223ff1f80f1c69', id: 'bb1f0e21882325b8', kind: 'SERVER', name: 'get',
        timestamp: 1470150004071068, duration: 99411, localEndpoint: { serviceName: 'servicea', ipv4: '127.0.0.0' },
      },
      {
        traceId: '1e223ff1f80f1c69', parentId: 'bb1f0e21882325b8', id: '74280ae0c10d8062', kind: 'CLIENT', name: 'post',
        timestamp: 1470150004074202, duration: 94539, localEndpoint: { serviceName: 'servicea', ipv4: '127.0.0.0' },
      },
    ],
    // Every span is in the tree (containsExactlyInAnyOrderElementsOf).
    expect: { tree: ['bb1f0e21882325b8 server servicea', '  74280ae0c10d8062 client servicea', '    43210ae0c10d1234 internal serviceb', '      43210ae0c10d1234 server serviceb shared'] },
  },
  {
    source: { file: NODE_TEST, test: 'ordersChildrenByTimestamp' },
    input: [
      { traceId: 'a', id: '1' },
      { traceId: 'a', parentId: '1', id: 'a', name: 'a', timestamp: 2 },
      { traceId: 'a', parentId: '1', id: 'b', name: 'b', timestamp: 1 },
      { traceId: 'a', parentId: '1', id: 'c', name: 'c' },
    ],
    // c, b, a: null first
    expect: { tree: ['1 internal -', '  c internal -', '  b internal -', '  a internal -'] },
  },
  {
    // This trace was taken from the middle of a real broken one, IDs and timestamps changed
    source: { file: NODE_TEST, test: 'build_changingIps' },
    input: [
      { traceId: '1', parentId: 'a', id: 'c', kind: 'SERVER', timestamp: 1, localEndpoint: { serviceName: 'my-service', ipv4: '10.2.3.4' }, shared: true },
      { traceId: '1', parentId: 'c', id: 'b', kind: 'CLIENT', timestamp: 2, localEndpoint: { serviceName: 'my-service', ipv4: '169.2.3.4' } },
      { traceId: '1', parentId: 'c', id: 'a', timestamp: 3, localEndpoint: { serviceName: 'my-service', ipv4: '10.2.3.4' } },
    ],
    // Traversal (breadth first) gives c, b, a: c and b under the dummy root, a under c.
    expect: { tree: ['c server my-service shared', '  a internal my-service', 'b client my-service'] },
    differs: {
      why: "A shared server whose client half is not in the trace hangs off the parent it names (the client's parent): Zipkin hangs it off its own id, which here no span has. This data names c and a as each other's parents; tracectl cuts the loop (a parent-cycle warning).",
      tracectl: { tree: ['a internal my-service', '  c server my-service shared', '    b client my-service'], warnings: ['missing-duration', 'parent-cycle', 'suspect-timestamp'] },
    },
  },

  // zipkin-lens span-node.test.js, cases not already in SpanNodeTest.java
  {
    source: { file: LENS_TEST, test: 'SpanNodeBuilder > should allocate spans missing parents to root' },
    input: [
      { traceId: 'a', id: 'b', timestamp: 1 },
      { traceId: 'a', parentId: 'b', id: 'c', timestamp: 2 },
      { traceId: 'a', parentId: 'b', id: 'd', timestamp: 3 },
      { traceId: 'a', id: 'e', timestamp: 4 },
      { traceId: 'a', id: 'f', timestamp: 5 },
    ],
    expect: { tree: ['b internal -', '  c internal -', '  d internal -', '  e internal -', '  f internal -'] },
    differs: { why: ROOTS_STAY_ROOTS, tracectl: { tree: ['b internal -', '  c internal -', '  d internal -', 'e internal -', 'f internal -'] } },
  },
  {
    // input should be well formed, but this ensures we are fine anyway
    source: { file: LENS_TEST, test: 'SpanNodeBuilder > should skip on cycle' },
    input: [{ traceId: 'a', parentId: 'b', id: 'b' }],
    expect: { tree: ['b internal -'] },
  },
  {
    source: { file: LENS_TEST, test: 'SpanNodeBuilder > should remove incorrect shared flag on only root span' },
    input: [
      { traceId: '1', id: 'a', kind: 'SERVER', shared: true, timestamp: 1, localEndpoint: { serviceName: 'routing' } },
      // intentionally missing client per #3001
      { traceId: '1', parentId: 'a', id: 'b', kind: 'SERVER', shared: true, timestamp: 2, localEndpoint: { serviceName: 'routing' } },
      // Also, intentionally missing client per #3001
      { traceId: '1', parentId: 'a', id: 'c', kind: 'SERVER', shared: true, timestamp: 3, localEndpoint: { serviceName: 'yelp_main/biz' } },
    ],
    expect: { tree: ['a server routing', '  b server routing shared', '  c server yelp_main/biz shared'] },
  },
];
