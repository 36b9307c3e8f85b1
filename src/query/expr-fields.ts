/**
 * Every field an expression reads, in source order: for commands that must know what an expression
 * is about (`why` skips the fields that define its selection, since they separate the two sides by
 * construction) or what it needs from the input (expression-needs.ts). A bare word on the right of
 * a comparison counts when it names a field (`service = attr.peer.service`).
 */
import type { Expr, FieldRef } from './ast.js';
import { resolveField } from './fields.js';

const KINDS = ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'];
const STATUSES = ['unset', 'ok', 'error'];

export function exprFields(source: string, root: Expr): FieldRef[] {
  const out: FieldRef[] = [];
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.type) {
      case 'and':
      case 'or':
        stack.push(e.right, e.left);
        break;
      case 'not':
      case 'has':
        stack.push(e.operand);
        break;
      case 'flag':
        out.push(e.field);
        break;
      case 'compare': {
        out.push(e.field);
        const v = e.value;
        // As the compiler reads it: a kind or status word on the right of a kind or status is a value.
        const enumValue = (e.field.type === 'kind' && KINDS.includes(v.text)) || (e.field.type === 'status' && STATUSES.includes(v.text));
        if (v.kind === 'word' && !enumValue) {
          try {
            const token = { type: 'word' as const, text: v.text, start: v.start, end: v.end, ...(v.quotedKey !== undefined ? { quotedKey: v.quotedKey } : {}) };
            out.push(resolveField(source, token));
          } catch {
            // An enum value (`server`, `error`), not a field.
          }
        }
        break;
      }
    }
  }
  return out;
}
