/**
 * Where a trace's failure started. Failures propagate upwards — a timeout in payments fails checkout,
 * which fails the frontend request — so the span to look at is the deepest failed one, and the story
 * is the path from the root down to it.
 *
 * Definitions (an error span is one whose status is error):
 * - An **origin** is an error span with no error span anywhere below it. A trace can have several
 *   (fan-out: two calls failed independently).
 * - An error span is **recovered** when it is not a root and none of its ancestors is an error span:
 *   its caller succeeded anyway (a retry, a fallback, a cache miss that was handled). Every origin
 *   below a recovered span (the recovered span itself, when nothing failed below it) belongs to it.
 * - An origin's **chain** is the path root → origin. Chains are listed only for origins the failure
 *   travelled up from to a failed root, i.e. origins with no recovered span on their path; absorbed
 *   origins are shown with the recovered span instead, apart from the chains.
 *
 * Walks the tree in its stored depth-first order with per-index arrays (no recursion), so a chain a
 * million spans deep costs linear time.
 */
import type { Trace } from '../model/trace.js';
import { describeError } from './error-message.js';
import { errorReason } from './error-reason.js';

export interface ErrorOrigin {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
  readonly message: string | null;
  /** What the group signature ends in: exception type or normalized message, plus HTTP status. */
  readonly reason: string;
}

export interface ChainStep {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
  readonly error: boolean;
  readonly message: string | null;
}

export interface ErrorChain {
  readonly origin: ErrorOrigin;
  /** Root first, origin last. */
  readonly path: ChainStep[];
}

export interface RecoveredError {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
  readonly message: string | null;
  /** The parent that succeeded although this span failed. */
  readonly absorbedBy: { readonly spanId: string; readonly service: string; readonly operation: string };
  /** The deepest failures below it (itself when nothing below it failed), in tree order. */
  readonly origins: ErrorOrigin[];
}

export interface TraceErrors {
  readonly traceId: string;
  readonly rootService: string;
  readonly rootOperation: string;
  readonly errorSpans: number;
  readonly chains: ErrorChain[];
  readonly recovered: RecoveredError[];
}

/** The error chains and recovered errors of one trace; undefined when no span failed. */
export function traceErrors(trace: Trace): TraceErrors | undefined {
  const nodes = trace.nodes;
  const n = nodes.length;
  const isError = (i: number): boolean => nodes[i]!.span.status === 'error';
  let errorSpans = 0;
  for (let i = 0; i < n; i++) if (isError(i)) errorSpans++;
  if (errorSpans === 0) return undefined;

  // Pre-order puts every child after its parent: a backward pass sees children first.
  const errorBelow = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const parent = nodes[i]!.parent;
    if (parent !== undefined && (errorBelow[i] === 1 || isError(i))) errorBelow[parent.index] = 1;
  }
  // Forward pass: whether an ancestor failed, and which recovered span (if any) a node sits under.
  const errorAbove = new Uint8Array(n);
  const recoveredAt = new Int32Array(n).fill(-1);
  const recovered: number[] = [];
  const origins: number[] = [];
  for (let i = 0; i < n; i++) {
    const parent = nodes[i]!.parent;
    if (parent !== undefined) {
      errorAbove[i] = errorAbove[parent.index] === 1 || isError(parent.index) ? 1 : 0;
      recoveredAt[i] = recoveredAt[parent.index]!;
    }
    if (!isError(i)) continue;
    if (parent !== undefined && errorAbove[i] === 0) {
      recoveredAt[i] = i;
      recovered.push(i);
    }
    if (errorBelow[i] === 0) origins.push(i);
  }

  const chains: ErrorChain[] = [];
  const originsOf = new Map<number, ErrorOrigin[]>();
  for (const i of origins) {
    const origin = originOf(trace, i);
    const at = recoveredAt[i]!;
    if (at === -1) {
      chains.push({ origin, path: pathTo(trace, i) });
    } else {
      const list = originsOf.get(at);
      if (list === undefined) originsOf.set(at, [origin]);
      else list.push(origin);
    }
  }

  return {
    traceId: trace.traceId,
    rootService: trace.root.span.service,
    rootOperation: trace.root.span.operation,
    errorSpans,
    chains,
    recovered: recovered.map((i) => {
      const span = nodes[i]!.span;
      const parent = nodes[i]!.parent!.span;
      return {
        spanId: span.spanId,
        service: span.service,
        operation: span.operation,
        message: describeError(span).message,
        absorbedBy: { spanId: parent.spanId, service: parent.service, operation: parent.operation },
        origins: originsOf.get(i) ?? [],
      };
    }),
  };
}

function originOf(trace: Trace, index: number): ErrorOrigin {
  const span = trace.nodes[index]!.span;
  const description = describeError(span);
  return { spanId: span.spanId, service: span.service, operation: span.operation, message: description.message, reason: errorReason(description) };
}

function pathTo(trace: Trace, index: number): ChainStep[] {
  const path: ChainStep[] = [];
  for (let node = trace.nodes[index]; node !== undefined; node = node.parent) {
    const span = node.span;
    path.push({ spanId: span.spanId, service: span.service, operation: span.operation, error: span.status === 'error', message: describeError(span).message });
  }
  return path.reverse();
}
