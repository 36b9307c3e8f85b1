/**
 * In-process conversion for tests: read a dump (text or file) into span groups the way
 * `tracectl convert` does, encode groups with an encoder, and summarize groups as `tracectl traces`
 * would. Faster than spawning the binary for every pair of formats, and the same code paths.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { DumpEncoder, SpanGroup, WireTarget } from '../../src/formats/encode/contract.js';
import { jaegerEncoder } from '../../src/formats/jaeger/encode.js';
import { otlpEncoder, otlpJsonlEncoder } from '../../src/formats/otlp/encode.js';
import { zipkinEncoder } from '../../src/formats/zipkin/encode.js';
import { mergeZipkinFragments } from '../../src/model/merge-fragments.js';
import { readSpans } from '../../src/input/read-spans.js';
import { aggregateCriticalPaths } from '../../src/analyses/critical-path-aggregate.js';
import { traceCriticalPath } from '../../src/analyses/critical-path-report.js';
import { LatencyAggregator } from '../../src/analyses/latency.js';
import { listTraces, type TraceRow } from '../../src/analyses/trace-list.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';

const WIRE_ENCODERS: Record<WireTarget, () => DumpEncoder<SpanGroup>> = {
  jaeger: jaegerEncoder,
  zipkin: zipkinEncoder,
  otlp: otlpEncoder,
  'otlp-jsonl': otlpJsonlEncoder,
};

/** The span groups of a dump given as text, in the order `tracectl convert` sees them. */
export async function readGroups(text: string | Buffer): Promise<SpanGroup[]> {
  const assembler = new TraceAssembler();
  await readSpans(['-'], (span) => assembler.add(span), { stdin: Readable.from([Buffer.from(text)]), warnings: new WarningLog() });
  const groups: SpanGroup[] = [];
  for (const [traceId, spans] of assembler.finish([])) groups.push({ traceId, spans });
  return groups;
}

export async function readGroupsFromFile(path: string): Promise<SpanGroup[]> {
  return readGroups(readFileSync(path));
}

/** A whole dump written by an encoder, as one string. */
export function encodeAll<T>(encoder: DumpEncoder<T>, items: Iterable<T>): string {
  let text = encoder.head();
  for (const item of items) text += encoder.trace(item);
  return text + encoder.tail();
}

export function encodeWire(target: WireTarget, groups: readonly SpanGroup[]): string {
  return encodeAll(WIRE_ENCODERS[target](), groups);
}

export function buildTraces(groups: readonly SpanGroup[]): Trace[] {
  return groups.map((g) => buildTrace(g.traceId, g.spans).result);
}

/**
 * What `traces`, `critical-path` (per trace, and over the dump by root) and `latency` (entry spans
 * by service, every span by operation) report for these groups: the results a conversion must keep.
 */
export function analysisResults(groups: readonly SpanGroup[]) {
  const traces = buildTraces(groups);
  const latency = (by: 'service' | 'operation', allSpans: boolean) => {
    const agg = new LatencyAggregator({ by, allSpans });
    for (const t of traces) agg.add(t);
    return agg.result();
  };
  const { omitted: _omitted, ...criticalAggregate } = aggregateCriticalPaths(traces, { byRoot: true });
  return {
    traces: listTraces(traces).traces,
    criticalPaths: traces.map(traceCriticalPath),
    criticalAggregate,
    latencyByService: latency('service', false),
    latencyByOperation: latency('operation', true),
  };
}

/**
 * The spans as a µs format records them: start and end rounded down to whole microseconds; through
 * Zipkin a positive duration is at least 1 µs. Spans without a start keep their (unused) times.
 */
function microRounded(groups: readonly SpanGroup[], zipkin: boolean): SpanGroup[] {
  return groups.map((g) => ({
    traceId: g.traceId,
    spans: g.spans.map((s) => {
      if (s.timing === 'missing') return s;
      const start = s.startNs / 1000n;
      const end = (s.startNs + BigInt(s.durationNs)) / 1000n;
      const durationUs = Number(end - start);
      return { ...s, startNs: start * 1000n, durationNs: (zipkin && s.durationNs > 0 ? Math.max(1, durationUs) : durationUs) * 1000 };
    }),
  }));
}

/** The spans as Zipkin (no reference types) leaves them: FOLLOWS_FROM parents become plain parents. */
function followsFromAsChildOf(groups: readonly SpanGroup[]): SpanGroup[] {
  return groups.map((g) => ({
    traceId: g.traceId,
    spans: g.spans.map((s) => (s.parentType === 'follows_from' ? { ...s, parentType: 'child_of' as const } : s)),
  }));
}

/**
 * The spans as Zipkin reads them back: spans with one id that agree (same service, times, no
 * contradicting kind) are pieces of one span to Zipkin, and merged (model/merge-fragments.ts).
 */
function asZipkinPieces(groups: readonly SpanGroup[]): SpanGroup[] {
  return groups.map((g) => ({ traceId: g.traceId, spans: mergeZipkinFragments(g.spans.map((s) => ({ ...s, format: 'zipkin' as const }))) }));
}

/**
 * What may legitimately change when a dump passes through the formats of `path`, applied to the
 * original: times rounded to µs through Jaeger or Zipkin, FOLLOWS_FROM parents and spans Zipkin
 * reads as pieces of one through Zipkin. The analyses of a conversion must equal the analyses of
 * this, exactly.
 */
export function expectedAfter(groups: readonly SpanGroup[], path: readonly WireTarget[]): SpanGroup[] {
  const zipkin = path.includes('zipkin');
  const micro = zipkin || path.includes('jaeger');
  const timed = micro ? microRounded(groups, zipkin) : [...groups];
  return zipkin ? asZipkinPieces(followsFromAsChildOf(timed)) : timed;
}
