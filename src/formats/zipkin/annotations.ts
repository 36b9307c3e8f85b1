/**
 * Zipkin annotations: timed strings on a span. In v2 they become events; in v1 some of them
 * ("cs", "sr", ...) also carry the span's kind and timing, and each names the endpoint it was
 * recorded on. Their timestamps are checked for magnitude here, once, because producers do get
 * them wrong (a 15-digit microsecond value in jaeger__zipkin_v1_merged_spans.json).
 */
import type { SpanEvent } from '../../model/span.js';
import { isPlausibleEpochNanos, microsToNanos } from '../../model/time.js';
import { isObject } from '../decoder.js';
import { type Endpoint, readEndpoint } from './endpoint.js';
import { readTimestampMicros } from './micros.js';
import type { SpanWhere, WarnSink } from './warn-sink.js';
import { field, type AnnotationWire } from './wire.js';
import { tagString } from './attrs.js';

export interface Annotation {
  /** Epoch microseconds as written. */
  readonly timeUs: number;
  readonly timeNs: bigint;
  readonly value: string;
  /** v1 only: where it was recorded. */
  readonly endpoint?: Endpoint;
}

/**
 * The usable annotations of a span, in input order. One without a timestamp cannot be placed and is
 * dropped with a warning; one whose timestamp is not a plausible epoch time is kept, with a warning.
 */
export function readAnnotations(raw: unknown, sink: WarnSink, where: SpanWhere): Annotation[] {
  if (!Array.isArray(raw)) return [];
  const out: Annotation[] = [];
  for (const item of raw as unknown[]) {
    // Not an annotation at all (null, a number): nothing to keep. No warning code fits an
    // unusable event, and such garbage inside an otherwise valid span is not worth one.
    if (!isObject(item)) continue;
    const value = tagString(field<AnnotationWire>(item, 'value')) ?? '';
    const timeUs = readTimestampMicros(field<AnnotationWire>(item, 'timestamp'));
    if (timeUs === undefined) {
      sink.add('suspect-timestamp', `annotation ${JSON.stringify(value)} has no timestamp: dropped`, where);
      continue;
    }
    const timeNs = microsToNanos(timeUs);
    if (!isPlausibleEpochNanos(timeNs)) {
      sink.add('suspect-timestamp', `annotation ${JSON.stringify(value)} timestamp ${timeUs} µs is not a plausible epoch time`, where);
    }
    const endpoint = readEndpoint(field<AnnotationWire>(item, 'endpoint'));
    out.push(endpoint === undefined ? { timeUs, timeNs, value } : { timeUs, timeNs, value, endpoint });
  }
  return out;
}

/** Annotations as span events: name = value, no attributes. */
export function toEvents(annotations: readonly Annotation[]): SpanEvent[] {
  return annotations.map((a) => ({ timeNs: a.timeNs, name: a.value, attributes: {} }));
}
