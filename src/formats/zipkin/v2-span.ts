/**
 * Zipkin v2 span → Span (FORMATS.md section 2). One v2 span is one host's view, so the mapping is
 * direct; the work is in the gaps: no kind means a local span, no timestamp means the times come
 * from the annotations, and `shared` marks the server half of a client/server pair with one id.
 */
import type { Span, SpanKind } from '../../model/span.js';
import { readAnnotations, toEvents } from './annotations.js';
import { buildSpan } from './build-span.js';
import { readEndpoint } from './endpoint.js';
import { readDurationMicros } from './micros.js';
import { readSpanIds } from './span-ids.js';
import { STATUS_TAGS } from './error-status.js';
import { readTags } from './tags.js';
import { readSpanTimestamp, type Timing, timingFromAnnotations, timingFromFields } from './timing.js';
import type { WarnSink } from './warn-sink.js';
import { field, type V2SpanWire } from './wire.js';

const KINDS: Readonly<Record<string, SpanKind>> = {
  CLIENT: 'client',
  SERVER: 'server',
  PRODUCER: 'producer',
  CONSUMER: 'consumer',
};

/** Zipkin kind: absent means a local (in-process) span; a value Zipkin does not define says nothing. */
function readKind(raw: unknown): SpanKind {
  if (raw === undefined || raw === null || raw === '') return 'internal';
  if (typeof raw !== 'string') return 'unspecified';
  return KINDS[raw.toUpperCase()] ?? 'unspecified';
}

/** The span, or undefined (with a warning) when it has no trace or span id. */
export function decodeV2Span(raw: Readonly<Record<string, unknown>>, sink: WarnSink): Span | undefined {
  const get = (key: keyof V2SpanWire & string): unknown => field<V2SpanWire>(raw, key);
  const ids = readSpanIds({ traceId: get('traceId'), id: get('id'), parentId: get('parentId') }, sink);
  if (ids === undefined) return undefined;
  const where = { traceId: ids.traceId, spanId: ids.spanId };

  const annotations = readAnnotations(get('annotations'), sink, where);
  const startUs = readSpanTimestamp(get('timestamp'), sink, where);
  const durationUs = readDurationMicros(get('duration'));
  const timing: Timing =
    startUs !== undefined
      ? timingFromFields(startUs, durationUs, sink, where)
      : timingFromAnnotations(annotations, durationUs, sink, where);

  const name = get('name');
  // Zipkin marks failure by the mere presence of an `error` tag: one whose value is no text is left
  // out of the attributes (and warned about), but the span still failed.
  let errorTagDropped = false;
  const tags = readTags(get('tags'), sink.lean ? STATUS_TAGS : undefined, (key, value) => {
    const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
    sink.add('skipped-field', `span ${ids.spanId}: tag ${JSON.stringify(key)} is ${what}, not text; left out`, where);
    if (key === 'error') errorTagDropped = true;
  });
  const kind = readKind(get('kind'));
  return buildSpan({
    ids,
    name: typeof name === 'string' ? name : '',
    kind,
    timing,
    local: readEndpoint(get('localEndpoint')),
    remote: sink.lean ? undefined : readEndpoint(get('remoteEndpoint')),
    tags,
    events: toEvents(annotations),
    // `shared` marks a server half: set on a client it is a mistake, and dropped (as zipkin-lens does).
    shared: get('shared') === true && kind !== 'client',
    failed: errorTagDropped,
  });
}
