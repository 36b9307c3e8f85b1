/**
 * Jaeger span logs to span events. A log is a timestamp plus fields shaped like tags; OpenTracing
 * names the kind of log in its `event` field ("error", "some-event"), which becomes the event's
 * name ("log" when there is none). All fields, `event` included, stay as the event's attributes, so
 * a log's error message can later be found under `message` / `error.object` / `error.kind`.
 */
import type { SpanEvent } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { ownValue } from './own.js';
import { decodeTags } from './tags.js';
import { readInstant } from './timing.js';
import { type WarningSink, warn } from './warn.js';

function eventName(value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'log';
}

/**
 * The logs of a span; with `only`, just those fields are kept (the lean decoding). A log without a readable timestamp keeps its fields: it is placed at the
 * span's start, with a warning. A log that is not an object is dropped with a warning.
 */
export function decodeLogs(raw: unknown, spanStartNs: bigint, sink: WarningSink, traceId: string, spanId: string, only?: ReadonlySet<string>): SpanEvent[] {
  const events: SpanEvent[] = [];
  if (!Array.isArray(raw)) return events;
  raw.forEach((log, i) => {
    if (!isObject(log)) {
      warn(sink, 'skipped-record', `span ${spanId}: log #${i} is not an object; dropped`, traceId, spanId);
      return;
    }
    const attributes = decodeTags(ownValue(log, 'fields'), only);
    let timeNs = readInstant(ownValue(log, 'timestamp'));
    if (timeNs === undefined) {
      warn(sink, 'suspect-timestamp', `span ${spanId}: log #${i} has no readable timestamp; placed at the span's start`, traceId, spanId);
      timeNs = spanStartNs;
    }
    events.push({ timeNs, name: eventName(ownValue(attributes, 'event')), attributes });
  });
  return events;
}
