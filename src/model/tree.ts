/**
 * Builds a trace's span tree from its spans, whatever real dumps throw at it: missing parents
 * (orphans become extra roots), several roots, Zipkin client/server halves sharing one id (the server
 * halves go under the client half, their children under the server on their own endpoint), other
 * duplicate ids, parent cycles and self-parents (broken at one span), spans without a timestamp
 * (placed at their parent's start, after clock skew is corrected). Nothing here recurses on depth:
 * a chain a million spans deep is legal input, so every walk uses an explicit stack or queue.
 * docs/internals/trees.md says how each case is decided, and where Zipkin and Jaeger decide otherwise.
 */
import { clockSkew, type Edge, type Skew } from './clock-skew.js';
import { sameHost } from './host.js';
import { finiteNanos } from './time.js';
import { type Span, UNKNOWN_SERVICE } from './span.js';
import type { Relation, SpanNode, Trace } from './trace.js';
import type { TraceWarning, WarningCode, WithWarnings } from './warnings.js';

export interface BuildOptions {
  /**
   * Shift children timed by another host's clock into their parents (default true). When false,
   * times stay raw and each shift that would have been made is only reported.
   */
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
  /** The correction of this span's clock (ns), applied or not: same-host children inherit it. */
  clockNs: number;
  /** Start on the corrected clock (the effective start, unless --no-adjust keeps raw times). */
  correctedNs: bigint;
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
    clockNs: 0,
    correctedNs: span.startNs,
    flags: span.flags === undefined ? [] : [...span.flags],
  }));

  linkParents(nodes, warn);
  breakCycles(nodes, warn);
  for (const node of nodes) node.parent?.children.push(node);
  const roots = nodes.filter((n) => n.parent === undefined);
  placeInTime(nodes, roots, options.adjustClockSkew !== false, warn);

  const { startNs, endNs } = placeOffsets(nodes, roots[0]!.startNs);
  // Ties: an untimed child (placed at its parent's start) before a timed one, as Zipkin orders
  // children; an untimed root after a timed one, which stands for the trace better.
  const untimed = (n: Node): number => (n.span.timing === 'missing' ? 1 : 0);
  const byStart = (a: Node, b: Node): number => a.offsetNs - b.offsetNs || untimed(b) - untimed(a) || a.readIndex - b.readIndex;
  const rootsByStart = (a: Node, b: Node): number => a.offsetNs - b.offsetNs || untimed(a) - untimed(b) || a.readIndex - b.readIndex;
  for (const node of nodes) if (node.children.length > 1) node.children.sort(byStart);
  roots.sort(rootsByStart);

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
  const genuine = (r: Node): boolean => !r.flags.includes('orphan-span');
  const root = roots.find((r) => genuine(r) && r.span.timing !== 'missing') ?? roots.find(genuine) ?? roots[0]!;
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

/** A span that says nothing of its kind (Zipkin writes no kind for local spans and for pieces). */
function isKindless(node: Node): boolean {
  return node.span.kind === 'internal' || node.span.kind === 'unspecified';
}

/**
 * One RPC recorded under one span id (Zipkin's B3 shares the id between client and server): the
 * client half, and the server halves (several when a proxy retried to other servers).
 */
interface SharedRpc {
  readonly client: Node;
  readonly servers: Node[];
  /** The server halves by service (a dump may give thousands one id): where a child's endpoint is looked for. */
  readonly byService: Map<string, Node[]>;
}

/**
 * The RPC a group of spans with one id records, if it is one: a client half (a client, or without
 * one a span with no kind, when one of the others says it is shared) and server halves (shared
 * spans, and servers that forgot the flag after a client). Undefined when the group is no such pair.
 */
function sharedRpc(same: readonly Node[]): SharedRpc | undefined {
  const anyShared = same.some((n) => n.span.shared === true);
  const client =
    same.find((n) => n.span.shared !== true && n.span.kind === 'client') ??
    (anyShared ? same.find((n) => n.span.shared !== true && isKindless(n)) : undefined);
  if (client === undefined) return undefined;
  const servers = same.filter((n) => n !== client && (n.span.shared === true || n.span.kind === 'server'));
  if (servers.length === 0) return undefined;
  const byService = new Map<string, Node[]>();
  for (const server of servers) {
    const list = byService.get(server.span.service);
    if (list === undefined) byService.set(server.span.service, [server]);
    else list.push(server);
  }
  return { client, servers, byService };
}

/** Whether two spans were recorded on one endpoint: no service or address of one contradicts the other's. */
function sameEndpoint(a: Span, b: Span): boolean {
  if (a.service !== b.service && a.service !== UNKNOWN_SERVICE && b.service !== UNKNOWN_SERVICE) return false;
  return a.host === undefined || b.host === undefined || sameHost(a.host, b.host);
}

/**
 * The parent of a child naming a shared id, as Zipkin's SpanNodeBuilder picks it where the child's
 * endpoint says: the server half on its endpoint (the server did the work), or the client half on
 * its endpoint (work the client did under it). A child with no endpoint, or recorded on a third one
 * (a server called with the shared id as parent), goes to the first server half, as Jaeger puts every
 * child there; Zipkin puts the latter under the client, which never propagates that id to a third
 * service except through its server.
 */
function parentInRpc(child: Node, rpc: SharedRpc): Node {
  const span = child.span;
  const first = rpc.servers[0]!;
  if (span.service === UNKNOWN_SERVICE && span.host === undefined) return first;
  // The first server half on the child's endpoint: among those of its service, and those of none.
  const candidates = span.service === UNKNOWN_SERVICE ? rpc.servers : [...(rpc.byService.get(span.service) ?? []), ...(rpc.byService.get(UNKNOWN_SERVICE) ?? [])];
  let found: Node | undefined;
  for (const s of candidates) if (sameEndpoint(s.span, span) && (found === undefined || s.readIndex < found.readIndex)) found = s;
  return found ?? (sameEndpoint(rpc.client.span, span) ? rpc.client : first);
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
  const rpcs = new Map<string, SharedRpc>();
  const serverOf = new Map<Node, Node>();
  for (const [id, same] of shared) {
    const rpc = sharedRpc(same);
    if (rpc !== undefined) {
      rpcs.set(id, rpc);
      for (const server of rpc.servers) serverOf.set(server, rpc.client);
    }
    const others = rpc === undefined ? same.slice(1) : same.filter((n) => n !== rpc.client && !serverOf.has(n));
    for (const dup of others) {
      warn('duplicate-span-id', `${same.length} different spans share the id ${id}; children attach to the first`, dup);
    }
  }

  for (const node of nodes) {
    const span = node.span;
    const client = serverOf.size > 0 ? serverOf.get(node) : undefined;
    if (client !== undefined) {
      attach(node, client, 'child_of');
      continue;
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
    const rpc = rpcs.size > 0 ? rpcs.get(span.parentId) : undefined;
    attach(node, rpc === undefined ? candidate : parentInRpc(node, rpc), span.parentType ?? 'child_of');
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

/** A span whose start is known: it can be judged and corrected. Its duration may not be. */
const isTimed = (n: Node): boolean => n.span.timing !== 'missing';

/**
 * Whether a span ran on its parent's host, so on its clock: both name one host; or, neither naming
 * one, both are of one service (one process keeps one clock) and the span is not the server of an
 * RPC (which crosses processes, even between instances of one service).
 */
function onParentsClock(node: Node, parent: Node, edge: Edge): boolean {
  const host = node.span.host;
  const parentHost = parent.span.host;
  if (host !== undefined && parentHost !== undefined) return sameHost(host, parentHost);
  if (host !== undefined || parentHost !== undefined || edge === 'rpc') return false;
  return node.span.service === parent.span.service && node.span.service !== UNKNOWN_SERVICE;
}

function edgeOf(node: Node, parent: Node): Edge {
  if (node.async) return 'async';
  const server = node.span.kind === 'server' || node.span.shared === true;
  return server && (parent.span.kind === 'client' || parent.span.spanId === node.span.spanId) ? 'rpc' : 'sync';
}

const REASONS: Readonly<Record<Skew['reason'], string>> = {
  'starts-before-parent': 'starts before its parent, on another host',
  'starts-after-client-ended': 'starts after its client ended, on another host',
};

/**
 * Corrects clock skew, parents before children, then gives spans without time a place from the
 * corrected times (an untimed root at the trace's corrected start, an untimed child at its
 * parent's). A span found skewed against its parent sets its host's correction; the spans below it
 * on that host get the same one, and each span moved says so. Without `adjust`, every correction is
 * computed the same way and reported, and no time is changed.
 */
function placeInTime(nodes: Node[], roots: Node[], adjust: boolean, warn: Warn): void {
  // Breadth-first: a queue of nodes whose parent is already placed.
  const queue: Node[] = [...roots];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const child of node.children) queue.push(child);
    const parent = node.parent;
    if (node.span.timing === 'missing') {
      warn('missing-timestamp', `${describe(node)} has no timestamp; placed at ${parent ? "its parent's" : "the trace's"} start`, node);
    } else if (node.span.timing === 'no-duration') {
      warn('missing-duration', `${describe(node)} has no duration; shown as 0`, node);
    }
    if (parent === undefined) continue;
    const edge = edgeOf(node, parent);
    if (onParentsClock(node, parent, edge)) {
      node.clockNs = parent.clockNs;
      if (node.clockNs !== 0 && isTimed(node)) {
        shift(node, adjust, warn, `is on the same host as its parent, whose clock was corrected`);
      }
      continue;
    }
    // Another host: judged against its parent, when both have a start.
    if (!isTimed(node) || !isTimed(parent)) continue;
    const skew = clockSkew(
      { startNs: node.span.startNs, durationNs: node.durationNs, hasDuration: node.span.timing !== 'no-duration' },
      { startNs: parent.correctedNs, durationNs: parent.durationNs, hasDuration: parent.span.timing !== 'no-duration' },
      edge,
    );
    if (skew === undefined) continue;
    node.clockNs = skew.shiftNs;
    shift(node, adjust, warn, REASONS[skew.reason]);
  }

  // Untimed spans, from corrected times: roots at the trace's start, others at their parent's.
  let earliest: bigint | undefined;
  for (const n of nodes) if (isTimed(n) && (earliest === undefined || n.startNs < earliest)) earliest = n.startNs;
  for (const node of queue) {
    if (isTimed(node)) continue;
    node.startNs = node.parent?.startNs ?? earliest ?? 0n;
    node.correctedNs = node.startNs;
  }
}

/** Applies (or, without `adjust`, only reports) the node's clock correction. */
function shift(node: Node, adjust: boolean, warn: Warn, why: string): void {
  const delta = node.clockNs;
  node.correctedNs = node.span.startNs + BigInt(delta);
  if (adjust) {
    node.skewNs = delta;
    node.startNs = node.correctedNs;
    warn('clock-skew', `${describe(node)} ${why}: shifted by ${formatShift(delta)}`, node);
  } else {
    warn('clock-skew', `${describe(node)} ${why}: not shifted (--no-adjust); the correction would be ${formatShift(delta)}`, node);
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
