/**
 * Recursive-descent parser for `--where` expressions, with the usual precedence: `not` binds
 * tighter than `and`, which binds tighter than `or`; `and` and `or` group to the left. Recursion
 * follows the nesting of parentheses, `not` and `has`, which is capped (MAX_NESTING) so a hostile
 * expression cannot exhaust the stack; long `and`/`or` chains are loops, not recursion.
 *
 *   query     = or-expr END
 *   or-expr   = and-expr { ("or" | "||") and-expr }
 *   and-expr  = unary { ("and" | "&&") unary }
 *   unary     = ("not" | "!") unary | primary
 *   primary   = "(" or-expr ")" | "has" relation "(" or-expr ")" | field [ op value ]
 */
import { RELATIONS, type Expr, type Operand, type Relation } from './ast.js';
import { resolveField } from './fields.js';
import { tokenize, type CompareOp, type Token } from './lexer.js';
import { QuerySyntaxError } from './query-error.js';

/** Longest expression accepted, in UTF-16 units. */
const MAX_EXPRESSION_LENGTH = 4096;
/** Deepest nesting of parentheses, `not` and `has`. */
const MAX_NESTING = 64;

const OPERATORS = '= != < <= > >= =~ !~';

export function parseWhere(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new QuerySyntaxError(source, MAX_EXPRESSION_LENGTH, `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  if (source.trim() === '') throw new QuerySyntaxError(source, 0, 'the expression is empty');
  return new Parser(source, tokenize(source)).parseQuery();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseQuery(): Expr {
    const expr = this.parseOr();
    const next = this.peek();
    if (next.type === 'rparen') this.fail(next, "unexpected ')' without a matching '('");
    if (next.type !== 'end') this.fail(next, `expected 'and' or 'or' before ${describe(next)}`);
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.peek().type === 'or') {
      this.pos++;
      const right = this.parseAnd();
      left = { type: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    while (this.peek().type === 'and') {
      this.pos++;
      const right = this.parseUnary();
      left = { type: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.type !== 'not') return this.parsePrimary();
    this.pos++;
    this.enter(token);
    const operand = this.parseUnary();
    this.depth--;
    return { type: 'not', operand, start: token.start, end: operand.end };
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    if (token.type === 'lparen') {
      this.pos++;
      this.enter(token);
      const inner = this.parseOr();
      this.depth--;
      const close = this.peek();
      if (close.type !== 'rparen') {
        if (close.type === 'end') this.fail(token, "unclosed '(': no matching ')'");
        this.fail(close, `expected 'and', 'or' or ')' before ${describe(close)}`);
      }
      this.pos++;
      return inner;
    }
    if (token.type === 'word' && token.text.toLowerCase() === 'has' && this.tokens[this.pos + 1]?.type !== 'op') {
      return this.parseHas(token);
    }
    if (token.type === 'word') {
      this.pos++;
      const field = resolveField(this.source, token);
      const op = this.peek();
      if (op.type !== 'op') {
        if (field.type === 'bool') return { type: 'flag', field, start: token.start, end: token.end };
        this.fail(op, `expected an operator (${OPERATORS}) after '${token.text}'${op.type === 'end' ? '' : `, found ${describe(op)}`}`);
      }
      this.pos++;
      const value = this.parseValue(op);
      return { type: 'compare', field, op: op.text as CompareOp, opStart: op.start, value, start: token.start, end: value.end };
    }
    if (token.type === 'string' || token.type === 'number' || token.type === 'duration') {
      this.fail(token, `a condition starts with a field name, found ${describe(token)}`);
    }
    const previous = this.tokens[this.pos - 1];
    if (previous === undefined) this.fail(token, `expected a condition, found ${describe(token)}`);
    return this.fail(token, `expected a condition after '${previous!.text}'${token.type === 'end' ? '' : `, found ${describe(token)}`}`);
  }

  private parseHas(has: Token): Expr {
    this.pos++;
    const word = this.peek();
    const relation = word.text.toLowerCase() as Relation;
    if (word.type !== 'word' || !RELATIONS.includes(relation)) {
      this.fail(word, `expected descendant, ancestor, child or parent after 'has'${word.type === 'end' ? '' : `, found ${describe(word)}`}`);
    }
    this.pos++;
    const open = this.peek();
    if (open.type !== 'lparen') this.fail(open, `expected '(' after 'has ${relation}'${open.type === 'end' ? '' : `, found ${describe(open)}`}`);
    this.pos++;
    this.enter(open);
    const operand = this.parseOr();
    this.depth--;
    const close = this.peek();
    if (close.type !== 'rparen') {
      if (close.type === 'end') this.fail(open, "unclosed '(': no matching ')'");
      this.fail(close, `expected 'and', 'or' or ')' before ${describe(close)}`);
    }
    this.pos++;
    return { type: 'has', relation, operand, start: has.start, end: close.end };
  }

  private parseValue(op: Token): Operand {
    const token = this.peek();
    const { start, end, text } = token;
    switch (token.type) {
      case 'string':
        this.pos++;
        return { kind: 'string', value: token.value as string, text, start, end };
      case 'number':
        this.pos++;
        return { kind: 'number', value: token.value as number, text, start, end };
      case 'duration':
        this.pos++;
        return { kind: 'duration', value: token.value as number, text, start, end };
      case 'word':
        this.pos++;
        if (text === 'true' || text === 'false') return { kind: 'bool', value: text === 'true', text, start, end };
        if (text === 'nil') return { kind: 'nil', text, start, end };
        return { kind: 'word', text, start, end, ...(token.quotedKey !== undefined ? { quotedKey: token.quotedKey } : {}) };
      default:
        return this.fail(token, `expected a value after '${op.text}'${token.type === 'end' ? '' : `, found ${describe(token)}`}`);
    }
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING) this.fail(token, `nested deeper than ${MAX_NESTING} levels`);
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private fail(token: Token, reason: string): never {
    throw new QuerySyntaxError(this.source, token.start, reason);
  }
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end';
  if (token.type === 'string') return token.text;
  return `'${token.text}'`;
}
