/**
 * Zipkin v1 span → one Span per side (FORMATS.md section 3; zipkin's V1SpanConverter semantics):
 * kind and service from the core annotations, timing from the span or from cs/cr and sr/ss,
 * binary annotations as string attributes, address annotations as peer attributes, and the other
 * annotations as events of the side whose endpoint recorded them.
 */
import type { Span } from '../../model/span.js';
import { type Annotation, readAnnotations, toEvents } from './annotations.js';
import { buildSpan } from './build-span.js';
import { type Endpoint, withoutServiceName } from './endpoint.js';
import { readDurationMicros } from './micros.js';
import { readSpanIds } from './span-ids.js';
import { readSpanTimestamp, type Timing, timingBetween, timingFromAnnotations, timingFromFields } from './timing.js';
import { type BinaryAnnotations, readBinaryAnnotations } from './v1-binary-annotations.js';
import { findCore } from './v1-core.js';
import { planSides, type Side, sideIndexFor } from './v1-sides.js';
import type { SpanWhere, WarnSink } from './warn-sink.js';
import { field, type V1SpanWire } from './wire.js';

/** What each side collects besides its timing. */
interface SideFacts {
  readonly events: Annotation[];
  readonly tags: Map<string, string>;
  remote: Endpoint | undefined;
}

/** The spans of a v1 span; empty (with a warning) when it has no trace or span id. */
export function decodeV1Span(raw: Readonly<Record<string, unknown>>, sink: WarnSink): Span[] {
  const get = (key: keyof V1SpanWire & string): unknown => field<V1SpanWire>(raw, key);
  const ids = readSpanIds({ traceId: get('traceId'), id: get('id'), parentId: get('parentId') }, sink);
  if (ids === undefined) return [];
  const where = { traceId: ids.traceId, spanId: ids.spanId };

  const annotations = readAnnotations(get('annotations'), sink, where);
  const binary = readBinaryAnnotations(get('binaryAnnotations'));
  const startUs = readSpanTimestamp(get('timestamp'), sink, where);
  const durationUs = readDurationMicros(get('duration'));

  const sides = planSides(findCore(annotations), startUs !== undefined, durationUs !== undefined);
  if (sides.length === 1 && sides[0]?.kind === 'internal') {
    (sides[0] as Side).endpoint = localEndpointOf(annotations, binary);
  }
  const facts = collectFacts(sides, annotations, binary);

  const name = get('name');
  return sides.map((side, index) => {
    const own = facts[index] as SideFacts;
    return buildSpan({
      ids,
      name: typeof name === 'string' ? name : '',
      kind: side.kind,
      timing: sideTiming(side, own.events, startUs, durationUs, sink, where),
      local: side.endpoint,
      remote: own.remote,
      tags: own.tags,
      events: toEvents(own.events),
      shared: side.shared,
    });
  });
}

/**
 * Where a span without core annotations ran: the `lc` endpoint of a local span, else any endpoint
 * the span mentions (address annotations name the peer, so they do not count).
 */
function localEndpointOf(annotations: readonly Annotation[], binary: BinaryAnnotations): Endpoint | undefined {
  if (binary.lc?.endpoint !== undefined) return binary.lc.endpoint;
  for (const a of annotations) if (a.endpoint !== undefined) return a.endpoint;
  for (const tag of binary.tags) if (tag.endpoint !== undefined) return tag.endpoint;
  return undefined;
}

/** Events, tags and peers of each side. */
function collectFacts(sides: Side[], annotations: readonly Annotation[], binary: BinaryAnnotations): SideFacts[] {
  const facts: SideFacts[] = sides.map(() => ({ events: [], tags: new Map<string, string>(), remote: undefined }));
  const timingAnnotations = new Set<Annotation>();
  for (const side of sides) {
    // An end without its begin cannot time the side; it stays visible as an event (as in zipkin).
    if (side.begin !== undefined) {
      timingAnnotations.add(side.begin);
      if (side.end !== undefined) timingAnnotations.add(side.end);
    }
  }
  for (const a of annotations) {
    if (!timingAnnotations.has(a)) facts[sideIndexFor(sides, a.endpoint)]?.events.push(a);
  }
  for (const tag of binary.tags) facts[sideIndexFor(sides, tag.endpoint)]?.tags.set(tag.key, tag.value);
  assignPeers(sides, facts, binary);
  return facts;
}

/** `sa` is the client's peer, `ca` the server's, `ma` the messaging sides'. */
function assignPeers(sides: Side[], facts: SideFacts[], binary: BinaryAnnotations): void {
  const { ca, sa, ma } = binary;
  const rpc = sides.some((s) => s.kind === 'client' || s.kind === 'server');
  sides.forEach((side, index) => {
    const own = facts[index] as SideFacts;
    if (side.kind === 'client' && sa !== undefined) own.remote = sa;
    if (side.kind === 'server' && ca !== undefined) {
      // Finagle writes the server's own service name on `ca` (with the client's socket): that
      // is not a peer service, and keeping it would link the server to itself.
      const sameService = ca.serviceName !== undefined && ca.serviceName === side.endpoint?.serviceName;
      own.remote = sameService ? withoutServiceName(ca) : ca;
    }
    if ((side.kind === 'producer' || side.kind === 'consumer') && ma !== undefined) own.remote = ma;
  });
  if (rpc || (ca === undefined && sa === undefined)) return;
  // No RPC annotations, only addresses: `ca` and `sa` together say who called whom from the
  // client's end; `sa` alone is just a peer; `ca` alone means this side served that client.
  const first = sides[0] as Side;
  const own = facts[0] as SideFacts;
  if (sa !== undefined) {
    own.remote ??= sa;
    if (ca !== undefined) first.endpoint ??= ca;
  } else if (ca !== undefined) {
    own.remote ??= ca;
    if (first.kind === 'internal' && binary.lc === undefined) first.kind = 'server';
  }
}

/**
 * A side's start and duration, best source first: the span's own timestamp and duration (only for
 * the side that owns them), the side's begin/end annotations, the span timestamp alone, the begin
 * annotation alone, and last the side's other annotations.
 */
function sideTiming(
  side: Side,
  events: readonly Annotation[],
  startUs: number | undefined,
  durationUs: number | undefined,
  sink: WarnSink,
  where: SpanWhere,
): Timing {
  const ownStart = side.ownsSpanTimes ? startUs : undefined;
  const ownDuration = side.ownsSpanTimes ? durationUs : undefined;
  if (ownStart !== undefined && ownDuration !== undefined) return timingFromFields(ownStart, ownDuration, sink, where);
  if (side.begin !== undefined && side.end !== undefined) return timingBetween(side.begin, side.end, sink, where);
  if (ownStart !== undefined) return timingFromFields(ownStart, undefined, sink, where);
  if (side.begin !== undefined) return timingBetween(side.begin, undefined, sink, where);
  return timingFromAnnotations(events, ownDuration, sink, where);
}
