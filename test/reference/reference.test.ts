/**
 * The reference cases (test/reference/*-cases.ts): tests of Zipkin, Jaeger and jaeger-ui, as data,
 * run through tracectl's readers, trace assembly and tree builder, on the path of commands that
 * show span details and on the compact one. A case passes when tracectl does what the reference
 * asserts, or, where it deliberately differs, what the case says it does instead; every such case
 * is listed in docs/internals/trees.md with its reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostFromResource } from '../../src/formats/host-key.js';
import { UNKNOWN_SERVICE } from '../../src/model/span.js';
import type { SpanNode, Trace } from '../../src/model/trace.js';
import { BASE_MS, JAEGER_HOST_KEY_CASES, JAEGER_OTLP_CASES, JAEGER_PARENT_CASES, JAEGER_SKEW_CASES, type OtlpInput, type RefSpec, type SkewInput } from './jaeger-cases.js';
import { JAEGER_UI_CASES } from './jaeger-ui-cases.js';
import { type Detail, readDump, type ReadDump } from './read-dump.js';
import type { ReferenceCase, TraceExpect } from './reference-case.js';
import { ZIPKIN_MERGE_CASES } from './zipkin-merge-cases.js';
import { ZIPKIN_SKEW_CASES } from './zipkin-skew-cases.js';
import { ZIPKIN_TREE_CASES } from './zipkin-tree-cases.js';

const DETAILS: readonly Detail[] = ['full', 'compact'];

const shortId = (id: string): string => id.replace(/^0+(?=.)/, '');

/** What tracectl is expected to do: the reference's assertion, or its own where it differs. */
const expected = <E>(c: ReferenceCase<unknown, E>): E => c.differs?.tracectl ?? c.expect;

const title = (c: ReferenceCase<unknown, unknown>): string => `${c.source.test}${c.differs !== undefined ? ' [differs]' : ''}`;

function outline(traces: readonly Trace[]): string[] {
  return traces.flatMap((t) =>
    t.nodes.map((n) => {
      const s = n.span;
      return `${'  '.repeat(n.depth)}${shortId(s.spanId)} ${s.kind} ${s.service === UNKNOWN_SERVICE ? '-' : s.service}${s.shared === true ? ' shared' : ''}`;
    }),
  );
}

function micros(ns: bigint | number): string {
  return String(typeof ns === 'bigint' ? ns / 1000n : ns / 1000);
}

function spanLine(n: SpanNode): string {
  const s = n.span;
  const start = s.timing === 'missing' ? '-' : micros(s.startNs);
  const duration = s.timing === 'no-duration' || (s.timing === 'missing' && s.durationNs === 0) || (s.timing === 'derived' && s.durationNs === 0) ? '-' : micros(s.durationNs);
  const service = s.service === UNKNOWN_SERVICE ? '-' : s.service;
  const host = s.host !== undefined ? `@${s.host}` : '';
  return `${shortId(s.spanId)} ${s.kind} ${service}${host} ${start}+${duration}${s.shared === true ? ' shared' : ''}${s.parentId !== undefined ? ` <${shortId(s.parentId)}` : ''}`;
}

/** The node a key names: `id` the span of that id that is not a server half, `id/server` the server half. */
function nodeOf(traces: readonly Trace[], key: string): SpanNode {
  const [id, half] = key.split('/');
  const same = traces.flatMap((t) => t.nodes).filter((n) => shortId(n.span.spanId) === id);
  const server = (n: SpanNode): boolean => n.parent !== undefined && n.parent.span.spanId === n.span.spanId;
  const found = half === 'server' ? same.find(server) : (same.find((n) => !server(n)) ?? same[0]);
  if (found === undefined) throw new Error(`no span ${key} in ${outline(traces).join(' | ')}`);
  return found;
}

function checkTraces(read: ReadDump, want: TraceExpect, detail: Detail, unitNs: number, baseNs = 0n): void {
  const { traces, warnings } = read;
  if (want.traceIds !== undefined) expect(traces.map((t) => t.traceId)).toEqual(want.traceIds);
  if (want.tree !== undefined) expect(outline(traces)).toEqual(want.tree);
  if (want.spans !== undefined) expect(traces.flatMap((t) => t.nodes.map(spanLine))).toEqual(want.spans);
  if (want.starts !== undefined) {
    const starts = Object.fromEntries(Object.keys(want.starts).map((k) => [k, Number(nodeOf(traces, k).startNs - baseNs) / unitNs]));
    expect(starts).toEqual(want.starts);
  }
  if (want.warnings !== undefined) expect([...new Set(warnings.map((w) => w.code))].sort()).toEqual(want.warnings);
  if (want.skewWarning !== undefined) expect(warnings.filter((w) => w.code === 'clock-skew').map((w) => w.message).join('\n')).toContain(want.skewWarning);
  // Compact spans keep no events or attributes.
  if (detail === 'compact') return;
  if (want.events !== undefined) {
    for (const [key, events] of Object.entries(want.events)) {
      expect(nodeOf(traces, key).span.events.map((e) => `${micros(e.timeNs)} ${e.name}`)).toEqual(events);
    }
  }
  if (want.attributes !== undefined) {
    for (const [key, attrs] of Object.entries(want.attributes)) expect(nodeOf(traces, key).span.attributes).toMatchObject(attrs);
  }
}

/** Whether an expectation states anything compact spans keep (all but events and attributes). */
function checksCompact(want: TraceExpect): boolean {
  return [want.traceIds, want.tree, want.spans, want.starts, want.warnings, want.skewWarning].some((v) => v !== undefined);
}

describe.each([
  ['Zipkin: Trace.merge and mergeV2ById', ZIPKIN_MERGE_CASES],
  ['Zipkin: SpanNode trees', ZIPKIN_TREE_CASES],
  ['Zipkin: clock skew', ZIPKIN_SKEW_CASES],
])('%s', (_name, cases) => {
  describe.each(DETAILS)('%s spans', (detail) => {
    // A case that states only events or attributes has nothing to check on compact spans.
    const checked = cases.filter((c) => detail === 'full' || checksCompact(expected(c)));
    it.each(checked.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      checkTraces(await readDump(c.input, detail, c.adjust ?? true), expected(c), detail, 1000);
    });
  });
});

/** The clock-skew table as a dump: OpenTelemetry resources with host.ip, or Jaeger processes with the tag ip. */
function skewDump({ spans, hostKey }: SkewInput): unknown {
  const hex = (id: number): string => id.toString(16).padStart(16, '0');
  const ms = (t: number): bigint => BigInt(BASE_MS + t) * 1_000_000n;
  if (hostKey === 'host.ip') {
    return {
      resourceSpans: spans.map((s) => ({
        resource: { attributes: [{ key: 'host.ip', value: { arrayValue: { values: [{ stringValue: s.host ?? '' }] } } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '00000000000000010000000000000000',
                spanId: hex(s.id),
                ...(s.parent !== 0 ? { parentSpanId: hex(s.parent) } : {}),
                name: `span-${s.id}`,
                startTimeUnixNano: String(ms(s.startTime)),
                endTimeUnixNano: String(ms(s.startTime + s.duration)),
                events: (s.events ?? []).map((t) => ({ timeUnixNano: String(ms(t)), name: 'some event' })),
              },
            ],
          },
        ],
      })),
    };
  }
  // The v1 test: ServiceName and the ip tag are both the host; every span has a CHILD_OF reference (to span 0 for a root).
  const traceID = '0000000000000001';
  return {
    data: [
      {
        traceID,
        spans: spans.map((s, i) => ({
          traceID,
          spanID: hex(s.id),
          operationName: `span-${s.id}`,
          references: [{ refType: 'CHILD_OF', traceID, spanID: hex(s.parent) }],
          startTime: (BASE_MS + s.startTime) * 1000,
          duration: s.duration * 1000,
          logs: (s.events ?? []).map((t) => ({ timestamp: (BASE_MS + t) * 1000, fields: [{ key: 'event', type: 'string', value: 'some event' }] })),
          processID: `p${i}`,
        })),
        processes: Object.fromEntries(spans.map((s, i) => [`p${i}`, { serviceName: s.host ?? '', tags: [{ key: 'ip', type: 'string', value: s.host ?? '' }] }])),
      },
    ],
  };
}

describe('Jaeger: clock-skew adjuster', () => {
  describe.each(DETAILS)('%s spans', (detail) => {
    it.each(JAEGER_SKEW_CASES.map((c) => [`${c.source.file.split(':')[1]} ${title(c)}`, c] as const))('%s', async (_title, c) => {
      const read = await readDump(skewDump(c.input), detail, c.adjust ?? true);
      const want = expected(c);
      const nodes = read.traces.flatMap((t) => t.nodes);
      const base = BigInt(BASE_MS) * 1_000_000n;
      const starts = Object.fromEntries(Object.keys(want.adjusted).map((id) => [id, Number(nodes.find((n) => n.span.spanId === Number(id).toString(16).padStart(16, '0'))!.startNs - base) / 1e6]));
      expect(starts).toEqual(Object.fromEntries(Object.entries(want.adjusted).map(([k, v]) => [k, v])));
      if (want.warning !== undefined) expect(read.warnings.filter((w) => w.code === 'clock-skew').map((w) => w.message).join('\n')).toContain(want.warning);
      if (want.adjustedEvents !== undefined && detail === 'full') {
        for (const [id, times] of Object.entries(want.adjustedEvents)) {
          const node = nodes.find((n) => n.span.spanId === Number(id).toString(16).padStart(16, '0'))!;
          // An event stays where it was in its span: the span's effective start plus its recorded offset.
          expect(node.span.events.map((e) => Number(node.startNs + (e.timeNs - node.span.startNs) - base) / 1e6)).toEqual(times);
        }
      }
    });
  });

  it.each(JAEGER_HOST_KEY_CASES.map((c) => [title(c), c] as const))('hostKey: %s', (_title, c) => {
    expect(hostFromResource(c.input as never)).toBe(expected(c));
  });
});

function otlpDump({ groups }: OtlpInput): unknown {
  const attrs = (r: Record<string, string> | undefined): unknown[] => Object.entries(r ?? {}).map(([key, v]) => ({ key, value: { stringValue: v } }));
  return {
    resourceSpans: groups.map((g) => ({
      resource: { attributes: attrs(g.resource) },
      scopeSpans: [{ scope: { attributes: attrs(g.scope) }, spans: g.spans.map((s) => ({ ...s, kind: s.kind ?? 0, name: s.name ?? '' })) }],
    })),
  };
}

describe('Jaeger: span id uniquifier and span deduper', () => {
  describe.each(DETAILS)('%s spans', (detail) => {
    const cases = JAEGER_OTLP_CASES.filter((c) => c.detail === undefined || c.detail === detail);
    it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      const read = await readDump(otlpDump(c.input), detail);
      expect(outline(read.traces)).toEqual(expected(c).tree);
    });
  });
});

function refDump(refs: readonly RefSpec[]): unknown {
  const traces = { a: '0000000000000001', b: '0000000000000002' };
  return {
    traceID: traces.a,
    spans: [
      {
        traceID: traces.a,
        spanID: '00000000000000ff',
        operationName: 'op',
        references: refs.map((r) => ({ refType: r.refType, traceID: traces[r.trace], spanID: String(r.spanId).padStart(16, '0') })),
        startTime: BASE_MS * 1000,
        duration: 1,
        processID: 'p1',
      },
    ],
    processes: { p1: { serviceName: 'svc', tags: [] } },
  };
}

describe('Jaeger: parent reference', () => {
  describe.each(DETAILS)('%s spans', (detail) => {
    it.each(JAEGER_PARENT_CASES.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      const read = await readDump(refDump(c.input), detail);
      const span = read.traces[0]!.nodes[0]!.span;
      const want = expected(c).parent;
      expect(span.parentId === undefined ? undefined : { spanId: Number.parseInt(span.parentId, 16), type: span.parentType }).toEqual(want);
    });
  });
});

describe('jaeger-ui: transformTraceData', () => {
  describe.each(DETAILS)('%s spans', (detail) => {
    it.each(JAEGER_UI_CASES.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
      const read = await readDump(c.input, detail);
      const want = expected(c);
      const trace = read.traces[0]!;
      if (want.tree !== undefined) expect(outline(read.traces)).toEqual(want.tree);
      if (want.startTimes !== undefined) {
        const starts = Object.fromEntries(Object.keys(want.startTimes).map((id) => [id, Number(trace.nodes.find((n) => n.span.spanId.replace(/^0+(?=.)/, '') === id)!.startNs / 1000n)]));
        expect(starts).toEqual(want.startTimes);
      }
      if (want.traceStart !== undefined) expect(Number(trace.startNs / 1000n)).toBe(want.traceStart);
      if (want.traceDuration !== undefined) expect(trace.durationNs / 1000).toBe(want.traceDuration);
      if (want.orphans !== undefined) expect(read.warnings.filter((w) => w.code === 'orphan-span')).toHaveLength(want.orphans);
      if (want.rootOperation !== undefined) expect(trace.root.span.operation).toBe(want.rootOperation);
    });
  });
});

describe('docs/internals/trees.md', () => {
  const doc = readFileSync(new URL('../../docs/internals/trees.md', import.meta.url), 'utf8');
  const all: ReferenceCase<unknown, unknown>[] = [
    ...ZIPKIN_MERGE_CASES,
    ...ZIPKIN_TREE_CASES,
    ...ZIPKIN_SKEW_CASES,
    ...JAEGER_SKEW_CASES,
    ...JAEGER_HOST_KEY_CASES,
    ...JAEGER_OTLP_CASES,
    ...JAEGER_PARENT_CASES,
    ...JAEGER_UI_CASES,
  ];
  it.each(all.filter((c) => c.differs !== undefined).map((c) => [c.source.test, c] as const))('lists where tracectl differs: %s', (test) => {
    expect(doc).toContain(test);
  });

  it('counts, source by source, the cases that agree and those that differ', () => {
    const table = doc.slice(doc.indexOf('| Source | Cases | Agree | Differ |'));
    const rows = table
      .split('\n')
      .slice(2)
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replaceAll('**', '')));
    // A row names its test files by the end of their paths, in backticks.
    const count = (cases: readonly ReferenceCase<unknown, unknown>[]): string[] => {
      const differ = cases.filter((c) => c.differs !== undefined).length;
      return [String(cases.length), String(cases.length - differ), String(differ)];
    };
    const counted = new Set<ReferenceCase<unknown, unknown>>();
    for (const [source, ...numbers] of rows.slice(0, -1)) {
      const files = [...source!.matchAll(/`([^`]+\.(?:java|js|go))`/g)].map((m) => m[1]!);
      const cases = all.filter((c) => files.some((f) => c.source.file.endsWith(`/${f}`) || c.source.file.endsWith(`:${f}`)));
      for (const c of cases) {
        expect(counted.has(c), `${c.source.test} is counted twice`).toBe(false);
        counted.add(c);
      }
      expect([source, ...numbers]).toEqual([source, ...count(cases)]);
    }
    expect(counted.size).toBe(all.length);
    expect(rows.at(-1)).toEqual(['All', ...count(all)]);
  });
});
