/**
 * `tracectl waterfall`: one row per span, in tree order, with its place in time — the data behind the
 * timeline (and, serialized, the `--json` output, so text and JSON never disagree). Filters hide
 * spans but always keep the ancestors of what they show, so every row's `parentId` is a row above it
 * and `depth` is the span's depth in the full tree. Pure: a trace in, plain JSON-safe rows out.
 */
import { UsageError } from '../errors.js';
import type { AttrValue, SpanEvent } from '../model/span.js';
import { finiteNanos, isoFromNanos, nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { WarningCode } from '../model/warnings.js';
import { collapseRuns, type CollapsedGroup } from './collapse.js';
import { selectSpans, type HiddenCounts, type SpanFilters } from './waterfall-filters.js';

/** One end of a `--zoom` window: an offset from the view's start, or a time (epoch ns). */
export type ZoomPoint = { readonly offsetNs: number } | { readonly epochNs: bigint };

export interface ZoomSpec {
  /** Absent: the view's start. */
  readonly start?: ZoomPoint;
  /** Absent: the view's end. */
  readonly end?: ZoomPoint;
}

export interface WaterfallOptions extends Omit<SpanFilters, 'scope' | 'window'> {
  /** `--root`: the node (its index) whose subtree is the whole view; `maxDepth` then counts from it. */
  readonly root?: number;
  /** `--zoom`: the window of time the axis covers. */
  readonly zoom?: ZoomSpec;
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
  /**
   * The span's events (OTLP events, Jaeger logs, Zipkin annotations) in time order: `offsetMs` from the
   * trace start, moved with the span by the clock-skew correction; `exception` for a recorded
   * exception (an `exception` event, `exception.*` attributes, a Jaeger `event=error` log).
   */
  readonly events: readonly WaterfallEvent[];
  /** The span's links and references other than its parent (OTLP links, extra Jaeger references). */
  readonly links: readonly WaterfallLink[];
  /** The span starts before the view's window (its bar is cut at the left edge). */
  readonly clippedStart: boolean;
  /** The span ends after the view's window (its bar is cut at the right edge). */
  readonly clippedEnd: boolean;
}

interface WaterfallEvent {
  readonly name: string;
  readonly offsetMs: number;
  readonly exception: boolean;
}

interface WaterfallLink {
  readonly traceId: string;
  readonly spanId: string;
  /** `link` (OTLP), or the Jaeger reference type (`child_of`, `follows_from`). */
  readonly type: string;
}

/** What the axis covers: the whole trace, the --root subtree, and within it the --zoom window. */
export interface WaterfallView {
  /** The --root span, or null. */
  readonly rootSpanId: string | null;
  /** Where the axis counts from (the trace's start, or the --root subtree's), from the trace start. */
  readonly originOffsetMs: number;
  /** The window the axis covers, from the trace start. */
  readonly startOffsetMs: number;
  readonly endOffsetMs: number;
  /** How long the view is before --zoom: the trace, or the --root subtree. */
  readonly fullDurationMs: number;
  /** Whether --zoom narrowed the window. */
  readonly zoomed: boolean;
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
  readonly view: WaterfallView;
  readonly spans: WaterfallRow[];
}

export function buildWaterfall(trace: Trace, options: WaterfallOptions = {}): Waterfall {
  const critical = options.critical;
  const view = viewOf(trace, options);
  const rootDepth = options.root !== undefined ? trace.nodes[options.root]!.depth : 0;
  const { keep, hidden } = selectSpans(trace, {
    ...options,
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth + rootDepth } : {}),
    ...(view.scope !== undefined ? { scope: view.scope } : {}),
    ...(view.zoomed ? { window: { startNs: view.startNs, endNs: view.endNs } } : {}),
  });
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
    const row = waterfallRow(node, trace, critical, attrs);
    const built = group === undefined ? row : groupRow(row, group, critical);
    const clipped = { ...built, clippedStart: built.startOffsetMs < nsToMs(view.startNs), clippedEnd: built.startOffsetMs + built.durationMs > nsToMs(view.endNs) };
    rows.push(where === undefined ? clipped : { ...clipped, matched: group === undefined ? where(node, trace) : group.members.some((m) => where(m, trace)) });
  }
  return {
    ...waterfallHead(trace, critical !== undefined),
    hidden: { ...hidden, folded },
    ...(where !== undefined ? { matchedSpans } : {}),
    view: {
      rootSpanId: options.root !== undefined ? trace.nodes[options.root]!.span.spanId : null,
      originOffsetMs: nsToMs(view.originNs),
      startOffsetMs: nsToMs(view.startNs),
      endOffsetMs: nsToMs(view.endNs),
      fullDurationMs: nsToMs(view.fullEndNs - view.originNs),
      zoomed: view.zoomed,
    },
    spans: rows,
  };
}

/** What a waterfall says of the whole trace (the whole trace in view), for a screen that builds its rows as they come into view. */
export function waterfallHead(trace: Trace, criticalPath: boolean): Omit<Waterfall, 'hidden' | 'matchedSpans' | 'spans'> {
  return {
    traceId: trace.traceId,
    startTime: isoFromNanos(trace.startNs),
    durationMs: nsToMs(trace.durationNs),
    spanCount: trace.nodes.length,
    services: trace.services,
    errorCount: trace.errorCount,
    criticalPath,
    view: { rootSpanId: null, originOffsetMs: 0, startOffsetMs: 0, endOffsetMs: nsToMs(trace.durationNs), fullDurationMs: nsToMs(trace.durationNs), zoomed: false },
  };
}

interface ResolvedView {
  readonly scope?: { readonly first: number; readonly last: number };
  readonly originNs: number;
  readonly startNs: number;
  readonly endNs: number;
  readonly fullEndNs: number;
  readonly zoomed: boolean;
}

/**
 * The --root subtree (contiguous in depth-first order: the root, then every node deeper than it up
 * to the next one that is not) and its time span; then the --zoom window within it, cut to it.
 */
function viewOf(trace: Trace, options: WaterfallOptions): ResolvedView {
  let originNs = 0;
  let endNs = trace.durationNs;
  let scope: ResolvedView['scope'];
  if (options.root !== undefined) {
    const nodes = trace.nodes;
    const root = nodes[options.root]!;
    let last = root.index;
    while (last + 1 < nodes.length && nodes[last + 1]!.depth > root.depth) last++;
    originNs = root.offsetNs;
    endNs = root.offsetNs + root.durationNs;
    // A child on a skewed clock (--no-adjust) or an async child may lie outside its root: the view holds it.
    for (let i = root.index; i <= last; i++) {
      originNs = Math.min(originNs, nodes[i]!.offsetNs);
      endNs = Math.max(endNs, nodes[i]!.offsetNs + nodes[i]!.durationNs);
    }
    scope = { first: root.index, last };
  }
  const zoom = options.zoom;
  if (zoom === undefined || (zoom.start === undefined && zoom.end === undefined)) return { ...(scope !== undefined ? { scope } : {}), originNs, startNs: originNs, endNs, fullEndNs: endNs, zoomed: false };
  const at = (p: ZoomPoint): number => ('offsetNs' in p ? originNs + p.offsetNs : finiteNanos(p.epochNs - trace.startNs));
  const wantStart = zoom.start !== undefined ? at(zoom.start) : originNs;
  const wantEnd = zoom.end !== undefined ? at(zoom.end) : endNs;
  if (wantEnd <= wantStart) throw new UsageError('--zoom: the window ends before it starts');
  const startNs = Math.max(originNs, wantStart);
  const windowEnd = Math.min(endNs, wantEnd);
  if (windowEnd < startNs || (windowEnd === startNs && endNs > originNs)) {
    const what = options.root !== undefined ? 'the --root subtree' : 'the trace';
    throw new UsageError(`--zoom: the window misses ${what}, which spans ${nsToMs(endNs - originNs)}ms from its start`);
  }
  return { ...(scope !== undefined ? { scope } : {}), originNs, startNs, endNs: windowEnd, fullEndNs: endNs, zoomed: startNs > originNs || windowEnd < endNs };
}

/** One span's row, for a screen that builds the rows it shows instead of all of them (`trace` places its events). */
export function waterfallRow(node: SpanNode, trace: Trace, critical: ReadonlySet<number> | undefined, attrs?: readonly string[]): WaterfallRow {
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
    events: eventsOf(node, trace),
    links: span.refs.map((r) => ({ traceId: r.traceId, spanId: r.spanId, type: r.type })),
    clippedStart: false,
    clippedEnd: false,
  };
  if (attrs === undefined) return row;
  const picked: Record<string, AttrValue> = {};
  for (const key of attrs) {
    const value = Object.hasOwn(span.attributes, key) ? span.attributes[key] : Object.hasOwn(span.resource, key) ? span.resource[key] : undefined;
    if (value !== undefined) picked[key] = value;
  }
  return { ...row, attrs: picked };
}

function eventsOf(node: SpanNode, trace: Trace): WaterfallEvent[] {
  const events = node.span.events;
  if (events.length === 0) return [];
  return events
    .map((e) => ({ name: e.name, offsetMs: nsToMs(finiteNanos(e.timeNs - trace.startNs) + node.skewNs), exception: isException(e) }))
    .sort((a, b) => a.offsetMs - b.offsetMs);
}

/** OpenTelemetry's `exception` event (or one with `exception.*` attributes), or an OpenTracing error log. */
function isException(e: SpanEvent): boolean {
  if (e.name === 'exception') return true;
  const a = e.attributes;
  if (Object.hasOwn(a, 'exception.type') || Object.hasOwn(a, 'exception.message') || Object.hasOwn(a, 'exception.stacktrace')) return true;
  const marker = Object.hasOwn(a, 'event') ? a.event : undefined;
  return typeof marker === 'string' && marker.trim().toLowerCase() === 'error';
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
