/**
 * What a command gets for `--where`: the compiled predicate, plus what the expression needs from
 * the input. Commands that load compact spans (no attributes, to keep big dumps small) must load
 * full spans when the expression reads attributes, or `attr.x = 1` would silently match nothing.
 */
import { UsageError } from '../errors.js';
import type { Trace } from '../model/trace.js';
import { exprFields } from './expr-fields.js';
import { compileExpr, type SpanPredicate } from './compile.js';
import { parseWhere } from './parser.js';

export interface WhereFilter {
  /** The expression as given. */
  readonly expression: string;
  readonly matches: SpanPredicate;
  /** The expression reads span or resource attributes. */
  readonly readsAttributes: boolean;
}

export function whereFilter(expression: string): WhereFilter {
  const ast = parseWhere(expression);
  return { expression, matches: compileExpr(expression, ast), readsAttributes: exprFields(expression, ast).some((field) => field.type === 'attr') };
}

/** Whether any span of the trace matches. */
export function traceMatches(trace: Trace, matches: SpanPredicate): boolean {
  for (const node of trace.nodes) if (matches(node, trace)) return true;
  return false;
}

/** The traces with a matching span, for commands that show one trace; none at all is a usage error. */
export function* tracesMatching(traces: Iterable<Trace>, matches: SpanPredicate): Generator<Trace> {
  let kept = 0;
  for (const trace of traces) {
    if (!traceMatches(trace, matches)) continue;
    kept++;
    yield trace;
  }
  if (kept === 0) throw new UsageError('no trace in the input has a span matching --where');
}
