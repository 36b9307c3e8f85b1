/**
 * The OTLP JSON decoder (FORMATS.md sections 4 and 5): OpenTelemetry ExportTraceServiceRequest /
 * TracesData, Collector file-exporter lines, Tempo `batches` responses and the Jaeger api_v3 and
 * Tempo v2 wrappers.
 *
 * The framer normally hands over one ResourceSpans at a time. A whole request document is decoded
 * too (every array, inside wrappers as well), so the decoder also works when called directly or with
 * a forced format.
 */
import type { DecodeContext, Decoded, FormatDecoder, RecordHint } from '../decoder.js';
import { isObject } from '../decoder.js';
import type { Sink } from './decode-resource-spans.js';
import { decodeResourceSpans, looksLikeResourceSpans } from './decode-resource-spans.js';
import { describeRaw, warning } from './warn.js';
import type { WireTracesDocument } from './wire.js';

const ARRAY_KEYS = ['resourceSpans', 'batches'] as const;
const WRAPPER_KEYS = ['result', 'trace'] as const;
const NON_TRACE_KEYS = ['resourceLogs', 'resourceMetrics', 'resourceProfiles'] as const;

interface SpanArray {
  readonly path: string;
  readonly items: readonly unknown[];
}

/** The ResourceSpans arrays of a request document: top level first, then inside the wrappers. */
function spanArraysOf(doc: Record<string, unknown>): SpanArray[] {
  const found: SpanArray[] = [];
  const collect = (holder: Record<string, unknown>, prefix: string): void => {
    for (const key of ARRAY_KEYS) {
      const items = holder[key];
      if (Array.isArray(items)) found.push({ path: `${prefix}${key}`, items });
    }
  };
  collect(doc, '');
  const wrappers = doc as WireTracesDocument;
  for (const key of WRAPPER_KEYS) {
    const inner = wrappers[key];
    if (isObject(inner)) collect(inner, `${key}.`);
  }
  return found;
}

function decodeRecord(record: unknown, ctx: DecodeContext): Decoded {
  const sink: Sink = { spans: [], warnings: [] };
  const { file } = ctx;
  if (!isObject(record)) {
    sink.warnings.push(warning('skipped-record', 'not an OTLP traces record: skipped', { file }));
    return sink;
  }
  const arrays = spanArraysOf(record);
  if (arrays.length > 0) {
    for (const { path, items } of arrays) {
      items.forEach((item, index) => {
        if (isObject(item) && looksLikeResourceSpans(item)) {
          decodeResourceSpans(item, file, sink, ctx.lean === true);
        } else {
          const message = `${path}[${index}] is ${describeRaw(item)}, not an OTLP ResourceSpans: skipped`;
          sink.warnings.push(warning('skipped-record', message, { file }));
        }
      });
    }
    return sink;
  }
  if (looksLikeResourceSpans(record)) {
    decodeResourceSpans(record, file, sink, ctx.lean === true);
    return sink;
  }
  const nonTrace = NON_TRACE_KEYS.find((key) => key in record);
  if (nonTrace !== undefined) {
    sink.warnings.push(warning('non-trace-record', `OTLP ${nonTrace} record: skipped`, { file }));
  } else {
    sink.warnings.push(warning('skipped-record', 'not an OTLP traces record: skipped', { file }));
  }
  return sink;
}

function hasSpanArrays(record: Record<string, unknown>): boolean {
  for (const key of ARRAY_KEYS) if (Array.isArray(record[key])) return true;
  for (const key of WRAPPER_KEYS) {
    const inner = record[key];
    if (isObject(inner) && ARRAY_KEYS.some((k) => Array.isArray(inner[k]))) return true;
  }
  return false;
}

export const otlpDecoder: FormatDecoder = {
  name: 'otlp',
  accepts(record: unknown, _hint: RecordHint): boolean {
    return isObject(record) && (looksLikeResourceSpans(record) || hasSpanArrays(record));
  },
  // Never throws: every wire field is narrowed before use (a property test feeds it arbitrary JSON).
  decode: decodeRecord,
};
