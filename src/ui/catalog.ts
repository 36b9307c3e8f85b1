/**
 * The traces a `tracectl ui` session shows. A dump feeds it whole traces once; a live session feeds
 * it spans as exporters send them, a trace's spans spread over many requests. The screens read it
 * through snapshots: an immutable view (the trace rows, a trace's tree on demand, the Services
 * screen's aggregates on demand), so a screen's model stays a function of its state.
 *
 * Memory stays bounded on a long live run: at most `maxSpans` spans are held, and when more arrive
 * the oldest whole traces are dropped. A dropped trace is first added to the "settled" aggregators,
 * so the latency table, error signatures and dependencies count every span ever received; a
 * snapshot's aggregates are the settled ones merged with those of the traces still held (which may
 * still grow, so they are counted afresh each time). A dump's traces are complete: they are counted
 * once, as they are read.
 *
 * Everything here uses the analyses the commands use (tree building, trace rows, latency, error
 * groups, dependencies), so a screen and a command never disagree.
 */
import { depsTree, type DepsTreeRow } from '../analyses/deps-tree.js';
import { DepsAggregator, type ServiceDeps } from '../analyses/deps.js';
import { traceErrors } from '../analyses/error-chains.js';
import { ErrorGroupAggregator, type ErrorGroup } from '../analyses/error-groups.js';
import { LatencyAggregator, type LatencyResult } from '../analyses/latency.js';
import { traceRow, type TraceRow } from '../analyses/trace-list.js';
import { traceSpans } from '../model/assemble.js';
import { adjustedCount } from '../model/span-sampling.js';
import type { Span } from '../model/span.js';
import type { Trace } from '../model/trace.js';
import { buildTrace } from '../model/tree.js';

export interface TraceEntry {
  readonly row: TraceRow;
  readonly startNs: bigint;
  readonly durationNs: number;
  /** Distinct services, sorted. */
  readonly services: readonly string[];
  /** Changes whenever spans of the trace arrive. */
  readonly version: number;
}

export interface ServicesData {
  readonly byService: LatencyResult;
  readonly byOperation: LatencyResult;
  readonly errorGroups: readonly ErrorGroup[];
  readonly deps: ServiceDeps;
  readonly depsTree: readonly DepsTreeRow[];
  /** Traces counted, held or dropped. */
  readonly traces: number;
}

export interface Snapshot {
  /** Changes whenever anything in the catalog does. */
  readonly version: number;
  /** Every trace held, in the order first seen. */
  readonly entries: readonly TraceEntry[];
  /** Spans held. */
  readonly spans: number;
  /** Traces (and their spans) dropped to stay within the span limit. */
  readonly dropped: { readonly traces: number; readonly spans: number };
  entry(traceId: string): TraceEntry | undefined;
  /** The trace's tree as of this snapshot; undefined when it is not held. */
  trace(traceId: string): Trace | undefined;
  /** The Services screen's figures, computed on first use. */
  services(): ServicesData;
}

export interface CatalogOptions {
  /** Live: the most spans held (default: no limit). */
  readonly maxSpans?: number;
  readonly adjustClockSkew?: boolean;
}

interface Held {
  readonly traceId: string;
  readonly spans: Span[];
  version: number;
  entry: TraceEntry | undefined;
  /** Already counted in the settled aggregators (a dump's traces). */
  readonly settled: boolean;
  /** A dump's trace, built once as it was read (it never grows). */
  readonly trace?: Trace;
}

/** The aggregators behind the Services screen, set as `latency`, `errors` and `deps` set theirs by default. */
class Aggregates {
  readonly byService = new LatencyAggregator({ by: 'service', weighted: true });
  readonly byOperation = new LatencyAggregator({ by: 'operation', weighted: true });
  readonly errors = new ErrorGroupAggregator();
  readonly deps = new DepsAggregator({ weighted: true });
  traces = 0;

  add(trace: Trace): void {
    this.traces++;
    this.byService.add(trace);
    this.byOperation.add(trace);
    const errors = traceErrors(trace);
    if (errors !== undefined) this.errors.add(errors, adjustedCount(trace.root.span.sampling));
    this.deps.add(trace);
  }

  merge(other: Aggregates): void {
    this.traces += other.traces;
    this.byService.merge(other.byService);
    this.byOperation.merge(other.byOperation);
    this.errors.merge(other.errors);
    this.deps.merge(other.deps);
  }

  result(): ServicesData {
    const deps = this.deps.result();
    return {
      byService: this.byService.result(),
      byOperation: this.byOperation.result(),
      errorGroups: this.errors.result(),
      deps,
      depsTree: depsTree(deps),
      traces: this.traces,
    };
  }
}

/** Built trees kept for the traces opened last (a screen asks again as it redraws). */
const BUILT_KEPT = 4;

export class TraceCatalog {
  private readonly held = new Map<string, Held>();
  private readonly settled = new Aggregates();
  private readonly built = new Map<string, { version: number; count: number; trace: Trace }>();
  private readonly maxSpans: number;
  private readonly adjustClockSkew: boolean;
  private heldSpans = 0;
  private droppedTraces = 0;
  private droppedSpans = 0;
  private version = 0;
  private nextTraceVersion = 1;
  private last: Snapshot | undefined;

  constructor(options: CatalogOptions = {}) {
    this.maxSpans = options.maxSpans ?? Infinity;
    this.adjustClockSkew = options.adjustClockSkew !== false;
  }

  /** A dump's trace, complete: counted now, and held for the screens. */
  addTrace(trace: Trace): void {
    const spans = trace.nodes.map((n) => n.span);
    const version = this.nextTraceVersion++;
    const held: Held = { traceId: trace.traceId, spans, version, entry: entryOf(trace, version), settled: true, trace };
    this.settled.add(trace);
    this.held.set(trace.traceId, held);
    this.heldSpans += spans.length;
    this.version++;
  }

  /** Spans as they arrive (any traces, any order). Drops the oldest traces beyond the span limit. */
  addSpans(spans: readonly Span[]): void {
    if (spans.length === 0) return;
    for (const span of spans) {
      let held = this.held.get(span.traceId);
      if (held === undefined) {
        held = { traceId: span.traceId, spans: [], version: 0, entry: undefined, settled: false };
        this.held.set(span.traceId, held);
      }
      held.spans.push(span);
      held.version = this.nextTraceVersion++;
      this.heldSpans++;
    }
    this.version++;
    this.evict();
  }

  get spans(): number {
    return this.heldSpans;
  }

  /** The catalog as it is now; the same object until something changes. */
  snapshot(): Snapshot {
    if (this.last !== undefined && this.last.version === this.version) return this.last;
    const entries: TraceEntry[] = [];
    const byId = new Map<string, { held: Held; entry: TraceEntry; count: number }>();
    for (const held of this.held.values()) {
      if (held.entry === undefined || held.entry.version !== held.version) held.entry = entryOf(this.build(held), held.version);
      entries.push(held.entry);
      byId.set(held.traceId, { held, entry: held.entry, count: held.spans.length });
    }
    const unsettled = [...byId.values()].filter((h) => !h.held.settled);
    let services: ServicesData | undefined;
    const snapshot: Snapshot = {
      version: this.version,
      entries,
      spans: this.heldSpans,
      dropped: { traces: this.droppedTraces, spans: this.droppedSpans },
      entry: (traceId) => byId.get(traceId)?.entry,
      trace: (traceId) => {
        const found = byId.get(traceId);
        return found === undefined ? undefined : this.build(found.held, found.count);
      },
      services: () => {
        if (services !== undefined) return services;
        const all = new Aggregates();
        all.merge(this.settled);
        for (const h of unsettled) all.add(this.buildTransient(h.held, h.count));
        services = all.result();
        return services;
      },
    };
    this.last = snapshot;
    return snapshot;
  }

  /** The held trace's tree from its first `count` spans, kept for the next few asks. */
  private build(held: Held, count = held.spans.length): Trace {
    if (held.trace !== undefined) return held.trace;
    const kept = this.built.get(held.traceId);
    if (kept !== undefined && kept.count === count) {
      this.built.delete(held.traceId);
      this.built.set(held.traceId, kept);
      return kept.trace;
    }
    const trace = this.buildTransient(held, count);
    this.built.set(held.traceId, { version: held.version, count, trace });
    this.trimBuilt();
    return trace;
  }

  private buildTransient(held: Held, count: number): Trace {
    const spans = count === held.spans.length ? held.spans : held.spans.slice(0, count);
    // Warnings were said when the spans were read (a dump), or are the sender's business (live).
    return buildTrace(held.traceId, traceSpans(spans, []), { adjustClockSkew: this.adjustClockSkew }).result;
  }

  private trimBuilt(): void {
    while (this.built.size > BUILT_KEPT) this.built.delete(this.built.keys().next().value!);
  }

  private evict(): void {
    while (this.heldSpans > this.maxSpans && this.held.size > 0) {
      const oldest = this.held.values().next().value!;
      this.held.delete(oldest.traceId);
      this.built.delete(oldest.traceId);
      if (!oldest.settled) this.settled.add(this.buildTransient(oldest, oldest.spans.length));
      this.heldSpans -= oldest.spans.length;
      this.droppedTraces++;
      this.droppedSpans += oldest.spans.length;
    }
  }
}

function entryOf(trace: Trace, version: number): TraceEntry {
  return { row: traceRow(trace), startNs: trace.startNs, durationNs: trace.durationNs, services: trace.services, version };
}
