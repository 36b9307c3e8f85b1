/**
 * Every error a `--where` expression can raise, with its exact message and column: parse errors
 * (parser.ts, lexer.ts, fields.ts) and type errors (compile.ts). All are usage errors (exit code 2).
 */
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, UsageError } from '../../src/errors.js';
import { QuerySyntaxError } from '../../src/query/query-error.js';
import { compileWhere } from '../../src/query/where.js';

function errorOf(q: string): QuerySyntaxError {
  try {
    compileWhere(q);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`no error for ${q}`);
}

const at = (q: string): [string, number] => {
  const e = errorOf(q);
  return [e.reason, e.column];
};

describe('the message', () => {
  it('names the column and draws a caret under the expression; a usage error, exit code 2', () => {
    const e = errorOf('duration > and error');
    expect(e.message).toBe(["--where: expected a value after '>', found 'and' at column 12", '  duration > and error', '             ^'].join('\n'));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.exitCode).toBe(EXIT_USAGE);
  });

  it('puts the caret one past the end when the expression stops too early', () => {
    expect(errorOf('duration >').message).toBe(["--where: expected a value after '>' at column 11", '  duration >', '            ^'].join('\n'));
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(at('attr.emoji = "😀😀" kind = server')).toEqual(["expected 'and' or 'or' before 'kind'", 19]);
  });

  it('shows control characters as ? so the caret stays aligned', () => {
    expect(errorOf('error\tor\u0007').message).toBe(['--where: unexpected character U+0007 at column 9', '  error?or?', '          ^'].join('\n'));
  });

  it('shows a window around the caret for a long expression', () => {
    const q = `${'root and '.repeat(20)}servce = "x"`;
    expect(errorOf(q).message).toBe(
      [
        "--where: unknown field 'servce' (did you mean 'service'?) at column 181",
        `  …${q.slice(121)}`,
        `  ${' '.repeat(60)}^`,
      ].join('\n'),
    );
  });
});

describe('parse errors', () => {
  it.each<[string, string, number]>([
    ['', 'the expression is empty', 1],
    ['   ', 'the expression is empty', 1],
    ['duration >', "expected a value after '>'", 11],
    ['duration > )', "expected a value after '>', found ')'", 12],
    ['service', "expected an operator (= != < <= > >= =~ !~) after 'service'", 8],
    ['service "x"', "expected an operator (= != < <= > >= =~ !~) after 'service', found \"x\"", 9],
    ['attr.http.status_code 500', "expected an operator (= != < <= > >= =~ !~) after 'attr.http.status_code', found '500'", 23],
    ['service == "x"', "expected a value after '=', found '='", 10],
    ['error and', "expected a condition after 'and'", 10],
    ['error or', "expected a condition after 'or'", 9],
    ['error && || root', "expected a condition after '&&', found '||'", 10],
    ['not', "expected a condition after 'not'", 4],
    ['error or ()', "expected a condition after '(', found ')'", 11],
    ['= 5', "expected a condition, found '='", 1],
    ['(error', "unclosed '(': no matching ')'", 1],
    ['((error) or (root)', "unclosed '(': no matching ')'", 1],
    ['error)', "unexpected ')' without a matching '('", 6],
    ['(error root)', "expected 'and', 'or' or ')' before 'root'", 8],
    ['error root', "expected 'and' or 'or' before 'root'", 7],
    ['service = "x" kind = server', "expected 'and' or 'or' before 'kind'", 15],
    ['depth = 1 = 2', "expected 'and' or 'or' before '='", 11],
    ['"x" = service', 'a condition starts with a field name, found "x"', 1],
    ['500 < attr.code', "a condition starts with a field name, found '500'", 1],
    ['service = "x', 'unterminated string: no closing "', 11],
    ["service = 'x", "unterminated string: no closing '", 11],
    ['attr."a b = 1', 'unterminated string: no closing "', 6],
    ['service = "x" # note', "unexpected character '#'", 15],
    ['error & root', "unexpected character '&' (did you mean '&&' or 'and'?)", 7],
    ['error | root', "unexpected character '|' (did you mean '||' or 'or'?)", 7],
    ['duration > 10sec', `'10sec' is neither a number nor a duration (units: ns, us, µs, ms, s, m, h); quote text values: "10sec"`, 12],
    ['id = 00f067aa0ba902b7', `'00f067aa0ba902b7' is neither a number nor a duration (units: ns, us, µs, ms, s, m, h); quote text values: "00f067aa0ba902b7"`, 6],
    ['depth = 1.2.3', `'1.2.3' is neither a number nor a duration (units: ns, us, µs, ms, s, m, h); quote text values: "1.2.3"`, 9],
    ['servce = "x"', "unknown field 'servce' (did you mean 'service'?)", 1],
    ['durtion > 1s', "unknown field 'durtion' (did you mean 'duration'?)", 1],
    ['atr.http.method = "GET"', "unknown field 'atr.http.method' (did you mean 'attr.http.method'?)", 1],
    ['parent.servce = "x"', "unknown field 'parent.servce' (did you mean 'parent.service'?)", 1],
    ['trace.duraton > 1s', "unknown field 'trace.duraton' (did you mean 'trace.duration'?)", 1],
    ['trace.foo = 1', "unknown field 'trace.foo' (trace fields: trace.duration, trace.id, trace.spans, trace.errors, trace.services, trace.service, trace.name)", 1],
    [
      'latency > 1s',
      "unknown field 'latency' (fields: service, name, duration, status, kind, error, root, id, depth, attr.KEY, resource.KEY, parent.FIELD, trace.FIELD)",
      1,
    ],
    ['parent.parent.service = "x"', "'parent.' takes a span field, not 'parent.'", 1],
    ['parent.trace.duration > 1s', "'parent.' takes a span field, not 'trace.'", 1],
    ['attr = 1', "expected an attribute name after 'attr.', as in attr.http.method", 1],
    ['error or attr. = 1', "expected an attribute name after 'attr.'", 10],
    ['has (error)', "expected descendant, ancestor, child or parent after 'has', found '('", 5],
    ['has sibling (error)', "expected descendant, ancestor, child or parent after 'has', found 'sibling'", 5],
    ['has', "expected descendant, ancestor, child or parent after 'has'", 4],
    ['has child error', "expected '(' after 'has child', found 'error'", 11],
    ['has child (error', "unclosed '(': no matching ')'", 11],
    ['has child (error root)', "expected 'and', 'or' or ')' before 'root'", 18],
  ])('%j', (q, reason, column) => {
    expect(at(q)).toEqual([reason, column]);
  });

  it('refuses nesting deeper than 64 levels, at the 65th', () => {
    expect(() => compileWhere(`${'('.repeat(64)}error${')'.repeat(64)}`)).not.toThrow();
    expect(at(`${'('.repeat(65)}error${')'.repeat(65)}`)).toEqual(['nested deeper than 64 levels', 65]);
    expect(at(`${'not '.repeat(65)}error`)).toEqual(['nested deeper than 64 levels', 257]);
  });

  it('refuses an expression longer than 4096 characters', () => {
    const q = `${'root or '.repeat(512)}root`;
    expect(q.length).toBe(4100);
    expect(at(q)).toEqual(['the expression is longer than 4096 characters', 4097]);
  });
});

describe('type errors', () => {
  it.each<[string, string, number]>([
    ['service = 5', "expected a quoted string after '=' ('service' is text), found 5", 11],
    ['name != true', "expected a quoted string after '!=' ('name' is text), found true", 9],
    ['service = payments', 'unknown field \'payments\' (quote text values: "payments")', 11],
    ['attr.peer.service = payments', 'unknown field \'payments\' (quote text values: "payments")', 21],
    ['depth > "3"', `expected a number after '>' ('depth' is a number), found "3"`, 9],
    ['trace.spans > 2ms', "expected a number after '>' ('trace.spans' is a number), found 2ms", 15],
    ['duration > 100', "expected a duration with a unit after '>', such as 100ms (units: ns, us, µs, ms, s, m, h), found 100", 12],
    ['trace.duration >= "1s"', `expected a duration with a unit after '>=', such as 100ms (units: ns, us, µs, ms, s, m, h), found "1s"`, 19],
    ['error = yes', "expected true or false after '=' ('error' is true or false), found yes", 9],
    ['root = "true"', `expected true or false after '=' ('root' is true or false), found "true"`, 8],
    ['error > true', "'error' can only be compared with = or !=", 7],
    ['kind >= server', "'kind' can only be compared with = or !=", 6],
    ['status < ok', "'status' can only be compared with = or !=", 8],
    ['kind = sever', "unknown kind 'sever': expected server, client, producer, consumer, internal or unspecified", 8],
    ['kind = "SERVER"', "unknown kind 'SERVER': expected server, client, producer, consumer, internal or unspecified", 8],
    ['kind = 1', "unknown kind '1': expected server, client, producer, consumer, internal or unspecified", 8],
    ['status = failed', "unknown status 'failed': expected unset, ok or error", 10],
    ['status = server', "unknown status 'server': expected unset, ok or error", 10],
    ['duration =~ "1.*"', "'=~' works on text and attributes; 'duration' is a duration", 10],
    ['kind !~ "s.*"', "'!~' works on text and attributes; 'kind' is a span kind", 6],
    ['name =~ 5', "expected a quoted regular expression after '=~', found 5", 9],
    ['name =~ GET', "expected a quoted regular expression after '=~', found GET", 9],
    ['service = nil', "only attributes and parent fields can be nil; 'service' always has a value", 11],
    ['attr.x > nil', 'nil can only be compared with = or !=', 8],
    ['attr.x > 5ms', 'attributes hold plain values: compare with a number as stored, found 5ms', 10],
    ['service = duration', "cannot compare 'service' (text) with 'duration' (a duration)", 11],
    ['duration > attr.elapsed', "cannot compare 'duration' (a duration) with 'attr.elapsed' (an attribute)", 12],
    ['kind = parent.status', "cannot compare 'kind' (a span kind) with 'parent.status' (a status)", 8],
    ['service = parent.servce', "unknown field 'parent.servce' (did you mean 'parent.service'?)", 11],
  ])('%j', (q, reason, column) => {
    expect(at(q)).toEqual([reason, column]);
  });
});

describe('regular expression errors point into the pattern', () => {
  it.each<[string, string, number]>([
    ['name =~ "(a"', "invalid regular expression: missing ')'", 10],
    ['name =~ "a)"', "invalid regular expression: unmatched ')'", 11],
    ['name =~ "[a-"', "invalid regular expression: missing ']'", 10],
    ['name =~ "[z-a]"', 'invalid regular expression: character range out of order', 12],
    ['name =~ "*a"', 'invalid regular expression: nothing to repeat', 10],
    ['name =~ "a**"', 'invalid regular expression: nothing to repeat', 12],
    ['name =~ "a{3,2}"', 'invalid regular expression: repetition counts out of order', 11],
    ['name =~ "a{1001}"', 'invalid regular expression: repetition count above 1000', 11],
    ['name =~ "(a)\\1"', 'invalid regular expression: backreferences are not supported', 13],
    ['name =~ "(?=a)b"', 'invalid regular expression: lookahead and lookbehind are not supported', 10],
    ['name =~ "(?<!a)b"', 'invalid regular expression: lookahead and lookbehind are not supported', 10],
    ['name =~ "\\bword"', 'invalid regular expression: word boundaries (\\b, \\B) are not supported', 10],
    ['name =~ "\\p{L}"', 'invalid regular expression: Unicode property classes (\\p{…}) are not supported', 10],
    ['name =~ "\\q"', 'invalid regular expression: unknown escape \\q', 10],
    ['name =~ "a(?i)b"', "invalid regular expression: '(?i)' is allowed only at the very start", 11],
    ['name =~ "(?x)b"', 'invalid regular expression: unknown group flag after (?', 10],
    ['name =~ "\\x4"', 'invalid regular expression: bad \\x escape', 10],
    ['name =~ "a\\\\"', 'invalid regular expression: pattern ends with a lone backslash', 11],
    ['name =~ "\\"(x"', "invalid regular expression: missing ')'", 12],
    ['name =~ "(?i)(x"', "invalid regular expression: missing ')'", 14],
    ['name =~ "(a{100}){200}"', 'the regular expression needs more than 10000 states', 9],
  ])('%j', (q, reason, column) => {
    expect(at(q)).toEqual([reason, column]);
  });

  it('refuses a pattern longer than 1024 characters', () => {
    expect(at(`name =~ "${'a'.repeat(1025)}"`)).toEqual(['the regular expression is longer than 1024 characters (1025)', 9]);
    expect(() => compileWhere(`name =~ "${'a'.repeat(1024)}"`)).not.toThrow();
  });
});
