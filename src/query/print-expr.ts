/**
 * Prints a parsed expression back with every `and`, `or` and `not` in parentheses, so a test (or a
 * puzzled user) sees exactly how precedence and grouping were read.
 */
import type { Expr } from './ast.js';

export function printExpr(root: Expr): string {
  // Post-order with an explicit stack: nesting is capped by the parser, but printing needs no cap.
  const out: string[] = [];
  const stack: { expr: Expr; done: boolean }[] = [{ expr: root, done: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const e = item.expr;
    switch (e.type) {
      case 'compare':
        out.push(`${e.field.text} ${e.op} ${e.value.text}`);
        break;
      case 'flag':
        out.push(e.field.text);
        break;
      case 'not':
      case 'has':
        if (!item.done) {
          stack.push({ expr: e, done: true }, { expr: e.operand, done: false });
        } else {
          const inner = out.pop()!;
          out.push(e.type === 'not' ? `(not ${inner})` : `(has ${e.relation} ${inner.startsWith('(') ? inner : `(${inner})`})`);
        }
        break;
      default:
        if (!item.done) {
          stack.push({ expr: e, done: true }, { expr: e.right, done: false }, { expr: e.left, done: false });
        } else {
          const right = out.pop()!;
          const left = out.pop()!;
          out.push(`(${left} ${e.type} ${right})`);
        }
    }
  }
  return out[0]!;
}
