/**
 * `tracectl critical-path --trace ID`: one trace's critical path as plain data — its sections with
 * span, service and operation, and how much of the path each service+operation owns. The JSON output
 * is this object, so field names and units (`...Ms`, offsets from the trace start) are the contract.
 */
import { nsToMs } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import { criticalByOperation } from './critical-by-operation.js';
import { criticalPath } from './critical-path.js';

interface CriticalSectionRow {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
  /** From the trace start (ms). */
  readonly startOffsetMs: number;
  readonly endOffsetMs: number;
}

interface CriticalShare {
  readonly service: string;
  readonly operation: string;
  /** Time this service+operation owns on the path (ms). */
  readonly criticalMs: number;
  /** criticalMs / the root's duration, 0..1 (0 when the root lasts 0 ns). */
  readonly share: number;
}

export interface TraceCriticalPath {
  readonly traceId: string;
  /** The root span's duration (ms): what the sections add up to. */
  readonly durationMs: number;
  readonly sections: CriticalSectionRow[];
  /** Most critical time first; ties by service, then operation. */
  readonly byOperation: CriticalShare[];
}

export function traceCriticalPath(trace: Trace): TraceCriticalPath {
  const cp = criticalPath(trace);
  const rootNs = cp.root.durationNs;
  const sections: CriticalSectionRow[] = cp.sections.map((s) => {
    const { service, operation, spanId } = s.node.span;
    return { spanId, service, operation, startOffsetMs: nsToMs(s.startNs), endOffsetMs: nsToMs(s.endNs) };
  });
  const byOperation = [...criticalByOperation(cp).values()]
    .sort((a, b) => b.ns - a.ns || compare(a.service, b.service) || compare(a.operation, b.operation))
    .map((e) => ({ service: e.service, operation: e.operation, criticalMs: nsToMs(e.ns), share: rootNs === 0 ? 0 : e.ns / rootNs }));
  return { traceId: trace.traceId, durationMs: nsToMs(rootNs), sections, byOperation };
}

/** Code-point order: stable across locales, so output does not depend on the machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
