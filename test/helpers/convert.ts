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
import { readSpans } from '../../src/input/read-spans.js';
import { listTraces, type TraceRow } from '../../src/analyses/trace-list.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';

export const WIRE_ENCODERS: Record<WireTarget, () => DumpEncoder<SpanGroup>> = {
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

/** What `tracectl traces --json` reports for these groups. */
export function traceRows(groups: readonly SpanGroup[]): TraceRow[] {
  return listTraces(buildTraces(groups)).traces;
}
