/**
 * `tracectl traces`: one summary row per trace, sortable. Pure: traces in, plain rows out.
 */
import { isoFromNanos, nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { TraceSortKey } from './choices.js';

export interface TraceRow {
  readonly traceId: string;
  readonly rootService: string;
  readonly rootOperation: string;
  /** ISO-8601 UTC, microsecond precision. */
  readonly startTime: string;
  readonly durationMs: number;
  readonly spans: number;
  readonly services: number;
  readonly errors: number;
}

export interface TraceList {
  /** Traces listed before --limit: every trace in the input, or those --where kept. */
  readonly total: number;
  readonly traces: TraceRow[];
}

export interface TraceListOptions {
  readonly sort?: TraceSortKey;
  readonly limit?: number;
  /** Keep only traces with at least one span this accepts (`--where`). */
  readonly where?: (node: SpanNode, trace: Trace) => boolean;
}

/** A row before its start time is written (only the rows listed after --limit need one). */
interface Keyed {
  row: Omit<TraceRow, 'startTime'>;
  startNs: bigint;
  durationNs: number;
}

export function listTraces(traces: Iterable<Trace>, options: TraceListOptions = {}): TraceList {
  const keyed: Keyed[] = [];
  const where = options.where;
  for (const trace of traces) {
    if (where !== undefined && !trace.nodes.some((node) => where(node, trace))) continue;
    keyed.push({ row: rowFields(trace), startNs: trace.startNs, durationNs: trace.durationNs });
  }
  keyed.sort(traceOrder(options.sort ?? 'start'));
  const limited = options.limit === undefined ? keyed : keyed.slice(0, options.limit);
  return { total: keyed.length, traces: limited.map((k) => withStartTime(k.row, k.startNs)) };
}

/** What ordering traces needs of each. */
export interface SortableTrace {
  readonly row: Pick<TraceRow, 'traceId' | 'spans' | 'errors'>;
  readonly startNs: bigint;
  readonly durationNs: number;
}

/** The list's order for a sort key: the earliest first, else the longest, biggest, most failed first; ties by start, then id. */
export function traceOrder(sort: TraceSortKey): (a: SortableTrace, b: SortableTrace) => number {
  const byStart = (a: SortableTrace, b: SortableTrace): number =>
    a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.row.traceId.localeCompare(b.row.traceId);
  switch (sort) {
    case 'duration':
      return (a, b) => b.durationNs - a.durationNs || byStart(a, b);
    case 'spans':
      return (a, b) => b.row.spans - a.row.spans || byStart(a, b);
    case 'errors':
      return (a, b) => b.row.errors - a.row.errors || byStart(a, b);
    default:
      return byStart;
  }
}

/** One trace's row, as the list shows it. */
export function traceRow(trace: Trace): TraceRow {
  return withStartTime(rowFields(trace), trace.startNs);
}

function rowFields(trace: Trace): Omit<TraceRow, 'startTime'> {
  return {
    traceId: trace.traceId,
    rootService: trace.root.span.service,
    rootOperation: trace.root.span.operation,
    durationMs: nsToMs(trace.durationNs),
    spans: trace.nodes.length,
    services: trace.services.length,
    errors: trace.errorCount,
  };
}

/** The row with its start time, in the field order --json has always had. */
function withStartTime(row: Omit<TraceRow, 'startTime'>, startNs: bigint): TraceRow {
  const { traceId, rootService, rootOperation, ...rest } = row;
  return { traceId, rootService, rootOperation, startTime: isoFromNanos(startNs), ...rest };
}
