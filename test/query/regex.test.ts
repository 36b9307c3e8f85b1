/**
 * The linear-time matcher behind `=~` and `!~`: the syntax it accepts, full-value (anchored)
 * matching, agreement with JavaScript's RegExp on random patterns, and patterns that make a
 * backtracking engine run for minutes, which end here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/query/regex-matcher.js';

const matches = (pattern: string, subject: string): boolean => compileRegex(pattern).test(subject);

describe('syntax', () => {
  it.each<[string, string, boolean]>([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'xabc', false],
    ['', '', true],
    ['', 'a', false],
    ['a.c', 'a\nc', true],
    ['a.c', 'ac', false],
    ['a*', '', true],
    ['a*', 'aaaa', true],
    ['a+', '', false],
    ['a?b', 'b', true],
    ['a?b', 'aab', false],
    ['a*?b', 'aab', true],
    ['a{2}', 'aa', true],
    ['a{2}', 'aaa', false],
    ['a{2,}', 'aaaaa', true],
    ['a{2,3}', 'a', false],
    ['a{2,3}', 'aaa', true],
    ['a{0}b', 'b', true],
    ['a{,2}', 'a{,2}', true],
    ['x{', 'x{', true],
    ['a|b|c', 'b', true],
    ['a|b|c', 'ab', false],
    ['ab|', '', true],
    ['(ab)+', 'ababab', true],
    ['(?:ab)+', 'ababa', false],
    ['(?<word>ab)c', 'abc', true],
    ['()a', 'a', true],
    ['[abc]+', 'cab', true],
    ['[^abc]', 'd', true],
    ['[^abc]', 'a', false],
    ['[a-c-]+', 'a-c', true],
    ['[-a]', '-', true],
    ['[]a]', ']a', false],
    ['[\\]]', ']', true],
    ['[\\d.]+', '3.14', true],
    ['[\\D]', '5', false],
    ['[\\w-]+', 'k8s-pod_1', true],
    ['\\d+', '503', true],
    ['\\d+', '50x', false],
    ['\\D', 'x', true],
    ['\\w+', 'user_id9', true],
    ['\\W', '-', true],
    ['a\\sb', 'a\tb', true],
    ['\\S+', 'a b', false],
    ['\\.', '.', true],
    ['\\.', 'x', false],
    ['\\/api\\/v1', '/api/v1', true],
    ['\\x41\\u0042\\u{1F600}', 'AB😀', true],
    ['\\t\\n', '\t\n', true],
    ['^abc$', 'abc', true],
    ['a^b', 'ab', false],
    ['(^a|b)c', 'ac', true],
    ['(a$|b)', 'a', true],
    ['.', '😀', true],
    ['..', '😀', false],
    ['[😀-😂]', '😁', true],
    ['µs', 'µs', true],
  ])('%j on %j → %s', (pattern, subject, expected) => {
    expect(matches(pattern, subject)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['(?i)get /api/.*', 'GET /API/users', true],
    ['(?i)[a-c]+', 'ABC', true],
    ['(?i)[A-C]+', 'abc', true],
    ['(?i)É', 'é', true],
    ['(?i)\\d', '7', true],
    ['get', 'GET', false],
  ])('case-insensitive with (?i): %j on %j → %s', (pattern, subject, expected) => {
    expect(matches(pattern, subject)).toBe(expected);
  });
});

describe('agrees with JavaScript RegExp on random patterns', () => {
  // Small patterns over {a, b}: literals, ., classes, groups, alternation, every quantifier.
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\w', 'a|b', '(a|)', '(ab|b)');
  const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?');
  const piece = fc.tuple(atom, quant).map(([a, q]) => (q !== '' && a.includes('|') ? `(${a})${q}` : a.includes('|') ? `(${a})` : `${a}${q}`));
  const pattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
  const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 8 });

  it('property: the same yes/no answer as new RegExp(`^(?:p)$`, "su")', () => {
    fc.assert(
      fc.property(pattern, subject, (p, s) => {
        expect(matches(p, s)).toBe(new RegExp(`^(?:${p})$`, 'su').test(s));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('no catastrophic patterns', () => {
  // Each of these takes a backtracking engine (JavaScript's RegExp included) seconds to forever.
  const subject = `${'a'.repeat(100_000)}!`;
  it.each(['(a+)+b', '(a*)*b', '(a|a)*b', '(a|aa)+b', '.*.*.*.*.*x', '(.*a){20}', '(\\w+\\s?)+$x'])('%s on 100,001 characters', (p) => {
    expect(matches(p, subject)).toBe(false);
  });

  it('remembers answers for repeated short subjects', () => {
    const re = compileRegex('(a|b)*c');
    expect(re.test('ababc')).toBe(true);
    expect(re.test('ababc')).toBe(true);
    expect(re.test('abab')).toBe(false);
  });
});
