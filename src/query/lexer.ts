/**
 * Splits a `--where` expression into tokens, each with its source offsets so every later error can
 * point at the exact column. Durations are read here (`100ms` is one token, in nanoseconds) because a
 * number glued to letters is either a duration or a typo, and only the lexer still sees the glue.
 */
import { QuerySyntaxError } from './query-error.js';

type TokenType = 'word' | 'string' | 'number' | 'duration' | 'op' | 'and' | 'or' | 'not' | 'lparen' | 'rparen' | 'end';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~';

export interface Token {
  readonly type: TokenType;
  /** The token as written. */
  readonly text: string;
  /** UTF-16 offsets into the expression; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  /** string: the unescaped text; number: the number; duration: nanoseconds. */
  readonly value?: string | number;
  /** A word ending in `.` glued to a quoted name (`attr."retry count"`): the name. */
  readonly quotedKey?: string;
}

/** Nanoseconds per unit. `µs` is both U+00B5 (micro sign) and U+03BC (Greek mu). */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
export const UNIT_LIST = 'ns, us, µs, ms, s, m, h';

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_.\-]/;
const DIGIT = /[0-9]/;
/** What may follow a number and still be read as part of it (a unit, or a typo shown whole). */
const NUMBER_TAIL = /[A-Za-z0-9_.\-µμ]/;
const SPACE = /\s/;
const KEYWORDS: Readonly<Record<string, TokenType>> = { and: 'and', or: 'or', not: 'not' };
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number): string => source.charAt(k);
  while (i < source.length) {
    const ch = at(i);
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', text: ch, start, end: i + 1 });
      i++;
    } else if (ch === '"' || ch === "'") {
      const str = readString(source, i);
      tokens.push({ type: 'string', text: source.slice(start, str.end), start, end: str.end, value: str.value });
      i = str.end;
    } else if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(at(i + 1)))) {
      const token = readNumber(source, i);
      tokens.push(token);
      i = token.end;
    } else if (WORD_START.test(ch) || (ch === '.' && (WORD_START.test(at(i + 1)) || at(i + 1) === '"' || at(i + 1) === "'"))) {
      let end = i + 1;
      while (end < source.length && WORD_PART.test(at(end))) end++;
      const text = source.slice(start, end);
      const quote = at(end);
      if (text.endsWith('.') && (quote === '"' || quote === "'")) {
        const str = readString(source, end);
        tokens.push({ type: 'word', text: source.slice(start, str.end), start, end: str.end, quotedKey: str.value });
        i = str.end;
        continue;
      }
      const keyword = KEYWORDS[text.toLowerCase()];
      tokens.push({ type: keyword ?? 'word', text, start, end });
      i = end;
    } else {
      const two = source.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push({ type: two === '&&' ? 'and' : 'or', text: two, start, end: i + 2 });
        i += 2;
      } else if (two === '!=' || two === '!~' || two === '<=' || two === '>=' || two === '=~') {
        tokens.push({ type: 'op', text: two, start, end: i + 2 });
        i += 2;
      } else if (ch === '=' || ch === '<' || ch === '>') {
        tokens.push({ type: 'op', text: ch, start, end: i + 1 });
        i++;
      } else if (ch === '!') {
        tokens.push({ type: 'not', text: ch, start, end: i + 1 });
        i++;
      } else {
        const shown = String.fromCodePoint(source.codePointAt(i)!);
        const hint = ch === '&' ? " (did you mean '&&' or 'and'?)" : ch === '|' ? " (did you mean '||' or 'or'?)" : '';
        throw new QuerySyntaxError(source, i, `unexpected character ${describeChar(shown)}${hint}`);
      }
    }
  }
  tokens.push({ type: 'end', text: '', start: source.length, end: source.length });
  return tokens;
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/**
 * A quoted string. `\"`, `\'`, `\\`, `\n`, `\t`, `\r` are escapes; any other backslash is kept as
 * written, so a regular expression reads the same inside quotes (`"v1\.users"`).
 */
function readString(source: string, open: number): { value: string; end: number } {
  const quote = source.charAt(open);
  let value = '';
  let i = open + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\' && i + 1 < source.length) {
      const next = source.charAt(i + 1);
      const escaped = ESCAPES[next];
      value += escaped ?? `\\${next}`;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new QuerySyntaxError(source, open, `unterminated string: no closing ${quote}`);
}

function readNumber(source: string, start: number): Token {
  let i = start;
  if (source.charAt(i) === '-') i++;
  while (DIGIT.test(source.charAt(i))) i++;
  if (source.charAt(i) === '.' && DIGIT.test(source.charAt(i + 1))) {
    i++;
    while (DIGIT.test(source.charAt(i))) i++;
  }
  const numberEnd = i;
  while (i < source.length && NUMBER_TAIL.test(source.charAt(i))) i++;
  const text = source.slice(start, i);
  const value = Number(source.slice(start, numberEnd));
  const unit = source.slice(numberEnd, i);
  if (unit === '') return { type: 'number', text, start, end: i, value };
  const perUnit = DURATION_UNITS[unit];
  if (perUnit === undefined) {
    throw new QuerySyntaxError(source, start, `'${text}' is neither a number nor a duration (units: ${UNIT_LIST}); quote text values: "${text}"`);
  }
  return { type: 'duration', text, start, end: i, value: Math.round(value * perUnit) };
}
