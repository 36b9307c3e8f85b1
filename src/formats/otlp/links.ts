/**
 * OTLP span links as refs of type 'link'. A link only means something if it can be followed, so a
 * link whose trace or span id is not a real id (Grafana's mock data has the literal strings
 * "traceId"/"spanId") is dropped with an `invalid-id` warning; the span itself is kept.
 */
import type { SpanRef } from '../../model/span.js';
import type { TraceWarning } from '../../model/warnings.js';
import { normalizeSpanId, normalizeTraceId } from '../../model/ids.js';
import { isObject } from '../decoder.js';
import { attributesOf } from './any-value.js';
import type { WarnAt } from './warn.js';
import { describeRaw, warning } from './warn.js';
import type { WireLink } from './wire.js';

export function linksOf(raw: unknown, at: WarnAt, warnings: TraceWarning[]): SpanRef[] {
  if (!Array.isArray(raw)) return [];
  const refs: SpanRef[] = [];
  raw.forEach((item, index) => {
    const wire: WireLink = isObject(item) ? item : {};
    const traceId = normalizeTraceId(wire.traceId);
    const spanId = normalizeSpanId(wire.spanId);
    if (traceId === undefined || spanId === undefined) {
      const [field, value] = traceId === undefined ? ['traceId', wire.traceId] : ['spanId', wire.spanId];
      const problem = value === undefined ? `no ${field}` : `invalid ${field} ${describeRaw(value)}`;
      warnings.push(warning('invalid-id', `link ${index}: ${problem}: link dropped`, at));
      return;
    }
    const attributes = attributesOf(wire.attributes);
    refs.push(
      Object.keys(attributes).length > 0 ? { type: 'link', traceId, spanId, attributes } : { type: 'link', traceId, spanId },
    );
  });
  return refs;
}
