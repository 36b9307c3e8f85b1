/**
 * The `--where` entry point: expression text in, span predicate out (or a QuerySyntaxError, exit
 * code 2, naming the column). Pure; commands get the predicate through their RunContext.
 */
import { compileExpr, type SpanPredicate } from './compile.js';
import { parseWhere } from './parser.js';

export function compileWhere(source: string): SpanPredicate {
  return compileExpr(source, parseWhere(source));
}
