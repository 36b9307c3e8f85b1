/**
 * The contract between `tracectl convert` and a format's encoder. Encoders are the mirror of the
 * decoders: pure functions from normalized spans to wire text. They write one trace at a time, so the
 * command can stream a dump of any size to disk without ever holding the whole output as one string.
 *
 * Wire formats (Jaeger, Zipkin, OTLP) get the spans of a trace as they were read (raw times, read
 * order), because reading the result back must rebuild the same tree. Views (Chrome trace events,
 * speedscope) get the built trace, with effective (skew-corrected) times and its tree.
 */
import type { Span } from '../../model/span.js';
import type { Trace } from '../../model/trace.js';
import type { LossTally } from './losses.js';

export type WireTarget = 'jaeger' | 'zipkin' | 'otlp' | 'otlp-jsonl';
export type ViewTarget = 'chrome' | 'speedscope';
export type ConvertTarget = WireTarget | ViewTarget;

const WIRE_TARGETS: readonly WireTarget[] = ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl'];
export const CONVERT_TARGETS: readonly ConvertTarget[] = ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl', 'chrome', 'speedscope'];

export function isWireTarget(target: ConvertTarget): target is WireTarget {
  return (WIRE_TARGETS as readonly string[]).includes(target);
}

/** The spans of one trace, in the order they were read. */
export interface SpanGroup {
  readonly traceId: string;
  readonly spans: readonly Span[];
}

/**
 * A streaming writer of one output document. `head()` once, `trace()` per trace (each returns the
 * complete text for that trace, separators included), `tail()` once. What the target cannot carry is
 * counted in `losses` as it is met.
 */
export interface DumpEncoder<T> {
  readonly losses: LossTally;
  head(): string;
  trace(input: T): string;
  tail(): string;
}

export type WireEncoder = DumpEncoder<SpanGroup>;
export type ViewEncoder = DumpEncoder<Trace>;
