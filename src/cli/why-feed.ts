/**
 * What `why` does with each span it reads, wherever it is read (this thread or a parse worker):
 * keep it if `--where` does, ask `--selection` and `--baseline` about it, and count it. The
 * expressions are compiled here from their text, so a worker builds the same predicates from the
 * same options.
 *
 * Expressions answered span by span read only the span's own fields and attributes (the caller
 * checked, query/expression-needs.ts): the span stands alone as a tree node whose parent, depth and
 * trace are never read.
 */
import type { WhyAnalysis } from '../analyses/why/why-analysis.js';
import type { LeanAttributes, LeanSpan } from '../model/lean-span.js';
import type { Span } from '../model/span.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { compileWhere } from '../query/where.js';

export interface WhyExpressions {
  readonly where?: string;
  readonly selection?: string;
  readonly baseline?: string;
}

/** A function that counts one span (if --where keeps it) into `analysis`. */
export function whyFeeder(analysis: WhyAnalysis, expressions: WhyExpressions): (span: Span) => void {
  const where = expressions.where === undefined ? undefined : compileWhere(expressions.where);
  const selection = expressions.selection === undefined ? undefined : compileWhere(expressions.selection);
  const baseline = expressions.baseline === undefined ? undefined : compileWhere(expressions.baseline);
  const node = new LoneSpan();
  const asNode = node as unknown as SpanNode;
  return (span) => {
    node.span = span;
    node.durationNs = span.durationNs;
    node.startNs = span.startNs;
    if (where !== undefined && !where(asNode, NO_TRACE)) return;
    analysis.add(span, span.durationNs, selection?.(asNode, NO_TRACE) ?? false, baseline?.(asNode, NO_TRACE) ?? true);
  };
}

/**
 * A function that counts one span read by a fast reader (compact fields and attributes), or
 * undefined when there are expressions to ask: they read Spans, so every span is read in full.
 */
export function whyLeanFeeder(analysis: WhyAnalysis, expressions: WhyExpressions): ((span: LeanSpan, attributes: LeanAttributes) => void) | undefined {
  if (expressions.where !== undefined || expressions.selection !== undefined || expressions.baseline !== undefined) return undefined;
  return (span, attributes) => analysis.addLean(span, attributes);
}

/** A span standing alone as a tree node: the fields a span-level expression reads are real. */
class LoneSpan {
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

/** Never read: an expression that reads the trace makes the command build trees instead. */
const NO_TRACE = Object.freeze({}) as Trace;
