/**
 * One comparison at run time, whatever the field: the type of the right-hand side decides how the
 * left is read, so `attr.http.status_code >= 500` works whether the dump stored 503 or "503" (Zipkin
 * and Jaeger string tags). A value that cannot be read that way makes the comparison false — for
 * `!=` too, as in TraceQL: `attr.x != 5` does not match a span whose `x` is "abc" or missing.
 */
import type { AttrValue } from '../model/span.js';
import type { CompareOp } from './lexer.js';
import type { RegexMatcher } from './regex-matcher.js';

/** What a value is compared with: a literal, another field's value, or a compiled pattern. */
export type Right = string | number | boolean | RegexMatcher;

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Compares `left` (undefined when missing) with `right`; an array matches when any element does. */
export function compareValue(left: AttrValue | undefined, op: CompareOp, right: Right): boolean {
  if (Array.isArray(left)) {
    for (const item of left) if (!Array.isArray(item) && compareScalar(item, op, right)) return true;
    return false;
  }
  return compareScalar(left, op, right);
}

function compareScalar(left: AttrValue | undefined, op: CompareOp, right: Right): boolean {
  if (left === undefined || left === null || typeof left === 'object') return false;
  if (typeof right === 'object') {
    const matched = right.test(String(left));
    return op === '=~' ? matched : !matched;
  }
  if (typeof right === 'number') {
    const n = typeof left === 'number' ? left : typeof left === 'string' && DECIMAL.test(left) ? Number(left) : NaN;
    return Number.isNaN(n) ? false : order(n, op, right);
  }
  if (typeof right === 'boolean') {
    const b = typeof left === 'boolean' ? left : left === 'true' ? true : left === 'false' ? false : undefined;
    if (b === undefined) return false;
    return op === '=' ? b === right : op === '!=' ? b !== right : false;
  }
  return order(String(left), op, right);
}

function order<T extends number | string>(a: T, op: CompareOp, b: T): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}
