/**
 * Zipkin collects a span in pieces: Finagle flushes a client span in two parts (one with the start,
 * one with the duration), late tags and annotations arrive alone, a library reports without an
 * endpoint. Zipkin merges the pieces when it serves a trace (Trace.merge in the server,
 * `mergeV2ById` in zipkin-lens), and so does tracectl, before building the tree, the same way:
 *
 * - Spans with one id are ordered as Zipkin orders them: not shared before shared, a client before
 *   other kinds, a piece without an endpoint before pieces with one, then by service and address.
 * - Walking that order, a span takes in the next span with its id when both have the same `shared`
 *   flag and their endpoints do not contradict (a service name, an IPv4 or an IPv6 address each
 *   differ only when both have one), as Zipkin's EndpointTracker decides, and, unlike Zipkin, when
 *   nothing else contradicts either: their kinds (a client and a server on one endpoint stay two
 *   spans: Zipkin would merge a loopback RPC whose server forgot the shared flag), and the starts
 *   and durations they state (a message received three times by one consumer, in
 *   zipkin__smartthings-oauth-authorization.json, stays three receives: Zipkin keeps the first).
 * - The merged span keeps the first value of each field that has one (name, kind, parent, start,
 *   duration, service, status), the union of the addresses, tags (a later piece's value wins, as in
 *   Zipkin), and the annotations of all pieces, ordered by time and de-duplicated.
 * - Then, as Zipkin: a server after a client with its id gets the `shared` flag it forgot, a shared
 *   span without a parent takes the parent of the span before it (its client), and a shared flag
 *   on the trace's only root (no client above it) is dropped.
 *
 * Zipkin compares ports too; tracectl does not, since compact spans do not keep them.
 */
import { addressesKey, hostAddresses } from './host.js';
import type { ReadFlag, Span, SpanEvent, SpanKind } from './span.js';
import { UNKNOWN_SERVICE } from './span.js';

/** Spans of one trace with the pieces of each Zipkin span merged into one, each where its first piece was. */
export function mergeZipkinFragments(spans: Span[]): Span[] {
  const byId = new Map<string, number>();
  let collisions: Set<string> | undefined;
  let roots = 0;
  let root: Span | undefined;
  for (const span of spans) {
    if (span.parentId === undefined) {
      roots++;
      root = span;
    }
    if (span.format !== 'zipkin') continue;
    const n = (byId.get(span.spanId) ?? 0) + 1;
    byId.set(span.spanId, n);
    if (n > 1) (collisions ??= new Set()).add(span.spanId);
  }
  if (collisions !== undefined) return withoutRootSharedFlag(mergePieces(spans, collisions));
  // A shared flag on the only root is a mistake (a server half needs a client above it): dropped, as zipkin-lens does.
  if (roots === 1 && root!.shared === true && root!.format === 'zipkin') return spans.map((s) => (s === root ? withoutShared(s) : s));
  return spans;
}

function withoutShared(span: Span): Span {
  const { shared: _dropped, ...rest } = span;
  return rest;
}

function withoutRootSharedFlag(spans: Span[]): Span[] {
  const roots = spans.filter((s) => s.parentId === undefined);
  const root = roots[0];
  if (roots.length !== 1 || root!.shared !== true || root!.format !== 'zipkin') return spans;
  return spans.map((s) => (s === root ? withoutShared(s) : s));
}

function mergePieces(spans: Span[], collisions: ReadonlySet<string>): Span[] {
  const position = new Map<Span, number>();
  const groups = new Map<string, Span[]>();
  spans.forEach((s, i) => {
    position.set(s, i);
    if (s.format !== 'zipkin' || !collisions.has(s.spanId)) return;
    const group = groups.get(s.spanId);
    if (group === undefined) groups.set(s.spanId, [s]);
    else group.push(s);
  });
  const replaced = new Map<Span, Span>();
  const dropped = new Set<Span>();
  for (const unsorted of groups.values()) {
    const shared = sharedness(unsorted);
    const group = unsorted.sort((a, b) => cleanupOrder(a, b, shared));
    let last: Span | undefined;
    for (const run of pieceRuns(group, shared)) {
      let merged = run[0]!;
      for (let k = 1; k < run.length; k++) merged = merge(merged, run[k]!);
      merged = backfill(merged, last);
      last = merged;
      // The merged span stands where its earliest-read piece stood.
      let first = run[0]!;
      for (const piece of run) if (position.get(piece)! < position.get(first)!) first = piece;
      for (const piece of run) if (piece !== first) dropped.add(piece);
      if (merged !== first) replaced.set(first, merged);
    }
  }
  const out: Span[] = [];
  for (const span of spans) {
    if (dropped.has(span)) continue;
    out.push(replaced.get(span) ?? span);
  }
  return out;
}

/**
 * Which spans of a group count as shared: those that say so, and an untimed piece with no kind and
 * no shared flag recorded on a shared server's endpoint and not on the client's (late tags of the
 * server sent without the flag, 84 times in zipkin__smartthings-mobile-web-install.json). Zipkin
 * keeps such a piece apart, and its tree then loses the client span under the piece.
 */
function sharedness(group: readonly Span[]): Map<Span, boolean> {
  const out = new Map<Span, boolean>(group.map((s) => [s, s.shared === true]));
  const servers = group.filter((s) => s.shared === true);
  // A group this large is no RPC but garbage (one id on thousands of spans): not worth a quadratic look.
  if (servers.length === 0 || group.length > MAX_GROUP) return out;
  const others = group.filter((s) => s.shared !== true && !isKindless(s.kind));
  for (const piece of group) {
    if (piece.shared === true || !isKindless(piece.kind) || piece.timing !== 'missing' || piece.service === UNKNOWN_SERVICE) continue;
    const onServer = servers.some((s) => agree(endpointOf(s), piece));
    const onClient = others.some((s) => agree(endpointOf(s), piece));
    if (onServer && !onClient) out.set(piece, true);
  }
  return out;
}

/** Whether a span's endpoint agrees with an endpoint (without taking anything in). */
function agree(endpoint: EndpointTracker, span: Span): boolean {
  return tryMerge({ ...endpoint }, span) && endpoint.service !== undefined && endpoint.service === endpointOf(span).service;
}

/** The ordered group cut into runs of pieces of one span (Zipkin merges each span with the next ones it agrees with). */
function pieceRuns(group: readonly Span[], shared: ReadonlyMap<Span, boolean>): Span[][] {
  const runs: Span[][] = [];
  for (let i = 0; i < group.length; i++) {
    const run = [group[i]!];
    const endpoint = endpointOf(group[i]!);
    let kind = group[i]!.kind;
    let start = ownStart(group[i]!);
    let duration = ownDuration(group[i]!);
    while (i + 1 < group.length) {
      const next = group[i + 1]!;
      if (shared.get(next) !== shared.get(run[0]!) || !kindsAgree(kind, next.kind)) break;
      // Two spans a service recorded that each state a different start, or a different duration,
      // are two spans (a message received twice by one consumer), not pieces of one. A piece
      // without an endpoint (annotations sent apart, timestamped with them) is still a piece.
      const nextStart = ownStart(next);
      const nextDuration = ownDuration(next);
      if (start !== undefined && nextStart !== undefined && start.value !== nextStart.value && start.recorded && nextStart.recorded) break;
      if (duration !== undefined && nextDuration !== undefined && duration.value !== nextDuration.value && duration.recorded && nextDuration.recorded) break;
      if (!tryMerge(endpoint, next)) break;
      if (isKindless(kind)) kind = next.kind;
      start ??= nextStart;
      duration ??= nextDuration;
      run.push(next);
      i++;
    }
    runs.push(run);
  }
  return runs;
}

interface Stated<T> {
  readonly value: T;
  /** Stated by a span recorded by a known service. */
  readonly recorded: boolean;
}

/** The start a piece states itself (its timestamp), not one read off its annotations. */
function ownStart(span: Span): Stated<bigint> | undefined {
  return span.timing === 'exact' || span.timing === 'no-duration' ? { value: span.startNs, recorded: span.service !== UNKNOWN_SERVICE } : undefined;
}

/** The duration a piece states itself. */
function ownDuration(span: Span): Stated<number> | undefined {
  return span.timing === 'exact' || (span.timing === 'missing' && span.durationNs > 0) ? { value: span.durationNs, recorded: span.service !== UNKNOWN_SERVICE } : undefined;
}

/** A Zipkin span without a kind: a local span, or a piece that does not say. */
function isKindless(kind: SpanKind): boolean {
  return kind === 'internal' || kind === 'unspecified';
}

function kindsAgree(a: SpanKind, b: SpanKind): boolean {
  return a === b || isKindless(a) || isKindless(b);
}

/** Spans with one id beyond which pieces are not looked for on a shared server's endpoint. */
const MAX_GROUP = 256;

interface EndpointTracker {
  service?: string;
  ipv4?: string;
  ipv6?: string;
}

/** The addresses of a span's host, by version (a Zipkin host is its endpoint's ipv4 and ipv6). */
function addressesOf(span: Span): { ipv4?: string; ipv6?: string } {
  if (span.host === undefined) return {};
  const out: { ipv4?: string; ipv6?: string } = {};
  for (const a of hostAddresses(span.host) ?? [span.host]) {
    if (a.includes(':')) out.ipv6 ??= a;
    else out.ipv4 ??= a;
  }
  return out;
}

function endpointOf(span: Span): EndpointTracker {
  const tracker: EndpointTracker = addressesOf(span);
  if (span.service !== UNKNOWN_SERVICE) tracker.service = span.service;
  return tracker;
}

/** Zipkin's EndpointTracker.tryMerge: false when `span`'s endpoint contradicts what was seen; else takes in what it adds. */
function tryMerge(tracker: EndpointTracker, span: Span): boolean {
  const next = endpointOf(span);
  if (tracker.service !== undefined && next.service !== undefined && tracker.service !== next.service) return false;
  if (tracker.ipv4 !== undefined && next.ipv4 !== undefined && tracker.ipv4 !== next.ipv4) return false;
  if (tracker.ipv6 !== undefined && next.ipv6 !== undefined && tracker.ipv6 !== next.ipv6) return false;
  tracker.service ??= next.service;
  tracker.ipv4 ??= next.ipv4;
  tracker.ipv6 ??= next.ipv6;
  return true;
}

/** Zipkin's cleanup order: not shared first, clients first, then endpoint-less first, then by service and address. */
function cleanupOrder(a: Span, b: Span, shared: ReadonlyMap<Span, boolean>): number {
  const sharedA = shared.get(a) === true ? 1 : 0;
  const sharedB = shared.get(b) === true ? 1 : 0;
  if (sharedA !== sharedB) return sharedA - sharedB;
  if (sharedA === 0) {
    const clientA = a.kind === 'client' ? 0 : 1;
    const clientB = b.kind === 'client' ? 0 : 1;
    if (clientA !== clientB) return clientA - clientB;
  }
  const ea = endpointOf(a);
  const eb = endpointOf(b);
  const noneA = ea.service === undefined && a.host === undefined ? 0 : 1;
  const noneB = eb.service === undefined && b.host === undefined ? 0 : 1;
  if (noneA !== noneB) return noneA - noneB;
  return compareText(ea.service, eb.service) || compareText(ea.ipv4, eb.ipv4) || compareText(ea.ipv6, eb.ipv6);
}

/** Absent after present, as Zipkin's nullSafeCompareTo. */
function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** How sure a piece is of its start: its own timestamp beats a time read off its annotations. */
const START_RANK: Readonly<Record<Span['timing'], number>> = { exact: 0, 'no-duration': 1, derived: 2, missing: 3 };

/** Whether a piece states a duration (Zipkin: a non-zero `duration`). */
function statesDuration(span: Span): boolean {
  return span.timing === 'exact' || ((span.timing === 'derived' || span.timing === 'missing') && span.durationNs > 0);
}

function merge(left: Span, right: Span): Span {
  // Two pieces timed only by their annotations: the earlier annotation starts the span.
  const bothDerived = left.timing === 'derived' && right.timing === 'derived';
  const start = START_RANK[right.timing] < START_RANK[left.timing] || (bothDerived && right.startNs < left.startNs) ? right : left;
  const duration = statesDuration(left) ? left : statesDuration(right) ? right : undefined;
  const out: { -readonly [K in keyof Span]: Span[K] } = { ...left };
  if (left.parentId === undefined && right.parentId !== undefined) {
    out.parentId = right.parentId;
    if (right.parentType !== undefined) out.parentType = right.parentType;
  }
  if (left.operation === '' || left.operation === 'unknown') out.operation = right.operation || left.operation;
  if (isKindless(left.kind) && !isKindless(right.kind)) out.kind = right.kind;
  if (left.service === UNKNOWN_SERVICE) out.service = right.service;
  const host = mergedHost(left, right);
  if (host !== undefined) out.host = host;
  out.resource = { ...right.resource, ...left.resource };
  out.attributes = { ...left.attributes, ...right.attributes };
  out.events = mergedEvents(left.events, right.events);
  out.refs = left.refs.length === 0 ? right.refs : right.refs.length === 0 ? left.refs : [...left.refs, ...right.refs];
  Object.assign(out, mergedTiming(start, duration));
  if (left.status !== 'error' && (right.status === 'error' || (left.status === 'unset' && right.status === 'ok'))) out.status = right.status;
  const message = left.status === 'error' && left.statusMessage !== undefined ? left.statusMessage : right.statusMessage ?? left.statusMessage;
  if (out.status === 'error' && message !== undefined) out.statusMessage = message;
  if (right.shared === true) out.shared = true;
  const flags = mergedFlags(left.flags, right.flags);
  if (flags !== undefined) out.flags = flags;
  return out;
}

/** Start from the surest piece, duration from the first that states one; `exact` only when neither came off annotations. */
function mergedTiming(start: Span, duration: Span | undefined): Pick<Span, 'startNs' | 'durationNs' | 'timing'> {
  const durationNs = duration?.durationNs ?? 0;
  if (start.timing === 'missing') return { startNs: 0n, durationNs, timing: 'missing' };
  if (duration === undefined) return { startNs: start.startNs, durationNs: 0, timing: start.timing === 'derived' ? 'derived' : 'no-duration' };
  const derived = start.timing === 'derived' || duration.timing === 'derived';
  return { startNs: start.startNs, durationNs, timing: derived ? 'derived' : 'exact' };
}

function mergedHost(left: Span, right: Span): string | undefined {
  if (left.host === undefined || right.host === undefined) return left.host ?? right.host;
  const a = addressesOf(left);
  const b = addressesOf(right);
  return addressesKey([a.ipv4 ?? b.ipv4, a.ipv6 ?? b.ipv6]) ?? left.host;
}

function compareEvents(a: SpanEvent, b: SpanEvent): number {
  return a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Annotations of both pieces, ordered by time then value, each once. */
function mergedEvents(left: readonly SpanEvent[], right: readonly SpanEvent[]): SpanEvent[] {
  const all = [...left, ...right].sort(compareEvents);
  const out: SpanEvent[] = [];
  for (const e of all) {
    const prev = out[out.length - 1];
    if (prev !== undefined && compareEvents(prev, e) === 0 && JSON.stringify(prev.attributes) === JSON.stringify(e.attributes)) continue;
    out.push(e);
  }
  return out;
}

function mergedFlags(a: readonly ReadFlag[] | undefined, b: readonly ReadFlag[] | undefined): ReadFlag[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  const order: readonly ReadFlag[] = ['suspect-timestamp', 'invalid-id'];
  return order.filter((f) => a?.includes(f) === true || b?.includes(f) === true);
}

/** Zipkin's fixes with the whole group in view: the forgotten shared flag, the parent a shared server was not told. */
function backfill(span: Span, last: Span | undefined): Span {
  if (last === undefined) return span;
  let out = span;
  if (last.kind === 'client' && span.kind === 'server' && span.shared !== true) out = { ...out, shared: true };
  if (out.shared === true && out.parentId === undefined && last.parentId !== undefined) {
    out = { ...out, parentId: last.parentId, parentType: last.parentType ?? 'child_of' };
  }
  return out;
}
