/**
 * The Trace Event Format (the JSON that chrome://tracing, Perfetto and speedscope open), the subset
 * tracectl writes: complete events (`X`), thread-scoped instant events (`i`), flow events (`s`/`f`)
 * and metadata events (`M`) naming processes and threads. Times are microseconds.
 * Reference: "Trace Event Format" (Google, the catapult project's document).
 */
import type { AttrValue } from '../../model/span.js';

export type Args = Readonly<Record<string, AttrValue | undefined>>;

export interface CompleteEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: 'X';
  readonly ts: number;
  readonly dur: number;
  readonly pid: number;
  readonly tid: number;
  readonly args: Args;
  /** A reserved colour name of the legacy viewer; "terrible" is red. */
  readonly cname?: 'terrible';
}

export interface InstantEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: 'i';
  /** Scope: this thread. */
  readonly s: 't';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly args: Args;
}

export interface FlowEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: 's' | 'f';
  readonly id: number;
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  /** On the flow's end: bind to the slice enclosing `ts`. */
  readonly bp?: 'e';
}

export interface MetadataEvent {
  readonly name: 'process_name' | 'thread_name' | 'thread_sort_index';
  readonly ph: 'M';
  readonly pid: number;
  readonly tid: number;
  readonly args: { readonly name?: string; readonly sort_index?: number };
}

export type TraceEvent = CompleteEvent | InstantEvent | FlowEvent | MetadataEvent;
