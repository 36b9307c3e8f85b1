/**
 * The one error a `--where` expression can raise: a usage error (exit code 2) whose message names the
 * column and repeats the expression with a caret under the spot, so a typo in a long expression is
 * found at a glance instead of by re-reading it.
 */
import { UsageError } from '../errors.js';

/** Expressions longer than this are shown as a window around the caret. */
const ECHO_WIDTH = 72;

export class QuerySyntaxError extends UsageError {
  /** The problem, without the position: "expected a value after '>'". */
  readonly reason: string;
  /** 1-based column, counted in characters (code points). */
  readonly column: number;

  /** `offset` is a UTF-16 index into `source` (as the lexer counts); it may equal `source.length`. */
  constructor(source: string, offset: number, reason: string) {
    const column = columnOf(source, offset);
    super(`--where: ${reason} at column ${column}\n${caretLines(source, column).join('\n')}`);
    this.name = 'QuerySyntaxError';
    this.reason = reason;
    this.column = column;
  }
}

function columnOf(source: string, offset: number): number {
  return [...source.slice(0, offset)].length + 1;
}

/** The expression (control characters shown as '?', so the caret stays aligned) and a caret line. */
function caretLines(source: string, column: number): string[] {
  let chars = [...source].map((ch) => (/[\u0000-\u001f\u007f-\u009f]/.test(ch) ? '?' : ch));
  let caret = column - 1;
  if (chars.length > ECHO_WIDTH) {
    const start = Math.max(0, Math.min(caret - ECHO_WIDTH / 2, chars.length - ECHO_WIDTH));
    const end = Math.min(chars.length, start + ECHO_WIDTH);
    const window = chars.slice(start, end);
    if (start > 0) {
      window[0] = '…';
    }
    if (end < chars.length) window[window.length - 1] = '…';
    chars = window;
    caret -= start;
  }
  return [`  ${chars.join('')}`, `  ${' '.repeat(caret)}^`];
}
