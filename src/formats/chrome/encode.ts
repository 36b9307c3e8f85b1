/**
 * A dump as a Chrome trace (Trace Event Format, JSON object form), which opens in Perfetto
 * (ui.perfetto.dev) and chrome://tracing: every span a complete event on its service's row (see
 * rows.ts), its events as instant events on the same row, and a flow arrow from each parent to a child
 * drawn on another row. Spans are drawn where the analyses place them (effective, clock-skew-corrected
 * times, like the waterfall).
 *
 * Times are whole microseconds since the epoch: start and end rounded down (encode/micros.ts). Whole
 * numbers stay exact in the viewers' doubles, so a child that ends with its parent still nests;
 * fractional epoch microseconds would not (a double holds ~0.25 µs at today's epoch). Span ids,
 * kind, status, attributes, the resource and links go into each event's `args` (links are not drawn).
 */
import type { SpanNode, Trace } from '../../model/trace.js';
import type { ViewEncoder } from '../encode/contract.js';
import { LossTally } from '../encode/losses.js';
import { floorMicros, microTiming } from '../encode/micros.js';
import { type Place, RowTable } from './rows.js';
import type { Args, CompleteEvent, FlowEvent, InstantEvent, MetadataEvent, TraceEvent } from './wire.js';

export interface ChromeOptions {
  /** Written to `otherData.exporter`. */
  readonly exporter: string;
}

interface Placed {
  readonly node: SpanNode;
  readonly startUs: number;
  readonly endUs: number;
  place?: Place;
}

function argsOf(node: SpanNode): Args {
  const span = node.span;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentId !== undefined ? { parentId: span.parentId } : {}),
    service: span.service,
    kind: span.kind,
    status: span.status,
    ...(span.statusMessage !== undefined ? { statusMessage: span.statusMessage } : {}),
    ...(node.skewNs !== 0 ? { clockSkewShiftNs: node.skewNs } : {}),
    attributes: { ...span.attributes },
    resource: { ...span.resource },
    ...(span.refs.length > 0 ? { links: span.refs.map((r) => ({ type: r.type, traceId: r.traceId, spanId: r.spanId })) } : {}),
  };
}

function completeEvent(p: Placed, place: Place): CompleteEvent {
  const span = p.node.span;
  return {
    name: span.operation === '' ? '(no name)' : span.operation,
    cat: span.kind,
    ph: 'X',
    ts: p.startUs,
    dur: p.endUs - p.startUs,
    pid: place.pid,
    tid: place.tid,
    args: argsOf(p.node),
    ...(span.status === 'error' ? { cname: 'terrible' as const } : {}),
  };
}

function instantEvents(p: Placed, place: Place): InstantEvent[] {
  return p.node.span.events.map((event) => ({
    name: event.name === '' ? '(event)' : event.name,
    cat: 'event',
    ph: 'i',
    s: 't',
    ts: floorMicros(event.timeNs + BigInt(p.node.skewNs)),
    pid: place.pid,
    tid: place.tid,
    args: { ...event.attributes },
  }));
}

/** The events of one trace: metadata for new rows first, then spans by row, then flows. */
function chromeTraceEvents(trace: Trace, rows: RowTable, losses: LossTally, nextFlowId: () => number): TraceEvent[] {
  const placed: Placed[] = trace.nodes.map((node) => {
    const time = microTiming(node.startNs, node.durationNs);
    if (time.lossy) losses.add('sub-microsecond');
    return { node, startUs: time.startUs, endUs: time.startUs + time.durationUs };
  });
  // Lanes pack best in start order, longer first (a parent before the children it contains).
  const order = [...placed].sort((a, b) => a.startUs - b.startUs || b.endUs - a.endUs || a.node.index - b.node.index);
  const meta: MetadataEvent[] = [];
  const body: TraceEvent[] = [];
  for (const p of order) {
    const place = rows.place(p.node.span, p.startUs, p.endUs, meta);
    p.place = place;
    if (place.lane > 0) losses.add('lanes');
    body.push(completeEvent(p, place), ...instantEvents(p, place));
  }
  for (const p of placed) {
    const parent = p.node.parent === undefined ? undefined : placed[p.node.parent.index];
    if (parent?.place === undefined || p.place === undefined) continue;
    if (parent.place.pid === p.place.pid && parent.place.tid === p.place.tid) continue;
    const id = nextFlowId();
    // The arrow leaves the parent while it runs (an async child may start after the parent ended).
    const from = Math.min(Math.max(p.startUs, parent.startUs), parent.endUs);
    const flow = { name: 'call', cat: 'flow', id } as const;
    body.push(
      { ...flow, ph: 's', ts: from, pid: parent.place.pid, tid: parent.place.tid } satisfies FlowEvent,
      { ...flow, ph: 'f', bp: 'e', ts: p.startUs, pid: p.place.pid, tid: p.place.tid } satisfies FlowEvent,
    );
  }
  return [...meta, ...body];
}

/** A whole dump as one Trace Event document, one event per line. */
export function chromeEncoder(options: ChromeOptions): ViewEncoder {
  const losses = new LossTally();
  const rows = new RowTable();
  let flowId = 0;
  let events = 0;
  let traces = 0;
  let spans = 0;
  return {
    losses,
    head: () => '{"traceEvents":[',
    trace(trace) {
      traces++;
      spans += trace.nodes.length;
      let text = '';
      for (const event of chromeTraceEvents(trace, rows, losses, () => ++flowId)) {
        text += `${events++ === 0 ? '\n' : ',\n'}${JSON.stringify(event)}`;
      }
      return text;
    },
    tail: () =>
      `${events > 0 ? '\n' : ''}],"displayTimeUnit":"ms","otherData":${JSON.stringify({ exporter: options.exporter, traces, spans })}}\n`,
  };
}
