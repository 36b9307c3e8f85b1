/**
 * Two traces of the same request side by side — a slow one and a fast one, or one before and one after
 * a change. Spans are matched by their path of service:operation names with occurrence index
 * (span-path-keys.ts); then:
 * - slower and faster: matched spans whose duration changed by at least `threshold` of itself;
 * - added and removed: spans on only one side, reported once per subtree (the topmost, with how many
 *   spans hang below it), not once per descendant;
 * - failing and recovered: matched spans that fail only in the head, or only in the base;
 * - the critical path: how much of each trace's path each service and operation owns, and the change.
 */
import { criticalByOperation } from '../analyses/critical-by-operation.js';
import { criticalPath } from '../analyses/critical-path.js';
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { SpanPathKeys } from './span-path-keys.js';

interface TraceSide {
  readonly traceId: string;
  readonly rootService: string;
  readonly rootOperation: string;
  readonly durationMs: number;
  readonly spans: number;
}

/** Where a span sits in the tree, as both traces are matched by it. */
interface SpanPlace {
  /** "service:operation" from the root down, "#k" after the k-th same-named sibling (k > 1); see MAX_PATH. */
  readonly path: string[];
  readonly depth: number;
  readonly service: string;
  readonly operation: string;
}

/** A span found in both traces. */
interface MatchedSpan extends SpanPlace {
  readonly baseSpanId: string;
  readonly headSpanId: string;
}

export interface SpanChange extends MatchedSpan {
  readonly baseMs: number;
  readonly headMs: number;
  readonly deltaMs: number;
  /** head / base − 1; null when the base lasted 0. */
  readonly change: number | null;
}

export interface StatusChange extends MatchedSpan {
  /** The failing side's status message, when it gave one. */
  readonly message: string | null;
}

export interface SubtreeChange extends SpanPlace {
  readonly spanId: string;
  readonly durationMs: number;
  /** Spans in the subtree, this one included. */
  readonly spans: number;
}

interface CriticalOperationChange {
  readonly service: string;
  readonly operation: string;
  /** Time on the critical path (ms) in each trace. */
  readonly baseMs: number;
  readonly headMs: number;
  readonly deltaMs: number;
}

export interface TraceDiff {
  readonly mode: 'traces';
  readonly threshold: number;
  readonly base: TraceSide;
  readonly head: TraceSide;
  readonly durationDeltaMs: number;
  /** Spans found in both traces. */
  readonly matched: number;
  /** Most added time first. */
  readonly slower: SpanChange[];
  /** Most saved time first. */
  readonly faster: SpanChange[];
  /** Subtrees only in the head, longest first. */
  readonly added: SubtreeChange[];
  /** Subtrees only in the base, longest first. */
  readonly removed: SubtreeChange[];
  /** Matched spans that fail in the head but not in the base, in tree order. */
  readonly failing: StatusChange[];
  /** Matched spans that failed in the base but not in the head, in tree order. */
  readonly recovered: StatusChange[];
  /** Per service and operation, largest change first (only those that changed). */
  readonly criticalPath: CriticalOperationChange[];
}

/** Paths deeper than this keep their last MAX_PATH − 1 segments after a leading "…". */
export const MAX_PATH = 32;

export function diffTraces(base: Trace, head: Trace, options: { readonly threshold?: number } = {}): TraceDiff {
  const threshold = options.threshold ?? 0;
  const paths = new SpanPathKeys();
  const b = paths.keysOf(base);
  const h = paths.keysOf(head);
  const baseByKey = new Map<number, SpanNode>();
  for (const node of base.nodes) baseByKey.set(b.keys[node.index]!, node);
  const headKeys = new Set<number>(h.keys);

  const slower: SpanChange[] = [];
  const faster: SpanChange[] = [];
  const failing: StatusChange[] = [];
  const recovered: StatusChange[] = [];
  let matched = 0;
  for (const node of head.nodes) {
    const twin = baseByKey.get(h.keys[node.index]!);
    if (twin === undefined) continue;
    matched++;
    const headFails = node.span.status === 'error';
    if (headFails !== (twin.span.status === 'error')) {
      const failed = headFails ? node : twin;
      (headFails ? failing : recovered).push({
        path: pathOf(node, h.occurrence),
        depth: node.depth,
        service: node.span.service,
        operation: node.span.operation,
        baseSpanId: twin.span.spanId,
        headSpanId: node.span.spanId,
        message: failed.span.statusMessage ?? null,
      });
    }
    const deltaNs = node.durationNs - twin.durationNs;
    if (deltaNs === 0) continue;
    const change = twin.durationNs === 0 ? null : node.durationNs / twin.durationNs - 1;
    if (change !== null && Math.abs(change) < threshold) continue;
    const row: SpanChange = {
      path: pathOf(node, h.occurrence),
      depth: node.depth,
      service: node.span.service,
      operation: node.span.operation,
      baseSpanId: twin.span.spanId,
      headSpanId: node.span.spanId,
      baseMs: nsToMs(twin.durationNs),
      headMs: nsToMs(node.durationNs),
      deltaMs: nsToMs(deltaNs),
      change,
    };
    (deltaNs > 0 ? slower : faster).push(row);
  }
  slower.sort((x, y) => y.deltaMs - x.deltaMs);
  faster.sort((x, y) => x.deltaMs - y.deltaMs);

  return {
    mode: 'traces',
    threshold,
    base: side(base),
    head: side(head),
    durationDeltaMs: nsToMs(head.durationNs - base.durationNs),
    matched,
    slower,
    faster,
    added: onlyIn(head, h, (key) => baseByKey.has(key)),
    removed: onlyIn(base, b, (key) => headKeys.has(key)),
    failing,
    recovered,
    criticalPath: criticalChanges(base, head),
  };
}

function side(trace: Trace): TraceSide {
  return {
    traceId: trace.traceId,
    rootService: trace.root.span.service,
    rootOperation: trace.root.span.operation,
    durationMs: nsToMs(trace.durationNs),
    spans: trace.nodes.length,
  };
}

/** The topmost spans of `trace` whose path the other trace lacks, with their subtree sizes. */
function onlyIn(trace: Trace, k: { keys: Int32Array; occurrence: Int32Array }, inOther: (key: number) => boolean): SubtreeChange[] {
  // Subtree sizes, children before parents: the reverse of depth-first order.
  const size = new Int32Array(trace.nodes.length).fill(1);
  for (let i = trace.nodes.length - 1; i >= 0; i--) {
    const parent = trace.nodes[i]!.parent;
    if (parent !== undefined) size[parent.index]! += size[i]!;
  }
  const out: SubtreeChange[] = [];
  for (const node of trace.nodes) {
    if (inOther(k.keys[node.index]!)) continue;
    // Only the top of a missing subtree: below it every path is missing too.
    if (node.parent !== undefined && !inOther(k.keys[node.parent.index]!)) continue;
    out.push({
      path: pathOf(node, k.occurrence),
      depth: node.depth,
      service: node.span.service,
      operation: node.span.operation,
      spanId: node.span.spanId,
      durationMs: nsToMs(node.durationNs),
      spans: size[node.index]!,
    });
  }
  return out.sort((x, y) => y.durationMs - x.durationMs || y.spans - x.spans);
}

/** "service:operation" segments from the root, the last MAX_PATH − 1 after "…" when deeper. */
function pathOf(node: SpanNode, occurrence: Int32Array): string[] {
  const segments: string[] = [];
  let cur: SpanNode | undefined = node;
  while (cur !== undefined && segments.length < MAX_PATH) {
    const k = occurrence[cur.index]!;
    segments.push(`${cur.span.service}:${cur.span.operation}${k > 1 ? `#${k}` : ''}`);
    cur = cur.parent;
  }
  if (cur !== undefined) segments[segments.length - 1] = '…';
  return segments.reverse();
}

function criticalChanges(base: Trace, head: Trace): CriticalOperationChange[] {
  const b = criticalByOperation(criticalPath(base));
  const h = criticalByOperation(criticalPath(head));
  const out: CriticalOperationChange[] = [];
  for (const key of new Set([...b.keys(), ...h.keys()])) {
    const x = b.get(key);
    const y = h.get(key);
    const baseNs = x?.ns ?? 0;
    const headNs = y?.ns ?? 0;
    if (baseNs === headNs) continue;
    const named = (x ?? y)!;
    out.push({ service: named.service, operation: named.operation, baseMs: nsToMs(baseNs), headMs: nsToMs(headNs), deltaMs: nsToMs(headNs - baseNs) });
  }
  return out.sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || (x.service < y.service ? -1 : x.service > y.service ? 1 : x.operation < y.operation ? -1 : 1));
}
