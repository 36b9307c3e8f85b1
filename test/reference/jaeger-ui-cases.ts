/**
 * How jaeger-ui turns a trace into its tree and timeline: the tests of `transformTraceData`
 * (packages/jaeger-ui/src/model/transform-trace-data.test.js) at jaegertracing/jaeger-ui
 * c321fb32bbca0bdce9e8c2d40afb35abbf54c12b. Inputs are the tests' Jaeger UI traces as JSON (a span's
 * `startTime: NaN` is written `null`: JSON has no NaN). Span ids such as `zeroChild` are not hex:
 * tracectl keeps them as written (lower-cased, with an invalid-id warning), and the expectations
 * name them so.
 */
import type { ReferenceCase } from './reference-case.js';

const FILE = 'jaegertracing/jaeger-ui:packages/jaeger-ui/src/model/transform-trace-data.test.js';

type Json = Record<string, unknown>;

export interface UiExpect {
  /** The tree (see TraceExpect.tree). */
  readonly tree?: readonly string[];
  /** Start of spans by id, µs since the epoch. */
  readonly startTimes?: Readonly<Record<string, number>>;
  readonly traceStart?: number;
  readonly traceDuration?: number;
  /** Spans whose parent is not in the trace. */
  readonly orphans?: number;
  /** The operation of the span that stands for the trace (its name in jaeger-ui's title). */
  readonly rootOperation?: string;
}

const startTime = 1586160015434000;
const duration = 34000;
const traceID = 'f77950feed55c1ce91dd8e87896623a6';
const rootSpanID = 'd4dcb46e95b781f5';
const rootOperationName = 'rootOperation';
const serviceName = 'serviceName';
const processes = { p1: { serviceName, tags: [] } };

const spans: Json[] = [
  {
    traceID, spanID: '41f71485ed2593e4', operationName: 'someOperationName',
    references: [{ refType: 'CHILD_OF', traceID, spanID: rootSpanID }], startTime, duration, tags: [], logs: [], processID: 'p1',
  },
  {
    traceID, spanID: '4f623fd33c213cba', operationName: 'anotherOperationName',
    references: [{ refType: 'CHILD_OF', traceID, spanID: rootSpanID }], startTime: startTime + 100, duration, tags: [], logs: [], processID: 'p1',
  },
];
const rootSpanWithMissingRef: Json = {
  traceID, spanID: rootSpanID, operationName: rootOperationName,
  references: [{ refType: 'CHILD_OF', traceID, spanID: 'missingSpanId' }], startTime: startTime + 50, duration, tags: [], logs: [], processID: 'p1',
};
const rootSpanWithoutRefs: Json = { traceID, spanID: rootSpanID, operationName: rootOperationName, startTime: startTime + 50, duration, tags: [], logs: [], processID: 'p1' };
const realStart = 1784570820629325;
const realRoot: Json = { traceID, spanID: rootSpanID, operationName: rootOperationName, references: [], startTime: realStart, duration: 1000, tags: [], logs: [], processID: 'p1' };
const childOfRoot = (spanID: string, extra: Json): Json => ({ traceID, spanID, references: [{ refType: 'CHILD_OF', traceID, spanID: rootSpanID }], tags: [], logs: [], processID: 'p1', ...extra });
const trace = (list: Json[]): Json => ({ traceID, processes, spans: list });

const CYCLE =
  'Spans that are each other\'s ancestors are shown, cut at one span (a parent-cycle warning): jaeger-ui shows no span of a trace without a root.';

export const JAEGER_UI_CASES: readonly ReferenceCase<Json, UiExpect>[] = [
  {
    source: { file: FILE, test: 'transformTraceData() > should return trace data with correct traceName based on root span with missing ref' },
    input: trace([...spans, rootSpanWithMissingRef]),
    expect: { rootOperation: rootOperationName },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should return trace data with correct traceName based on root span without any refs' },
    input: trace([...spans, rootSpanWithoutRefs]),
    expect: { rootOperation: rootOperationName },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should render the whole tree when every span reports startTime 0' },
    input: trace([
      { traceID, spanID: rootSpanID, operationName: rootOperationName, references: [], startTime: 0, duration: 100, tags: [], logs: [], processID: 'p1' },
      childOfRoot('zeroChild', { operationName: 'childOp', startTime: 0, duration: 50 }),
      childOfRoot('missingStartTime', { operationName: 'missingStartOp', duration: 10 }),
    ]),
    expect: {
      tree: [`${rootSpanID} unspecified serviceName`, '  zerochild unspecified serviceName', '  missingstarttime unspecified serviceName'],
      traceStart: 0,
      startTimes: { [rootSpanID]: 0, zerochild: 0, missingstarttime: 0 },
    },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should clamp spans with no usable startTime to their parent instead of stretching the timeline' },
    input: trace([realRoot, childOfRoot('zeroChild', { operationName: 'childOp', startTime: 0, duration: 200 }), childOfRoot('missingChild', { operationName: 'missingOp', duration: 300 })]),
    expect: { traceStart: realStart, startTimes: { zerochild: realStart, missingchild: realStart }, traceDuration: 1000 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should inherit a repaired startTime transitively down a chain of broken spans' },
    input: trace([
      realRoot,
      childOfRoot('brokenMiddle', { operationName: 'middleOp', startTime: 0, duration: 400 }),
      { traceID, spanID: 'brokenLeaf', operationName: 'leafOp', references: [{ refType: 'CHILD_OF', traceID, spanID: 'brokenMiddle' }], duration: 100, tags: [], logs: [], processID: 'p1' },
    ]),
    expect: { traceStart: realStart, startTimes: { brokenmiddle: realStart, brokenleaf: realStart }, traceDuration: 1000 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should not produce a negative duration for a trace with spans but no root' },
    input: trace([
      { traceID, spanID: 'a', operationName: 'a', references: [{ refType: 'CHILD_OF', traceID, spanID: 'b' }], startTime, duration, tags: [], logs: [], processID: 'p1' },
      { traceID, spanID: 'b', operationName: 'b', references: [{ refType: 'CHILD_OF', traceID, spanID: 'a' }], startTime, duration, tags: [], logs: [], processID: 'p1' },
    ]),
    // No span shown; the trace starts at 0 and lasts 0.
    expect: { tree: [], traceStart: 0, traceDuration: 0 },
    differs: { why: CYCLE, tracectl: { tree: ['b unspecified serviceName', '  a unspecified serviceName'], traceStart: startTime, traceDuration: duration } },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should keep and repair sibling spans that have no usable startTime' },
    input: trace([
      realRoot,
      childOfRoot('missing1', { operationName: 'missing1', duration: 10 }),
      childOfRoot('nan', { operationName: 'nan', startTime: null, duration: 20 }),
      childOfRoot('real', { operationName: 'real', startTime: realStart + 500, duration: 30 }),
    ]),
    expect: {
      tree: [`${rootSpanID} unspecified serviceName`, '  missing1 unspecified serviceName', '  nan unspecified serviceName', '  real unspecified serviceName'],
      startTimes: { real: realStart + 500, missing1: realStart, nan: realStart },
    },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should fall back to 0 for a root with no usable startTime and propagate it to children' },
    input: trace([
      { traceID, spanID: rootSpanID, operationName: rootOperationName, references: [], duration: 500, tags: [], logs: [], processID: 'p1' },
      childOfRoot('child', { operationName: 'childOp', startTime: 0, duration: 100 }),
    ]),
    expect: { startTimes: { [rootSpanID]: 0, child: 0 }, traceStart: 0 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should detect orphan spans when parent span is missing' },
    input: trace([...spans, rootSpanWithMissingRef]),
    expect: { orphans: 1 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should detect multiple orphan spans' },
    input: trace([
      ...spans,
      rootSpanWithoutRefs,
      { traceID, spanID: 'orphan1', operationName: 'orphanOp1', references: [{ refType: 'CHILD_OF', traceID, spanID: 'nonexistent1' }], startTime, duration, tags: [], processID: 'p1' },
      { traceID, spanID: 'orphan2', operationName: 'orphanOp2', references: [{ refType: 'CHILD_OF', traceID, spanID: 'nonexistent2' }], startTime: startTime + 200, duration, tags: [], processID: 'p1' },
    ]),
    expect: { orphans: 2 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should not flag orphan spans when all parents exist' },
    input: trace([...spans, rootSpanWithoutRefs]),
    expect: { orphans: 0 },
  },
  {
    source: { file: FILE, test: 'transformTraceData() > should handle FOLLOWS_FROM references for orphan detection' },
    input: trace([
      rootSpanWithoutRefs,
      { traceID, spanID: 'followsOrphan', operationName: 'followsOrphanOp', references: [{ refType: 'FOLLOWS_FROM', traceID, spanID: 'nonexistent' }], startTime, duration, tags: [], processID: 'p1' },
    ]),
    expect: { orphans: 1 },
  },
  {
    source: { file: FILE, test: 'spanMap, rootSpans, and childSpans collections > should identify root spans correctly' },
    input: trace([...spans, rootSpanWithoutRefs]),
    expect: { tree: [`${rootSpanID} unspecified serviceName`, '  41f71485ed2593e4 unspecified serviceName', '  4f623fd33c213cba unspecified serviceName'], rootOperation: rootOperationName },
  },
  {
    source: { file: FILE, test: 'spanMap, rootSpans, and childSpans collections > should build childSpans arrays correctly' },
    input: trace([...spans, rootSpanWithoutRefs]),
    // Children sorted by start time; neither has children.
    expect: { tree: [`${rootSpanID} unspecified serviceName`, '  41f71485ed2593e4 unspecified serviceName', '  4f623fd33c213cba unspecified serviceName'] },
  },
  {
    source: { file: FILE, test: 'spanMap, rootSpans, and childSpans collections > should handle orphan spans as root spans' },
    input: trace([...spans, rootSpanWithMissingRef]),
    expect: { tree: [`${rootSpanID} unspecified serviceName`, '  41f71485ed2593e4 unspecified serviceName', '  4f623fd33c213cba unspecified serviceName'], orphans: 1 },
  },
  {
    source: { file: FILE, test: 'spanMap, rootSpans, and childSpans collections > should handle multiple root spans' },
    input: trace([rootSpanWithoutRefs, { traceID, spanID: 'secondRoot', operationName: 'secondRootOp', startTime: startTime + 100, duration, tags: [], logs: [], processID: 'p1' }]),
    expect: { tree: [`${rootSpanID} unspecified serviceName`, 'secondroot unspecified serviceName'] },
  },
  {
    source: { file: FILE, test: 'spanMap, rootSpans, and childSpans collections > should calculate depth and sort spans in DFS order' },
    input: trace([
      { ...rootSpanWithoutRefs, spanID: 'root', startTime: 1000, references: [] },
      { ...spans[0], spanID: 'child1', startTime: 1010, references: [{ refType: 'CHILD_OF', traceID, spanID: 'root' }] },
      { ...spans[1], spanID: 'child2', startTime: 1020, references: [{ refType: 'CHILD_OF', traceID, spanID: 'root' }] },
      { ...spans[0], spanID: 'grandChild1', startTime: 1015, references: [{ refType: 'CHILD_OF', traceID, spanID: 'child1' }] },
    ]),
    expect: { tree: ['root unspecified serviceName', '  child1 unspecified serviceName', '    grandchild1 unspecified serviceName', '  child2 unspecified serviceName'] },
    differs: {
      why: "An id of 11 or 12 base64 characters is read as base64 (how Jaeger's api_v2 protobuf-JSON writes 8-byte ids): `grandChild1` is such a text, and shows as the hex of its bytes. The tree is the same.",
      tracectl: { tree: ['root unspecified serviceName', '  child1 unspecified serviceName', '    82b6a774286295dd unspecified serviceName', '  child2 unspecified serviceName'] },
    },
  },
];
