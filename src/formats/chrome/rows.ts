/**
 * Which row of the timeline a span is drawn on: a process per service (`pid`) and, inside it, a
 * thread per thread the spans name (`thread.name` / `thread.id`, the OpenTelemetry attributes) or one
 * "spans" row when they name none. A row whose spans overlap without nesting (concurrent calls, async
 * work) is split into lanes, each its own `tid`, so every row nests properly (see encode/lanes.ts).
 * Rows persist across the traces of a dump: later traces reuse a lane once it is free.
 */
import type { Span } from '../../model/span.js';
import { LaneSet } from '../encode/lanes.js';
import type { MetadataEvent } from './wire.js';

interface Row {
  readonly pid: number;
  readonly name: string;
  readonly lanes: LaneSet;
  /** tid of each lane, by lane index. */
  readonly tids: number[];
}

export interface Place {
  readonly pid: number;
  readonly tid: number;
  /** 0 for a row's first lane. */
  readonly lane: number;
}

function threadOf(span: Span): { key: string; name: string } {
  const name = span.attributes['thread.name'];
  const id = span.attributes['thread.id'];
  if (typeof name === 'string' && name !== '') return { key: `n:${name}`, name };
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return { key: `i:${id}`, name: `thread ${id}` };
  return { key: '', name: 'spans' };
}

export class RowTable {
  private readonly pids = new Map<string, number>();
  private readonly rows = new Map<string, Row>();
  private readonly nextTid = new Map<number, number>();

  /** Places a span's interval (µs), adding metadata events for any new process or thread to `meta`. */
  place(span: Span, startUs: number, endUs: number, meta: MetadataEvent[]): Place {
    let pid = this.pids.get(span.service);
    if (pid === undefined) {
      pid = this.pids.size + 1;
      this.pids.set(span.service, pid);
      meta.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: span.service } });
    }
    const thread = threadOf(span);
    const rowKey = `${pid}\u0000${thread.key}`;
    let row = this.rows.get(rowKey);
    if (row === undefined) {
      row = { pid, name: thread.name, lanes: new LaneSet(), tids: [] };
      this.rows.set(rowKey, row);
    }
    const lane = row.lanes.place(startUs, endUs);
    let tid = row.tids[lane];
    if (tid === undefined) {
      tid = (this.nextTid.get(pid) ?? 0) + 1;
      this.nextTid.set(pid, tid);
      row.tids[lane] = tid;
      const name = lane === 0 ? row.name : `${row.name} (lane ${lane + 1})`;
      meta.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name } });
      meta.push({ name: 'thread_sort_index', ph: 'M', pid, tid, args: { sort_index: tid } });
    }
    return { pid, tid, lane };
  }
}
