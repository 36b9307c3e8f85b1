/**
 * A `--where` predicate asked about a span read on its own, with no trace built around it: for
 * commands that read span by span (`spans`) when the expression reads only the span's own fields
 * and attributes (expression-needs.ts decides). The span stands as a tree node whose parent, depth
 * and trace are never read by such an expression.
 */
import type { Span } from '../model/span.js';
import type { SpanNode, Trace } from '../model/trace.js';
import type { SpanPredicate } from './compile.js';

export function loneSpanPredicate(matches: SpanPredicate): (span: Span) => boolean {
  const node = new LoneNode();
  const asNode = node as unknown as SpanNode;
  return (span) => {
    node.span = span;
    node.durationNs = span.durationNs;
    node.startNs = span.startNs;
    return matches(asNode, NO_TRACE);
  };
}

/** The fields a span-level expression reads are the span's; the rest say "a root, alone". */
class LoneNode {
  span: Span | undefined;
  readonly index = 0;
  readonly parent = undefined;
  readonly children: readonly SpanNode[] = [];
  readonly depth = 0;
  readonly relation = 'root';
  readonly async = false;
  startNs = 0n;
  durationNs = 0;
  readonly offsetNs = 0;
  readonly skewNs = 0;
  readonly flags = [];
}

/** Never read: an expression that reads the trace is answered on built trees instead. */
const NO_TRACE = Object.freeze({}) as Trace;
