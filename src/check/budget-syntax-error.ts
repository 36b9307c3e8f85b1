/**
 * The error a budget expression raises: a usage error (exit code 2) that names the column and repeats
 * the expression with a caret under the spot. A budget sits in a long CI command line or a JSON file;
 * "unknown metric" alone would leave the reader hunting for which one and where.
 */
import { UsageError } from '../errors.js';

/** Expressions longer than this are shown as a window around the caret. */
const ECHO_WIDTH = 72;

export class BudgetSyntaxError extends UsageError {
  /** The problem, without the position: "unknown metric 'p99x'". */
  readonly reason: string;
  /** 1-based column, counted in characters (code points). */
  readonly column: number;
  readonly expression: string;

  /**
   * `where` says which budget ("--budget", "budgets.json: budgets[2]"); `offset` is a UTF-16 index
   * into `expression` (it may equal its length, for "something is missing at the end").
   */
  constructor(where: string, expression: string, offset: number, reason: string) {
    const column = [...expression.slice(0, offset)].length + 1;
    super(`${where}: ${reason} at column ${column}\n${caretLines(expression, column).join('\n')}`);
    this.name = 'BudgetSyntaxError';
    this.reason = reason;
    this.column = column;
    this.expression = expression;
  }
}

/** The expression (control characters shown as '?', so the caret stays aligned) and a caret line. */
function caretLines(expression: string, column: number): string[] {
  let chars = [...expression].map((ch) => (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(ch) ? '?' : ch));
  let caret = column - 1;
  if (chars.length > ECHO_WIDTH) {
    const start = Math.max(0, Math.min(caret - ECHO_WIDTH / 2, chars.length - ECHO_WIDTH));
    const end = Math.min(chars.length, start + ECHO_WIDTH);
    const window = chars.slice(start, end);
    if (start > 0) window[0] = '…';
    if (end < chars.length) window[window.length - 1] = '…';
    chars = window;
    caret -= start;
  }
  return [`  ${chars.join('')}`, `  ${' '.repeat(caret)}^`];
}
