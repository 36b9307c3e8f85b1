/**
 * What `why` does with each span it reads, wherever it is read (this thread or a parse worker):
 * keep it if `--where` does, ask `--selection` and `--baseline` about it, and count it. The
 * expressions are compiled here from their text, so a worker builds the same predicates from the
 * same options.
 *
 * Expressions answered span by span read only the span's own fields and attributes (the caller
 * checked, query/expression-needs.ts), so each is asked about the span standing alone.
 */
import type { WhyAnalysis } from '../analyses/why/why-analysis.js';
import type { Span } from '../model/span.js';
import { loneSpanPredicate } from '../query/lone-span.js';
import { compileWhere } from '../query/where.js';

export interface WhyExpressions {
  readonly where?: string;
  readonly selection?: string;
  readonly baseline?: string;
}

/** A function that counts one span (if --where keeps it) into `analysis`. */
export function whyFeeder(analysis: WhyAnalysis, expressions: WhyExpressions): (span: Span) => void {
  const where = lonePredicate(expressions.where);
  const selection = lonePredicate(expressions.selection);
  const baseline = lonePredicate(expressions.baseline);
  return (span) => {
    if (where !== undefined && !where(span)) return;
    analysis.add(span, span.durationNs, selection?.(span) ?? false, baseline?.(span) ?? true);
  };
}

function lonePredicate(expression: string | undefined): ((span: Span) => boolean) | undefined {
  return expression === undefined ? undefined : loneSpanPredicate(compileWhere(expression));
}
