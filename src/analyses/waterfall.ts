/**
 * `tracectl waterfall`: one row per span, in tree order, with its place in time — the data behind the
 * timeline (and, serialized, the `--json` output, so text and JSON never disagree). Filters hide
 * spans but always keep the ancestors of what they show, so every row's `parentId` is a row above it
 * and `depth` is the span's depth in the full tree. Pure: a trace in, plain JSON-safe rows out.
 */
import type { AttrValue } from '../model/span.js';
import { isoFromNanos, nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { WarningCode } from '../model/warnings.js';
import { collapseRuns, type CollapsedGroup } from './collapse.js';
import { selectSpans, type HiddenCounts, type SpanFilters } from './waterfall-filters.js';

export interface WaterfallOptions extends SpanFilters {
  /** Fold runs of same-service, same-operation siblings into one row. */
  readonly collapse?: boolean;
  /** Attribute keys to show on each row (span attributes first, then resource attributes). */
  readonly attrs?: readonly string[];
  /** `--where`: rows get `matched` (a collapsed row: any member matches); nothing is hidden. */
  readonly where?: (node: SpanNode, trace: Trace) => boolean;
}

export interface WaterfallRow {
  readonly spanId: string;
  /** The parent in the tree (the row's tree guide points at it); null for a root. */
  readonly parentId: string | null;
  /** Depth in the full tree; roots (including orphans) are 0. */
  readonly depth: number;
  readonly service: string;
  readonly operation: string;
  readonly kind: string;
  /** Effective start (after clock-skew correction unless --no-adjust) from the trace start. */
  readonly startOffsetMs: number;
  /** For a collapsed row: from the first member's start to the last member's end. */
  readonly durationMs: number;
  readonly error: boolean;
  readonly statusMessage: string | null;
  /** On the critical path (a collapsed row: any member is). */
  readonly critical: boolean;
  /** Does not block its parent (FOLLOWS_FROM, consumer of a producer): may outlive it. */
  readonly async: boolean;
  /** Problems found with the span (warning codes: clock-skew, orphan-span, missing-timestamp, ...). */
  readonly flags: readonly WarningCode[];
  /** Clock-skew correction applied to the span (ms; 0 when none). */
  readonly skewMs: number;
  /** With --attrs: the requested keys the span has. */
  readonly attrs?: Readonly<Record<string, AttrValue>>;
  /** With --collapse, rows that stand for several sibling spans: */
  readonly collapsed?: true;
  readonly count?: number;
  readonly totalMs?: number;
  readonly avgMs?: number;
  readonly maxMs?: number;
  readonly errorCount?: number;
  /** Shown spans below the members, folded into this row. */
  readonly foldedSpans?: number;
  readonly spanIds?: readonly string[];
  /** With --where: whether the span matches. */
  readonly matched?: boolean;
}

export interface Waterfall {
  readonly traceId: string;
  /** ISO-8601 UTC, microsecond precision. */
  readonly startTime: string;
  readonly durationMs: number;
  readonly spanCount: number;
  readonly services: readonly string[];
  readonly errorCount: number;
  /** Whether `critical` on rows is known (the critical path was computed). */
  readonly criticalPath: boolean;
  /** Spans hidden by filters, by reason; `folded` counts spans inside collapsed rows beyond the row itself. */
  readonly hidden: HiddenCounts & { readonly folded: number };
  /** With --where: how many of the trace's spans match (shown or not). */
  readonly matchedSpans?: number;
  readonly spans: WaterfallRow[];
}

export function buildWaterfall(trace: Trace, options: WaterfallOptions = {}): Waterfall {
  const critical = options.critical;
  const { keep, hidden } = selectSpans(trace, options);
  const collapse = options.collapse === true ? collapseRuns(trace, keep) : undefined;
  const attrs = options.attrs !== undefined && options.attrs.length > 0 ? options.attrs : undefined;
  const where = options.where;
  let matchedSpans = 0;
  if (where !== undefined) for (const node of trace.nodes) if (where(node, trace)) matchedSpans++;

  const rows: WaterfallRow[] = [];
  let folded = 0;
  for (const node of trace.nodes) {
    if (keep[node.index] !== 1) continue;
    if (collapse !== undefined && collapse.folded[node.index] === 1) {
      folded++;
      continue;
    }
    const group = collapse?.groupAt.get(node.index);
    const row = waterfallRow(node, critical, attrs);
    const built = group === undefined ? row : groupRow(row, group, critical);
    rows.push(where === undefined ? built : { ...built, matched: group === undefined ? where(node, trace) : group.members.some((m) => where(m, trace)) });
  }
  return {
    ...waterfallHead(trace, critical !== undefined),
    hidden: { ...hidden, folded },
    ...(where !== undefined ? { matchedSpans } : {}),
    spans: rows,
  };
}

/** What a waterfall says of the whole trace, for a screen that builds its rows as they come into view. */
export function waterfallHead(trace: Trace, criticalPath: boolean): Omit<Waterfall, 'hidden' | 'matchedSpans' | 'spans'> {
  return {
    traceId: trace.traceId,
    startTime: isoFromNanos(trace.startNs),
    durationMs: nsToMs(trace.durationNs),
    spanCount: trace.nodes.length,
    services: trace.services,
    errorCount: trace.errorCount,
    criticalPath,
  };
}

/** One span's row, for a screen that builds the rows it shows instead of all of them. */
export function waterfallRow(node: SpanNode, critical: ReadonlySet<number> | undefined, attrs?: readonly string[]): WaterfallRow {
  const span = node.span;
  const row: WaterfallRow = {
    spanId: span.spanId,
    parentId: node.parent?.span.spanId ?? null,
    depth: node.depth,
    service: span.service,
    operation: span.operation,
    kind: span.kind,
    startOffsetMs: nsToMs(node.offsetNs),
    durationMs: nsToMs(node.durationNs),
    error: span.status === 'error',
    statusMessage: span.status === 'error' ? (span.statusMessage ?? null) : null,
    critical: critical?.has(node.index) ?? false,
    async: node.async,
    flags: node.flags,
    skewMs: nsToMs(node.skewNs),
  };
  if (attrs === undefined) return row;
  const picked: Record<string, AttrValue> = {};
  for (const key of attrs) {
    const value = Object.hasOwn(span.attributes, key) ? span.attributes[key] : Object.hasOwn(span.resource, key) ? span.resource[key] : undefined;
    if (value !== undefined) picked[key] = value;
  }
  return { ...row, attrs: picked };
}

function groupRow(first: WaterfallRow, group: CollapsedGroup, critical: ReadonlySet<number> | undefined): WaterfallRow {
  let startNs = Infinity;
  let endNs = -Infinity;
  let totalNs = 0;
  let maxNs = 0;
  let errors = 0;
  let onPath = false;
  let message: string | null = null;
  const flags = new Set<WarningCode>();
  for (const m of group.members) {
    startNs = Math.min(startNs, m.offsetNs);
    endNs = Math.max(endNs, m.offsetNs + m.durationNs);
    totalNs += m.durationNs;
    maxNs = Math.max(maxNs, m.durationNs);
    if (m.span.status === 'error') {
      errors++;
      message ??= m.span.statusMessage ?? null;
    }
    if (critical?.has(m.index) === true) onPath = true;
    for (const f of m.flags) flags.add(f);
  }
  const count = group.members.length;
  return {
    ...first,
    startOffsetMs: nsToMs(startNs),
    durationMs: nsToMs(endNs - startNs),
    error: errors > 0,
    statusMessage: message,
    critical: onPath,
    async: group.members.every((m) => m.async),
    flags: [...flags],
    collapsed: true,
    count,
    totalMs: nsToMs(totalNs),
    avgMs: nsToMs(totalNs / count),
    maxMs: nsToMs(maxNs),
    errorCount: errors,
    foldedSpans: group.descendants,
    spanIds: group.members.map((m) => m.span.spanId),
  };
}
