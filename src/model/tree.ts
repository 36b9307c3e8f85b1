/**
 * Builds a trace's span tree from its spans, whatever real dumps throw at it: missing parents
 * (orphans become extra roots), several roots, Zipkin client/server halves sharing one id (the server
 * half goes under the client half), other duplicate ids, parent cycles and self-parents (broken at one
 * span), spans without a timestamp (placed at their parent's start). Nothing here recurses on depth:
 * a chain a million spans deep is legal input, so every walk uses an explicit stack or queue.
 */
import { skewDelta } from './clock-skew.js';
import { finiteNanos } from './time.js';
import type { Span } from './span.js';
import type { Relation, SpanNode, Trace } from './trace.js';
import type { TraceWarning, WarningCode, WithWarnings } from './warnings.js';

export interface BuildOptions {
  /** Shift children timed by another host's clock into their parents (default true). */
  readonly adjustClockSkew?: boolean;
}

interface Node {
  span: Span;
  readIndex: number;
  index: number;
  parent: Node | undefined;
  children: Node[];
  depth: number;
  relation: Relation;
  async: boolean;
  startNs: bigint;
  durationNs: number;
  offsetNs: number;
  skewNs: number;
  /** The host whose clock correction this node's same-host children inherit (Jaeger's adjuster). */
  skewHost: string;
  flags: WarningCode[];
}

export function buildTrace(traceId: string, spans: readonly Span[], options: BuildOptions = {}): WithWarnings<Trace> {
  if (spans.length === 0) throw new Error(`buildTrace: trace ${traceId} has no spans`);
  const warnings: TraceWarning[] = [];
  const warn = (code: WarningCode, message: string, node?: Node): void => {
    warnings.push({ code, message, traceId, ...(node ? { spanId: node.span.spanId } : {}) });
    if (node && !node.flags.includes(code)) node.flags.push(code);
  };

  const nodes: Node[] = spans.map((span, readIndex) => ({
    span,
    readIndex,
    index: 0,
    parent: undefined,
    children: [],
    depth: 0,
    relation: 'root',
    async: false,
    startNs: span.startNs,
    durationNs: usableDuration(span.durationNs),
    offsetNs: 0,
    skewNs: 0,
    skewHost: '',
    flags: [],
  }));

  linkParents(nodes, warn);
  breakCycles(nodes, warn);
  for (const node of nodes) node.parent?.children.push(node);
  const roots = nodes.filter((n) => n.parent === undefined);
  placeInTime(nodes, roots, options.adjustClockSkew !== false, warn);

  const { startNs, endNs } = placeOffsets(nodes, roots[0]!.startNs);
  const byStart = (a: Node, b: Node): number => a.offsetNs - b.offsetNs || a.readIndex - b.readIndex;
  for (const node of nodes) if (node.children.length > 1) node.children.sort(byStart);
  roots.sort(byStart);

  const ordered = depthFirst(roots);
  const genuineRoots = roots.filter((r) => r.span.parentId === undefined);
  if (genuineRoots.length > 1) {
    warnings.push({
      code: 'multiple-roots',
      message: `trace has ${genuineRoots.length} spans without a parent`,
      traceId,
    });
  }
  const services = [...new Set(nodes.map((n) => n.span.service))].sort();
  const errorCount = nodes.reduce((sum, n) => sum + (n.span.status === 'error' ? 1 : 0), 0);
  const root = roots.find((r) => !r.flags.includes('orphan-span')) ?? roots[0]!;
  const trace: Trace = {
    traceId,
    nodes: ordered as SpanNode[],
    roots: roots as SpanNode[],
    root: root as SpanNode,
    startNs,
    durationNs: finiteNanos(endNs - startNs),
    services,
    errorCount,
    warnings,
  };
  return { result: trace, warnings };
}

/**
 * The trace's start and end, and each node's offset from the start. Times are bigints, but within a
 * trace they differ by far less than 2^53 ns (104 days): the sums are done in doubles from one
 * base, one bigint operation a span instead of three (each allocates). A trace whose times are
 * further apart (garbage in a dump) is done in bigints, exactly.
 */
function placeOffsets(nodes: Node[], base: bigint): { startNs: bigint; endNs: bigint } {
  const rel = new Float64Array(nodes.length);
  let min = 0;
  let max = 0;
  let exact = true;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const r = Number(node.startNs - base);
    const end = r + node.durationNs;
    if (!(Math.abs(r) < SAFE_SPREAD && end < SAFE_SPREAD)) {
      exact = false;
      break;
    }
    rel[i] = r;
    if (r < min) min = r;
    if (end > max) max = end;
  }
  if (exact) {
    for (let i = 0; i < nodes.length; i++) nodes[i]!.offsetNs = rel[i]! - min;
    return { startNs: base + BigInt(min), endNs: base + BigInt(max) };
  }
  let startNs = base;
  let endNs = base;
  for (const node of nodes) {
    if (node.startNs < startNs) startNs = node.startNs;
    const end = node.startNs + BigInt(node.durationNs);
    if (end > endNs) endNs = end;
  }
  for (const node of nodes) node.offsetNs = finiteNanos(node.startNs - startNs);
  return { startNs, endNs };
}

/** Offsets and ends below this (2^52 ns) are exact in doubles, and so are their sums and differences. */
const SAFE_SPREAD = 2 ** 52;

/** A duration the arithmetic can trust: a negative, fractional-garbage or beyond-2^53 one counts as 0. */
function usableDuration(ns: number): number {
  return Number.isSafeInteger(ns) && ns >= 0 ? ns : Number.isFinite(ns) && ns >= 0 && ns <= Number.MAX_SAFE_INTEGER ? Math.round(ns) : 0;
}

type Warn = (code: WarningCode, message: string, node?: Node) => void;

function describe(node: Node): string {
  const op = node.span.operation === '' ? '' : ` ${node.span.operation}`;
  return `span ${node.span.spanId} (${node.span.service}${op})`;
}

/** A Zipkin server half: it shares its id with the client half that called it. */
function isServerHalf(node: Node): boolean {
  return node.span.kind === 'server' || node.span.shared === true;
}

function linkParents(nodes: Node[], warn: Warn): void {
  // First span per id, and the (rare) ids held by several spans: one map entry per span, no arrays.
  const first = new Map<string, Node>();
  const shared = new Map<string, Node[]>();
  for (const node of nodes) {
    const id = node.span.spanId;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, node);
    else {
      const list = shared.get(id);
      if (list === undefined) shared.set(id, [seen, node]);
      else list.push(node);
    }
  }
  for (const [id, same] of shared) {
    const isPair = same.length === 2 && same.some((n) => n.span.kind === 'client') && same.some((n) => isServerHalf(n) && n.span.kind !== 'client');
    if (!isPair) {
      for (const dup of same.slice(1)) {
        warn('duplicate-span-id', `${same.length} different spans share the id ${id}; children attach to the first`, dup);
      }
    }
  }

  for (const node of nodes) {
    const span = node.span;
    if (shared.size > 0 && isServerHalf(node) && span.kind !== 'client') {
      const client = shared.get(span.spanId)?.find((n) => n !== node && n.span.kind === 'client');
      if (client !== undefined) {
        attach(node, client, 'child_of');
        continue;
      }
    }
    if (span.parentId === undefined) continue;
    if (span.parentId === span.spanId) {
      warn('self-parent', `${describe(node)} names itself as its parent; shown as a root`, node);
      continue;
    }
    const candidate = first.get(span.parentId);
    if (candidate === undefined) {
      warn('orphan-span', `${describe(node)}: parent ${span.parentId} is not in the trace; shown as a root`, node);
      continue;
    }
    // Children of a shared id belong to the server half, which did the work.
    const several = shared.size > 0 ? shared.get(span.parentId) : undefined;
    const parent = several?.find((c) => isServerHalf(c) && c.span.kind !== 'client') ?? candidate;
    attach(node, parent, span.parentType ?? 'child_of');
  }
}

function attach(node: Node, parent: Node, relation: 'child_of' | 'follows_from'): void {
  node.parent = parent;
  node.relation = relation;
  node.async = relation === 'follows_from' || (parent.span.kind === 'producer' && node.span.kind === 'consumer');
}

/** Finds parent loops (A→B→A, longer ones) and cuts each at one span, which becomes a root. */
function breakCycles(nodes: Node[], warn: Warn): void {
  const state = new Uint8Array(nodes.length); // by readIndex: 0 unseen, 1 on the current path, 2 done
  const path: Node[] = [];
  for (const start of nodes) {
    if (state[start.readIndex] !== 0) continue;
    path.length = 0;
    let cur: Node | undefined = start;
    while (cur !== undefined && state[cur.readIndex] === 0) {
      state[cur.readIndex] = 1;
      path.push(cur);
      cur = cur.parent;
    }
    if (cur !== undefined && state[cur.readIndex] === 1) {
      const breaker = path[path.length - 1]!;
      const loop = path.slice(path.indexOf(cur)).map((n) => n.span.spanId);
      breaker.parent = undefined;
      breaker.relation = 'root';
      breaker.async = false;
      warn('parent-cycle', `spans ${loop.join(' → ')} are each other's ancestors; cut at ${breaker.span.spanId}, shown as a root`, breaker);
    }
    for (const n of path) state[n.readIndex] = 2;
  }
}

/** Gives spans without time a place, and corrects clock skew, parents before children. */
function placeInTime(nodes: Node[], roots: Node[], adjust: boolean, warn: Warn): void {
  let earliest: bigint | undefined;
  for (const n of nodes) {
    if (n.span.timing !== 'missing' && (earliest === undefined || n.span.startNs < earliest)) earliest = n.span.startNs;
  }
  const hostOf = (n: Node): string => n.span.host ?? n.span.service;
  // Breadth-first: a queue of nodes whose parent is already placed.
  const queue: Node[] = [...roots];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const parent = node.parent;
    if (node.span.timing === 'missing') {
      node.startNs = parent?.startNs ?? earliest ?? 0n;
      node.durationNs = 0;
      warn('missing-timestamp', `${describe(node)} has no timestamp; placed at ${parent ? "its parent's" : "the trace's"} start`, node);
    } else if (node.span.timing === 'no-duration') {
      warn('missing-duration', `${describe(node)} has no duration; shown as 0`, node);
    }
    let host = hostOf(node);
    let delta = 0;
    // Skew is judged only against a parent whose interval is known: a parent without a duration
    // (or without a time) would make every child look misplaced.
    const parentTimed = parent !== undefined && (parent.span.timing === 'exact' || parent.span.timing === 'derived');
    if (adjust && parent !== undefined && parentTimed && node.span.timing !== 'missing') {
      if (parent.skewHost === host) {
        delta = parent.skewNs;
      } else if (!node.async) {
        // A server under its client must fit inside it (the RPC is synchronous). Any other child
        // is only known to be misplaced when it starts before its parent: one that starts later
        // and outlives its parent is, in real dumps, fire-and-forget work rather than skew.
        const rpc = parent.span.kind === 'client' && node.span.kind === 'server';
        if (rpc || node.span.startNs < parent.startNs) {
          delta = skewDelta(node.span, { startNs: parent.startNs, durationNs: parent.durationNs });
        }
        if (delta !== 0) {
          warn('clock-skew', `${describe(node)} did not fit in its parent on another host; shifted by ${formatShift(delta)}`, node);
        }
      } else {
        host = `async:${node.readIndex}`;
      }
    }
    node.skewNs = delta;
    if (delta !== 0) node.startNs += BigInt(delta);
    node.skewHost = host;
    for (const child of node.children) queue.push(child);
  }
}

function formatShift(ns: number): string {
  const abs = Math.abs(ns);
  const sign = ns < 0 ? '-' : '+';
  if (abs >= 1e6) return `${sign}${(abs / 1e6).toFixed(3)}ms`;
  if (abs >= 1e3) return `${sign}${(abs / 1e3).toFixed(3)}µs`;
  return `${sign}${abs}ns`;
}

/** Pre-order walk with an explicit stack; sets index and depth. */
function depthFirst(roots: Node[]): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.index = out.length;
    node.depth = node.parent === undefined ? 0 : node.parent.depth + 1;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}
