/**
 * Zipkin JSON, v1 and v2 (FORMATS.md sections 2 and 3). The framer hands over one span object per
 * record (an element of a span list, or a whole single-span document); a record that is itself a
 * list of spans, or a list of such lists, is decoded too, so a caller that frames less finely still
 * gets every span. Each span object is read as v1 or v2 by its own shape, since v1 and v2 spans can
 * sit side by side in one dump.
 */
import type { Span } from '../../model/span.js';
import { readFlagsSince } from '../../model/read-flags.js';
import { type DecodeContext, type Decoded, type FormatDecoder, isObject, type RecordHint } from '../decoder.js';
import { decodeV1Span } from './v1-span.js';
import { decodeV2Span } from './v2-span.js';
import { WarnSink } from './warn-sink.js';
import { isV1Span } from './wire.js';

/** A Zipkin span has `traceId` and `id` (Jaeger writes `traceID`/`spanID` or `spanId`; OTLP `spanId`). */
function isZipkinSpan(value: unknown): value is Record<string, unknown> {
  return isObject(value) && 'traceId' in value && 'id' in value;
}

/** The first non-null element, looking one list deep: enough to tell what a list holds. */
function firstItem(list: readonly unknown[]): unknown {
  for (const item of list) {
    if (item === null || item === undefined) continue;
    if (!Array.isArray(item)) return item;
    const inner = (item as unknown[]).find((x) => x !== null && x !== undefined);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function accepts(record: unknown, _hint: RecordHint): boolean {
  if (Array.isArray(record)) return isZipkinSpan(firstItem(record));
  return isZipkinSpan(record);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object without traceId and id' : `a ${typeof value}`;
}

function decodeOne(value: unknown, sink: WarnSink, out: Span[]): void {
  if (!isObject(value)) {
    sink.add('skipped-span', `Zipkin span expected, found ${describe(value)}: skipped`);
    return;
  }
  const mark = sink.warnings.length;
  try {
    const spans = isV1Span(value) ? decodeV1Span(value, sink) : [decodeV2Span(value, sink)];
    const flags = readFlagsSince(sink.warnings, mark);
    for (const span of spans) if (span !== undefined) out.push(flags === undefined ? span : { ...span, flags });
  } catch (error) {
    // Decoding must never fail a run; a span that breaks the reader is reported and left out.
    const reason = error instanceof Error ? error.message : String(error);
    sink.add('skipped-span', `Zipkin span could not be read (${reason}): skipped`);
  }
}

function decode(record: unknown, ctx: DecodeContext): Decoded {
  const sink = new WarnSink(ctx.file, ctx.lean === true);
  const spans: Span[] = [];
  // Lists are walked two levels deep at most (a trace list of span lists); deeper nesting is not
  // Zipkin and is reported, never recursed into.
  const items = Array.isArray(record) ? (record as unknown[]) : [record];
  for (const item of items) {
    if (!Array.isArray(item)) {
      decodeOne(item, sink, spans);
      continue;
    }
    for (const inner of item as unknown[]) decodeOne(inner, sink, spans);
  }
  return { spans, warnings: sink.warnings };
}

export const zipkinDecoder: FormatDecoder = { name: 'zipkin', accepts, decode };
