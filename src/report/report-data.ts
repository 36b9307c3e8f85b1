/**
 * The document a report page embeds, as the page reads it. Node code builds it (build-report.ts,
 * trace-payload.ts) and the page's browser code (report-page/) imports these types only, so the
 * two sides cannot disagree on a field. Everything is JSON: times as epoch nanoseconds in decimal
 * strings (they exceed 2^53), durations and offsets as numbers of nanoseconds or milliseconds as
 * their names say, names and attribute values exactly as the dump gave them (the page only ever
 * puts them into text nodes).
 */
import type { CriticalAggregate } from '../analyses/critical-path-aggregate.js';
import type { ServiceDeps } from '../analyses/deps.js';
import type { ErrorGroup } from '../analyses/error-groups.js';
import type { ErrorTotals } from '../analyses/errors-report.js';
import type { LatencyResult } from '../analyses/latency.js';
import type { TraceRow } from '../analyses/trace-list.js';
import type { CheckResult } from '../check/evaluate-budgets.js';
import type { DumpDiff } from '../diff/diff-dumps.js';
import type { TraceDiff } from '../diff/diff-traces.js';
import type { Attributes } from '../model/span.js';

/** What every page says about where it came from. */
export interface PageMeta {
  /** The tracectl version that wrote the page. */
  readonly tracectl: string;
  readonly title: string;
  /** The inputs as named on the command line, with their size when they are files. */
  readonly inputs: readonly InputFacts[];
}

export interface InputFacts {
  readonly name: string;
  /** Bytes on disk; null for standard input and URLs. */
  readonly bytes: number | null;
  readonly formats: readonly string[];
  readonly spans: number;
}

export type PageDocument = ReportDocument | DiffDocument | CheckDocument;

export interface ReportDocument extends PageMeta {
  readonly kind: 'report';
  readonly options: {
    readonly maxTraces: number;
    readonly redacted: boolean;
    /** --where as given, or null. */
    readonly where: string | null;
    readonly adjustClockSkew: boolean;
  };
  readonly summary: ReportSummary;
  /** `tracectl latency --histogram --json`, per service and per service and operation. */
  readonly latencyByService: LatencyResult;
  readonly latencyByOperation: LatencyResult;
  /** `tracectl errors --json` without the per-trace list. */
  readonly errors: { readonly totals: ErrorTotals; readonly groups: ErrorGroup[] };
  /** `tracectl deps --json`. */
  readonly deps: ServiceDeps;
  /** `tracectl critical-path --json` over the dump (the aggregate). */
  /** As `critical-path --json` has it: `shareOf` names what the shares divide by. */
  readonly criticalPath: Omit<CriticalAggregate, 'omitted'> & { readonly shareOf: 'all-traces' };
  /** The slowest traces of the whole input, slowest first. */
  readonly slowest: TraceRow[];
  /** Traces with a failed span, those with error chains first, then the slowest. */
  readonly failing: TraceRow[];
  /** Which traces the page carries whole, and why. */
  readonly embedded: EmbeddedSummary;
  /** The embedded traces, by start time. */
  readonly traces: TracePayload[];
}

interface ReportSummary {
  /** Traces in the input (with --where: traces with a matching span). */
  readonly traces: number;
  readonly spans: number;
  /** Every service name, sorted. */
  readonly services: string[];
  /** Traces with at least one failed span. */
  readonly failingTraces: number;
  /** Earliest start and latest end of any trace (ISO-8601 UTC); null without traces. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly startNs: string | null;
  readonly durationMs: number;
}

export type EmbedReason = 'slowest' | 'failing' | 'sample';

interface EmbeddedSummary {
  readonly maxTraces: number;
  /** Traces embedded for each reason (a trace counts under its first reason). */
  readonly slowest: number;
  readonly failing: number;
  readonly sample: number;
  /** All traces the summary counted. */
  readonly of: number;
}

/**
 * One trace, whole, in columns (one array per field, indexed by the span's place in depth-first
 * tree order), which is both small once compressed and quick for the page to walk.
 */
export interface TracePayload {
  readonly traceId: string;
  readonly reason: EmbedReason;
  readonly row: TraceRow;
  /** The trace's earliest effective start, epoch ns. */
  readonly startNs: string;
  readonly durationNs: number;
  /** Services, operations and hosts by number. */
  readonly strings: string[];
  /** The wire format of the first span (others say so when theirs differs). */
  readonly format: string;
  readonly spans: SpanColumns;
  /** Critical-path sections: span index, start and end offset (ns), flattened. */
  readonly critical: number[];
  /** Resource attribute sets, shared by the spans that have the same. */
  readonly resources: Attributes[];
  /** Span attribute sets, likewise shared (spans of one kind often carry the same). */
  readonly attributes: Attributes[];
  /** Per span, in the same order. */
  readonly details: SpanDetails[];
}

interface SpanColumns {
  readonly id: string[];
  /** Index of the parent in this trace, -1 for a root. */
  readonly parent: number[];
  readonly depth: number[];
  readonly service: number[];
  readonly operation: number[];
  /** Index into SPAN_KINDS. */
  readonly kind: number[];
  /** Effective start from the trace start (ns). */
  readonly start: number[];
  readonly duration: number[];
  /** Bit set of SPAN_FLAG_*. */
  readonly flags: number[];
}

export const SPAN_KINDS = ['unspecified', 'server', 'client', 'producer', 'consumer', 'internal'] as const;
export const SPAN_FLAG_ERROR = 1;
export const SPAN_FLAG_CRITICAL = 2;
export const SPAN_FLAG_ASYNC = 4;
export const SPAN_FLAG_UNTIMED = 8;
export const SPAN_FLAG_STATUS_OK = 16;

/**
 * What the side panel shows beyond the columns. Fields at their usual value are left out (most
 * spans have no events, links, message or warnings, exact timing and no skew), which keeps a
 * trace of 100,000 spans small to carry and quick to parse.
 */
export interface SpanDetails {
  /** Index into `attributes`; absent when the span has none. */
  readonly a?: number;
  /** Index into `resources`. */
  readonly r: number;
  /** Events: offset from the span's recorded start (ns), name, attributes. */
  readonly e?: { readonly t: number; readonly n: string; readonly a: Attributes }[];
  /** Links and other references. */
  readonly l?: { readonly type: string; readonly traceId: string; readonly spanId: string; readonly a: Attributes }[];
  /** Status message. */
  readonly m?: string;
  /** Parent id as the dump gave it, when it is not the id of the span it hangs under (a missing parent, a broken cycle). */
  readonly p?: string;
  /** Timing when not exact: derived, no-duration, missing. */
  readonly t?: string;
  /** Clock-skew correction applied (ns), when not 0. */
  readonly s?: number;
  /** Host, as an index into `strings`. */
  readonly h?: number;
  /** The wire format, when not the trace's `format`. */
  readonly f?: string;
  /** Problems found with the span (warning codes). */
  readonly w?: readonly string[];
}

export interface DiffDocument extends PageMeta {
  readonly kind: 'diff';
  readonly result: DumpDiff | TraceDiff;
}

export interface CheckDocument extends PageMeta {
  readonly kind: 'check';
  readonly result: CheckResult;
}
