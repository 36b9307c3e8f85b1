/**
 * OTLP span events (`events[{timeUnixNano,name,attributes}]`) as SpanEvents. Exception events are
 * kept as ordinary events: whether they mean failure is another analysis's call.
 *
 * An event without a recorded time is pinned to the span's start, so it stays inside the span's
 * window on a waterfall instead of landing at 1970.
 */
import type { SpanEvent } from '../../model/span.js';
import { parseNanos } from '../../model/time.js';
import { isObject } from '../decoder.js';
import { attributesOf } from './any-value.js';
import type { WireEvent } from './wire.js';

export function eventsOf(raw: unknown, spanStartNs: bigint): SpanEvent[] {
  if (!Array.isArray(raw)) return [];
  const events: SpanEvent[] = [];
  for (const item of raw) {
    if (!isObject(item)) continue;
    const wire = item as WireEvent;
    const time = parseNanos(wire.timeUnixNano);
    events.push({
      timeNs: time === undefined || time === 0n ? spanStartNs : time,
      name: typeof wire.name === 'string' ? wire.name : '',
      attributes: attributesOf(wire.attributes),
    });
  }
  return events;
}
