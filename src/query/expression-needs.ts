/**
 * Whether an expression can be answered from a span alone, or needs the span's trace built around
 * it: its parent (`parent.*`, `root`), its depth, the trace (`trace.*`) or its relatives (`has ...`).
 * Commands that read span by span (`why`) build trees only when an expression needs them.
 */
import type { Expr } from './ast.js';
import { exprFields } from './expr-fields.js';

export function needsTrace(source: string, root: Expr): boolean {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.type === 'has') return true;
    if (e.type === 'and' || e.type === 'or') stack.push(e.left, e.right);
    else if (e.type === 'not') stack.push(e.operand);
  }
  return exprFields(source, root).some((f) => f.scope !== 'span' || (f.type !== 'attr' && (f.name === 'root' || f.name === 'depth')));
}
