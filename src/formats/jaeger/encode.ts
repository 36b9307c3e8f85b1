/**
 * Normalized spans to Jaeger query-API / UI JSON: `{"data":[trace...],"total",...}`, each trace
 * `{traceID, spans, processes, warnings}` with a process table shared by its spans.
 *
 * What Jaeger keeps: ids, operation, kind and status (as tags, see encode-span-tags.ts), attributes,
 * the resource (process tags), events (logs), the parent and references (encode-references.ts).
 * What it loses: sub-microsecond times (µs fields; start and end rounded down), array/map attribute
 * values (JSON text), link attributes, and links of parentless spans into their own trace.
 * Zipkin client/server halves keep their shared id, as Jaeger itself stores them.
 */
import type { AttrValue, Span, SpanEvent } from '../../model/span.js';
import type { SpanGroup, WireEncoder } from '../encode/contract.js';
import { LossTally } from '../encode/losses.js';
import { floorMicros, spanMicros } from '../encode/micros.js';
import { lonelySharedHalves } from '../encode/shared-halves.js';
import { type JaegerRefOut, jaegerReferences } from './encode-references.js';
import { jaegerSpanTagEntries } from './encode-span-tags.js';
import { type JaegerTagOut, jaegerTags } from './encode-tags.js';

interface JaegerLogOut {
  readonly timestamp: number;
  readonly fields: JaegerTagOut[];
}

interface JaegerSpanOut {
  readonly traceID: string;
  readonly spanID: string;
  readonly operationName: string;
  readonly references: JaegerRefOut[];
  readonly startTime?: number;
  readonly duration?: number;
  readonly tags: JaegerTagOut[];
  readonly logs: JaegerLogOut[];
  readonly processID: string;
  readonly warnings: readonly string[] | null;
}

interface JaegerProcessOut {
  readonly serviceName: string;
  readonly tags: JaegerTagOut[];
}

export interface JaegerTraceOut {
  readonly traceID: string;
  readonly spans: JaegerSpanOut[];
  readonly processes: Record<string, JaegerProcessOut>;
  readonly warnings: null;
}

/** Log fields: the event's name as OpenTracing's `event` field (first), then its attributes. */
function logOf(event: SpanEvent, losses: LossTally): JaegerLogOut {
  const fields = new Map<string, AttrValue>();
  const named = event.name !== '' && event.name !== 'log';
  if (named) fields.set('event', event.name);
  for (const [key, value] of Object.entries(event.attributes)) {
    if (key === 'event' && named) {
      if (value !== event.name) losses.add('conflicting-attributes');
      continue;
    }
    fields.set(key, value);
  }
  return { timestamp: floorMicros(event.timeNs), fields: jaegerTags(fields, losses) };
}

/** Process tags: the resource, without `service.name` when it only repeats the service. */
function processOf(span: Span, losses: LossTally): JaegerProcessOut {
  const entries = Object.entries(span.resource).filter(([key, value]) => !(key === 'service.name' && value === span.service));
  return { serviceName: span.service, tags: jaegerTags(entries, losses) };
}

/**
 * Gives each distinct process of a trace an id ("p1", "p2", ...) in order of first use. Decoders share
 * one resource object among the spans of a process, so most spans are matched by that object without
 * writing their process out; the JSON text decides only for a resource not seen before.
 */
class ProcessIds {
  readonly table: Record<string, JaegerProcessOut> = {};
  private readonly byKey = new Map<string, string>();
  private readonly byResource = new Map<Span['resource'], Map<string, string>>();

  idFor(span: Span, losses: LossTally): string {
    let byService = this.byResource.get(span.resource);
    const known = byService?.get(span.service);
    if (known !== undefined) return known;
    const process = processOf(span, losses);
    const key = JSON.stringify(process);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = `p${this.byKey.size + 1}`;
      this.byKey.set(key, id);
      this.table[id] = process;
    }
    if (byService === undefined) this.byResource.set(span.resource, (byService = new Map()));
    byService.set(span.service, id);
    return id;
  }
}

function spanOf(span: Span, processId: string, losses: LossTally): JaegerSpanOut {
  const time = spanMicros(span);
  const timing: { startTime?: number; duration?: number } = {};
  if (span.timing === 'missing') {
    if (span.durationNs > 0) timing.duration = Math.floor(span.durationNs / 1000);
  } else {
    if (time.lossy) losses.add('sub-microsecond');
    timing.startTime = time.startUs;
    if (span.timing !== 'no-duration') timing.duration = time.durationUs;
  }
  return {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.operation,
    references: jaegerReferences(span, losses),
    ...timing,
    tags: jaegerTags(jaegerSpanTagEntries(span, losses), losses),
    logs: span.events.map((e) => logOf(e, losses)),
    processID: processId,
    warnings: span.warnings ?? null,
  };
}

/** One trace in Jaeger's UI JSON. */
export function encodeJaegerTrace(group: SpanGroup, losses: LossTally): JaegerTraceOut {
  const processes = new ProcessIds();
  losses.add('shared-flag', lonelySharedHalves(group.spans));
  const spans = group.spans.map((span) => spanOf(span, processes.idFor(span, losses), losses));
  return { traceID: group.traceId, spans, processes: processes.table, warnings: null };
}

/** A whole dump as a query-API response, one trace per line. */
export function jaegerEncoder(): WireEncoder {
  const losses = new LossTally();
  let count = 0;
  return {
    losses,
    head: () => '{"data":[',
    trace(group) {
      const text = JSON.stringify(encodeJaegerTrace(group, losses));
      return `${count++ === 0 ? '\n' : ',\n'}${text}`;
    },
    tail: () => `${count > 0 ? '\n' : ''}],"total":${count},"limit":0,"offset":0,"errors":null}\n`,
  };
}
