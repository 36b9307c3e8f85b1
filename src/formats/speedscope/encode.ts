/**
 * A dump as a speedscope file: one evented profile per trace, time in nanoseconds from the trace's
 * start, and a frame per service and operation shared by all profiles (so the "left heavy" and
 * "sandwich" views add up one operation across traces).
 *
 * An evented profile is a single call stack, and a trace is not: concurrent children overlap without
 * nesting, and async children outlive their parent. Such a trace is split into lanes (see
 * encode/lanes.ts), each its own profile ("lane 2/3"): the first lane holds the root and everything
 * that nests under it in time, the others the overlapping work, each span under the spans of its
 * lane that contain it. Attributes, status, events and links have no place in the format.
 */
import type { SpanNode, Trace } from '../../model/trace.js';
import type { ViewEncoder } from '../encode/contract.js';
import { LaneSet } from '../encode/lanes.js';
import { LossTally } from '../encode/losses.js';
import { type EventedProfileOut, type FrameEventOut, type FrameOut, SPEEDSCOPE_SCHEMA } from './wire.js';

export interface SpeedscopeOptions {
  /** Written to `exporter`. */
  readonly exporter: string;
  /** The document's name (shown in speedscope's title bar). */
  readonly name: string;
}

/** Frames by service and operation, in order of first use. */
class FrameTable {
  readonly frames: FrameOut[] = [];
  private readonly index = new Map<string, number>();

  frameOf(node: SpanNode): number {
    const { service, operation } = node.span;
    const key = `${service}\u0000${operation}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.frames.length;
      this.index.set(key, i);
      this.frames.push({ name: `${service}: ${operation === '' ? '(no name)' : operation}`, file: service });
    }
    return i;
  }
}

/** Open/close events of spans that nest, given in start order (longer first). */
function laneEvents(nodes: readonly SpanNode[], frames: FrameTable): FrameEventOut[] {
  const events: FrameEventOut[] = [];
  const open: { frame: number; end: number }[] = [];
  const closeUntil = (at: number): void => {
    while (open.length > 0 && open[open.length - 1]!.end <= at) {
      const top = open.pop()!;
      events.push({ type: 'C', frame: top.frame, at: top.end });
    }
  };
  for (const node of nodes) {
    closeUntil(node.offsetNs);
    const frame = frames.frameOf(node);
    events.push({ type: 'O', frame, at: node.offsetNs });
    open.push({ frame, end: node.offsetNs + node.durationNs });
  }
  closeUntil(Number.POSITIVE_INFINITY);
  return events;
}

function hasDetails(node: SpanNode): boolean {
  const s = node.span;
  return Object.keys(s.attributes).length > 0 || s.events.length > 0 || s.refs.length > 0 || s.status !== 'unset';
}

/** The profiles of one trace: one per lane. */
function speedscopeProfiles(trace: Trace, frames: FrameTable, losses: LossTally): EventedProfileOut[] {
  const end = (n: SpanNode): number => n.offsetNs + n.durationNs;
  const order = [...trace.nodes].sort((a, b) => a.offsetNs - b.offsetNs || end(b) - end(a) || a.index - b.index);
  const lanes = new LaneSet();
  const byLane: SpanNode[][] = [];
  for (const node of order) {
    const lane = lanes.place(node.offsetNs, end(node));
    (byLane[lane] ??= []).push(node);
    if (lane > 0) losses.add('lanes');
    if (hasDetails(node)) losses.add('view-details');
  }
  const root = trace.root.span;
  const title = `${root.service}: ${root.operation === '' ? '(no name)' : root.operation} · trace ${trace.traceId}`;
  return byLane.map((nodes, i) => ({
    type: 'evented',
    name: byLane.length > 1 ? `${title} · lane ${i + 1}/${byLane.length}` : title,
    unit: 'nanoseconds',
    startValue: 0,
    endValue: trace.durationNs,
    events: laneEvents(nodes, frames),
  }));
}

/** A whole dump as one speedscope document, one profile per line; frames are written last. */
export function speedscopeEncoder(options: SpeedscopeOptions): ViewEncoder {
  const losses = new LossTally();
  const frames = new FrameTable();
  let profiles = 0;
  return {
    losses,
    head: () => `{"$schema":${JSON.stringify(SPEEDSCOPE_SCHEMA)},"profiles":[`,
    trace(trace) {
      let text = '';
      for (const profile of speedscopeProfiles(trace, frames, losses)) text += `${profiles++ === 0 ? '\n' : ',\n'}${JSON.stringify(profile)}`;
      return text;
    },
    tail: () =>
      `${profiles > 0 ? '\n' : ''}],"shared":${JSON.stringify({ frames: frames.frames })},"name":${JSON.stringify(options.name)},` +
      `"activeProfileIndex":0,"exporter":${JSON.stringify(options.exporter)}}\n`,
  };
}
