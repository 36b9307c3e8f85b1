/**
 * Jaeger's query adjusters, the fixes Jaeger applies to a trace before showing it: clock skew
 * (clockskew_test.go), the span id uniquifier for Zipkin's shared client/server ids
 * (spaniduniquifier_test.go), the span hash deduper (hash_test.go) at jaegertracing/jaeger
 * 8498073ff809b1a3923521920a9b1b017ea97ecf (cmd/jaeger/internal/extension/jaegerquery/internal/adjuster/),
 * and, from before the move to OpenTelemetry's data model, at
 * 2fb42ef9ae973382e97e59d4539a04116207cc80 (model/adjuster/): the same clock-skew table with the
 * host in the process tag `ip`, and the parent reference adjuster.
 *
 * The tests' times are milliseconds from the Unix epoch itself; a dump cannot say 0 (it means "no
 * time"), so every time here is read from BASE_MS on. The adjusted starts are those the tests assert.
 */
import type { ReferenceCase } from './reference-case.js';

export const BASE_MS = 1_700_000_000_000;

const ADJUSTER = 'jaegertracing/jaeger:cmd/jaeger/internal/extension/jaegerquery/internal/adjuster';
const V1_ADJUSTER = 'jaegertracing/jaeger:model/adjuster';

/** A row of TestClockSkewAdjuster: ids are small integers, times ms. */
interface SkewSpan {
  readonly id: number;
  readonly parent: number;
  readonly startTime: number;
  readonly duration: number;
  readonly host?: string;
  readonly events?: readonly number[];
}

export interface SkewExpect {
  /** Start after adjustment, by id (ms). */
  readonly adjusted: Readonly<Record<number, number>>;
  /** Event times after adjustment, by id (ms): events move with their span. */
  readonly adjustedEvents?: Readonly<Record<number, readonly number[]>>;
  /** Text the span's warning holds (Jaeger) / a clock-skew warning holds (tracectl). */
  readonly warning?: string;
}

export interface SkewInput {
  readonly spans: readonly SkewSpan[];
  /** The host attribute of each span's resource: `host.ip` (OpenTelemetry, as the current adjuster reads) or the process tag `ip` (v1). */
  readonly hostKey: 'host.ip' | 'ip';
}

interface SkewRow {
  readonly description: string;
  readonly trace: readonly (SkewSpan & { readonly adjusted: number; readonly adjustedEvents?: readonly number[] })[];
  readonly err?: string;
  /** Jaeger's maxAdjust: 0 (the query service's default) disables adjustment. */
  readonly maxAdjustMs: number;
  readonly differs?: { readonly why: string; readonly adjusted: Readonly<Record<number, number>> };
}

const CAUSALITY_ONLY =
  'A child is moved only when one clock could not have produced its times (it starts before its parent; a server starts after its client ended): Jaeger moves every child on another host that does not fit in its parent, which on a dump from one machine moves spans for nothing.';
const NO_MAX_DELTA =
  "tracectl has no maximum correction: a correction is applied whatever its size, or with --no-adjust none is; Jaeger's --query.max-clock-skew-adjustment skips larger ones (and is 0, no correction, by default).";

// TestClockSkewAdjuster, row by row (adjusted starts as asserted; a row with maxAdjust 0 asserts no adjustment).
const ROWS: readonly SkewRow[] = [
  {
    description: 'single span with bad parent',
    trace: [{ id: 1, parent: 99, startTime: 0, duration: 100, host: 'a', adjusted: 0 }],
    err: 'parent span ID=0000000000000063 is not in the trace; skipping clock skew adjustment',
    maxAdjustMs: 0,
  },
  { description: 'single span with empty host key', trace: [{ id: 1, parent: 0, startTime: 0, duration: 100, adjusted: 0 }], maxAdjustMs: 0 },
  {
    description: 'two spans with the same ID',
    trace: [
      { id: 1, parent: 0, startTime: 0, duration: 100, host: 'a', adjusted: 0 },
      { id: 1, parent: 0, startTime: 0, duration: 100, host: 'a', adjusted: 0 },
    ],
    err: 'duplicate span IDs; skipping clock skew adjustment',
    maxAdjustMs: 0,
  },
  {
    description: 'parent-child on the same host',
    trace: [
      { id: 1, parent: 0, startTime: 0, duration: 100, host: 'a', adjusted: 0 },
      { id: 2, parent: 1, startTime: 10, duration: 50, host: 'a', adjusted: 10 },
    ],
    maxAdjustMs: 0,
  },
  {
    description: 'do not adjust parent-child on the same host',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 0, duration: 50, host: 'a', adjusted: 0 },
    ],
    maxAdjustMs: 0,
  },
  {
    description: 'do not adjust child that fits inside parent',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 20, duration: 50, host: 'b', adjusted: 20 },
    ],
    maxAdjustMs: 0,
  },
  {
    description: 'do not adjust child that is longer than parent',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 20, duration: 150, host: 'b', adjusted: 20 },
    ],
    maxAdjustMs: 0,
  },
  {
    description: 'do not apply positive adjustment due to max skew adjustment',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 0, duration: 50, host: 'b', adjusted: 0 },
    ],
    maxAdjustMs: 10,
    err: 'max clock skew adjustment delta of 10ms exceeded; not applying calculated delta of 35ms',
    differs: { why: NO_MAX_DELTA, adjusted: { 1: 10, 2: 35 } },
  },
  {
    // tracectl agrees for another reason: the child starts inside its parent, so nothing is wrong.
    description: 'do not apply negative adjustment due to max skew adjustment',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 80, duration: 50, host: 'b', adjusted: 80 },
    ],
    maxAdjustMs: 10,
    err: 'max clock skew adjustment delta of 10ms exceeded; not applying calculated delta of -45ms',
  },
  {
    description: 'do not apply adjustment due to disabled adjustment',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 0, duration: 50, host: 'b', adjusted: 0 },
    ],
    err: 'clock skew adjustment disabled; not applying calculated delta of 35ms',
    maxAdjustMs: 0,
  },
  {
    description: 'adjust child starting before parent',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      // latency = (100-50) / 2 = 25
      // delta = (10 - 0) + latency = 35
      { id: 2, parent: 1, startTime: 0, duration: 50, host: 'b', adjusted: 35, events: [5, 10], adjustedEvents: [40, 45] },
    ],
    maxAdjustMs: 1000,
  },
  {
    description: 'adjust child starting before parent even if it is longer',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      { id: 2, parent: 1, startTime: 0, duration: 150, host: 'b', adjusted: 10 },
    ],
    maxAdjustMs: 1000,
  },
  {
    description: 'adjust child ending after parent but being shorter',
    trace: [
      { id: 1, parent: 0, startTime: 10, duration: 100, host: 'a', adjusted: 10 },
      // latency: (100 - 70) / 2 = 15
      // new child start time: 10 + latency = 25, delta = -25
      { id: 2, parent: 1, startTime: 50, duration: 70, host: 'b', adjusted: 25 },
      // same host 'b', so same delta = -25
      // new start time: 60 + delta = 35
      { id: 3, parent: 2, startTime: 60, duration: 20, host: 'b', adjusted: 35, events: [65, 70], adjustedEvents: [40, 45] },
    ],
    maxAdjustMs: 1000,
    differs: { why: CAUSALITY_ONLY, adjusted: { 1: 10, 2: 50, 3: 60 } },
  },
];

function skewCase(row: SkewRow, file: string, hostKey: SkewInput['hostKey']): ReferenceCase<SkewInput, SkewExpect> {
  const spans = row.trace.map(({ adjusted: _a, adjustedEvents: _e, ...span }) => span);
  const adjusted = Object.fromEntries(row.trace.map((s) => [s.id, s.adjusted]));
  const events = Object.fromEntries(row.trace.filter((s) => s.adjustedEvents !== undefined).map((s) => [s.id, s.adjustedEvents!]));
  const expect: SkewExpect = {
    adjusted,
    ...(Object.keys(events).length > 0 ? { adjustedEvents: events } : {}),
    ...(row.err?.includes('disabled') === true ? { warning: '35' } : {}),
  };
  return {
    source: { file, test: `TestClockSkewAdjuster > ${row.description}` },
    input: { spans, hostKey },
    // The row about maxAdjust 0, Jaeger's "adjustment disabled", is --no-adjust; the other rows with
    // it assert there is nothing to adjust, which holds with adjustment on.
    adjust: row.err?.includes('disabled') !== true,
    expect,
    ...(row.differs !== undefined ? { differs: { why: row.differs.why, tracectl: { adjusted: row.differs.adjusted } } } : {}),
  };
}

export const JAEGER_SKEW_CASES: readonly ReferenceCase<SkewInput, SkewExpect>[] = [
  ...ROWS.map((row) => skewCase(row, `${ADJUSTER}/clockskew_test.go`, 'host.ip')),
  ...ROWS.map((row) => skewCase(row, `${V1_ADJUSTER}/clockskew_test.go`, 'ip')),
];

/** TestHostKey: the resource attributes, and the key Jaeger derives (undefined: none). */
export const JAEGER_HOST_KEY_CASES: readonly ReferenceCase<Record<string, unknown>, string | undefined>[] = [
  { source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > host.id attribute' }, input: { 'host.id': 'host-123' }, expect: 'host-123' },
  { source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > string host.ip attribute' }, input: { 'host.ip': '192.168.1.1' }, expect: '192.168.1.1' },
  {
    source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > slice host.ip attribute' },
    input: { 'host.ip': ['192.168.1.1', '192.168.1.2'] },
    expect: '192.168.1.1',
    differs: {
      why: 'A host.ip list keys the host by all its addresses, and two hosts are one when they share an address: Jaeger keys by the first only, so a process that lists its addresses in another order is another host.',
      tracectl: '192.168.1.1 192.168.1.2',
    },
  },
  { source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > empty host.ip attribute slice' }, input: { 'host.ip': [] }, expect: undefined },
  { source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > host.name attribute' }, input: { 'host.name': 'hostname' }, expect: 'hostname' },
  { source: { file: `${ADJUSTER}/clockskew_test.go`, test: 'TestHostKey > no relevant attributes' }, input: { 'service.name': 'service-123' }, expect: undefined },
];

/** An OTLP span of the uniquifier and deduper tests: ids as the tests' byte arrays, in hex. */
interface OtlpSpanSpec {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly kind?: number;
  readonly name?: string;
}

/** Resource groups of spans (resource attributes, scope attributes, spans). */
export interface OtlpInput {
  readonly groups: readonly { readonly resource?: Record<string, string>; readonly scope?: Record<string, string>; readonly spans: readonly OtlpSpanSpec[] }[];
}

export interface TreesExpect {
  /** Each trace's tree (see TraceExpect.tree), traces in order. */
  readonly tree: readonly string[];
}

const CLIENT = 3;
const SERVER = 2;
const TRACE_23 = '00000000000000020000000000000003';

export const JAEGER_OTLP_CASES: readonly (ReferenceCase<OtlpInput, TreesExpect> & { readonly detail?: 'full' | 'compact' })[] = [
  {
    // client and server share span id 1; "another" names it as parent: Jaeger gives the server a new
    // id, under the client, and "another" goes under the server.
    source: { file: `${ADJUSTER}/spaniduniquifier_test.go`, test: 'TestSpanIDUniquifierTriggered' },
    input: {
      groups: [
        {
          spans: [
            { traceId: TRACE_23, spanId: '0000000000000001', kind: CLIENT },
            { traceId: TRACE_23, spanId: '0000000000000001', kind: SERVER },
            { traceId: TRACE_23, spanId: '0100000000000000', parentSpanId: '0000000000000001' },
          ],
        },
      ],
    },
    expect: { tree: ['1 client -', '  1 server -', '    100000000000000 unspecified -'] },
  },
  {
    source: { file: `${ADJUSTER}/spaniduniquifier_test.go`, test: 'TestSpanIDUniquifierNotTriggered' },
    input: {
      groups: [
        {
          spans: [
            { traceId: TRACE_23, spanId: '0000000000000001', kind: SERVER },
            { traceId: TRACE_23, spanId: '0100000000000000', parentSpanId: '0000000000000001' },
          ],
        },
      ],
    },
    expect: { tree: ['1 server -', '  100000000000000 unspecified -'] },
  },
  {
    source: { file: `${ADJUSTER}/hash_test.go`, test: 'TestSpanHash_RemovesDuplicateSpans' },
    input: {
      groups: [
        {
          resource: { key1: 'value1' },
          scope: { key2: 'value2' },
          spans: [
            { name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' },
            { name: 'span2', traceId: '01000000000000000000000000000000', spanId: '0200000000000000' },
            { name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' },
            { name: 'span2', traceId: '01000000000000000000000000000000', spanId: '0200000000000000' },
            { name: 'span3', traceId: '03000000000000000000000000000000', spanId: '0400000000000000' },
          ],
        },
        {
          resource: { key1: 'value1' },
          scope: { key2: 'value2' },
          spans: [
            { name: 'span4', traceId: '05000000000000000000000000000000', spanId: '0600000000000000' },
            { name: 'span3', traceId: '03000000000000000000000000000000', spanId: '0400000000000000' },
          ],
        },
      ],
    },
    expect: { tree: ['100000000000000 unspecified -', '200000000000000 unspecified -', '400000000000000 unspecified -', '600000000000000 unspecified -'] },
  },
  {
    source: { file: `${ADJUSTER}/hash_test.go`, test: 'TestSpanHash_NoDuplicateSpans' },
    input: {
      groups: [
        {
          spans: [
            { name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' },
            { name: 'span2', traceId: '01000000000000000000000000000000', spanId: '0200000000000000' },
            { name: 'span3', traceId: '03000000000000000000000000000000', spanId: '0400000000000000' },
          ],
        },
      ],
    },
    expect: { tree: ['100000000000000 unspecified -', '200000000000000 unspecified -', '400000000000000 unspecified -'] },
  },
  {
    source: { file: `${ADJUSTER}/hash_test.go`, test: 'TestSpanHash_DuplicateSpansDifferentScopeAttributes' },
    input: {
      groups: [
        { scope: { key: 'value1' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
        { scope: { key: 'value2' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
      ],
    },
    expect: { tree: ['100000000000000 unspecified -', '100000000000000 unspecified -'] },
    differs: {
      why: 'Scope attributes are not read (only the scope name and version), so the two are one span read twice, and one is kept.',
      tracectl: { tree: ['100000000000000 unspecified -'] },
    },
  },
  {
    source: { file: `${ADJUSTER}/hash_test.go`, test: 'TestSpanHash_DuplicateSpansDifferentResourceAttributes' },
    detail: 'full',
    input: {
      groups: [
        { resource: { key: 'value1' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
        { resource: { key: 'value2' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
      ],
    },
    expect: { tree: ['100000000000000 unspecified -', '100000000000000 unspecified -'] },
  },
  {
    source: { file: `${ADJUSTER}/hash_test.go`, test: 'TestSpanHash_DuplicateSpansDifferentResourceAttributes (compact spans)' },
    detail: 'compact',
    input: {
      groups: [
        { resource: { key: 'value1' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
        { resource: { key: 'value2' }, spans: [{ name: 'span1', traceId: '01000000000000000000000000000000', spanId: '0100000000000000' }] },
      ],
    },
    expect: { tree: ['100000000000000 unspecified -', '100000000000000 unspecified -'] },
    differs: {
      why: 'Commands that read compact spans (traces, latency, critical-path, ...) keep no resource attributes beyond service and host, so there a repeat that differs only in them is one span read twice; commands that show span details keep both, as Jaeger does.',
      tracectl: { tree: ['100000000000000 unspecified -'] },
    },
  },
];

/** TestParentReference: a span of trace a with these references; the parent Jaeger's order puts first. */
export interface RefSpec {
  readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  readonly trace: 'a' | 'b';
  readonly spanId: 1 | 2;
}

export interface ParentExpect {
  /** The parent (span id as a number) and how the span hangs off it; undefined: a root. */
  readonly parent?: { readonly spanId: number; readonly type: 'child_of' | 'follows_from' };
}

const childOf = (trace: 'a' | 'b'): RefSpec => ({ refType: 'CHILD_OF', trace, spanId: 1 });
const followsFrom = (trace: 'a' | 'b'): RefSpec => ({ refType: 'FOLLOWS_FROM', trace, spanId: 1 });
const followsFrom2 = (trace: 'a' | 'b'): RefSpec => ({ refType: 'FOLLOWS_FROM', trace, spanId: 2 });

/** The parent is the first reference of Jaeger's reordered list when it is in the span's own trace (model.Span.ParentSpanID). */
function parentCase(name: string, incoming: RefSpec[], expected: RefSpec[]): ReferenceCase<RefSpec[], ParentExpect> {
  const first = expected[0];
  const parent = first !== undefined && first.trace === 'a' ? { spanId: first.spanId, type: first.refType === 'CHILD_OF' ? ('child_of' as const) : ('follows_from' as const) } : undefined;
  return { source: { file: `${V1_ADJUSTER}/parent_reference_test.go`, test: `TestParentReference > ${name}` }, input: incoming, expect: parent === undefined ? {} : { parent } };
}

export const JAEGER_PARENT_CASES: readonly ReferenceCase<RefSpec[], ParentExpect>[] = [
  parentCase('empty', [], []),
  parentCase('single child', [childOf('a')], [childOf('a')]),
  parentCase('single remote child', [childOf('b')], [childOf('b')]),
  parentCase('local, local follows - keep order', [childOf('a'), followsFrom('a')], [childOf('a'), followsFrom('a')]),
  parentCase('local and remote child in order', [childOf('a'), childOf('b')], [childOf('a'), childOf('b')]),
  parentCase('local and remote child out of order', [childOf('b'), childOf('a')], [childOf('a'), childOf('b')]),
  parentCase('local child, remote follows', [followsFrom('b'), childOf('a')], [childOf('a'), followsFrom('b')]),
  parentCase('remote, local, local follows - keep order', [followsFrom('b'), followsFrom2('a'), followsFrom('a')], [followsFrom2('a'), followsFrom('b'), followsFrom('a')]),
  parentCase('remote child, local follows', [childOf('b'), followsFrom('a')], [followsFrom('a'), childOf('b')]),
  parentCase('remote child, local follows, local child', [childOf('b'), followsFrom('a'), childOf('a')], [childOf('a'), followsFrom('a'), childOf('b')]),
  parentCase('remote follows, local follows, local child', [followsFrom('b'), followsFrom('a'), childOf('a')], [childOf('a'), followsFrom('a'), followsFrom('b')]),
];
