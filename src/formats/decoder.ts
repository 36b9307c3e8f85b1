/**
 * The contract between the input layer and a wire format. The input layer frames a stream into
 * records (one parsed JSON value each) and says where each came from; a format's pure decoder turns
 * a record into normalized spans. Adding a format is a folder with one of these plus a registry line.
 */
import type { FormatName, Span } from '../model/span.js';
import type { TraceWarning } from '../model/warnings.js';

/**
 * Where the framer found a record:
 * - `otlp-resource-spans`: an element of `resourceSpans` / `batches` (one OTLP ResourceSpans)
 * - `jaeger-trace`: an element of a Jaeger `data` array (one trace with its processes)
 * - `jaeger-span`: an element of jaeger-ui's internal `data.spans` (a span with inline process)
 * - `element`: an element of a top-level array, or of an array inside one (Zipkin lists, span arrays)
 * - `document`: a whole top-level JSON value (a bare trace, a single span, one JSON line)
 */
export type RecordHint = 'otlp-resource-spans' | 'jaeger-trace' | 'jaeger-span' | 'element' | 'document';

export interface DecodeContext {
  /** The input's name as the user gave it ("-" for stdin), for warnings. */
  readonly file: string;
  /**
   * Leave span attributes, events and links empty: the caller needs only what trace structure and
   * timing are made of (ids, parent, service, operation, kind, times, status, host). A decoder may
   * ignore it; one that honours it skips the costliest part of decoding. Optional, default false.
   */
  readonly lean?: boolean;
}

export interface Decoded {
  readonly spans: Span[];
  readonly warnings: TraceWarning[];
}

export interface FormatDecoder {
  readonly name: FormatName;
  /** Whether this parsed record is written in this format. Looks at keys only: it runs per record. */
  accepts(record: unknown, hint: RecordHint): boolean;
  /** Spans of the record. Never throws on odd content: what it cannot use becomes a warning. */
  decode(record: unknown, ctx: DecodeContext): Decoded;
}

/** A plain object (not null, not an array), for narrowing parsed JSON. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
