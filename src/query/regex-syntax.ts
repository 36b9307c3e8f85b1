/**
 * Parses the regular expressions of `=~` and `!~` into a small tree for the linear-time matcher.
 *
 * Why not JavaScript's RegExp: it backtracks, so `(a+)+b` or even `.*.*.*x` can run for minutes on
 * one long attribute value. The accepted syntax is the RE2 subset TraceQL users know (Tempo uses
 * Go's RE2 regexps): literals, `.`, classes `[a-z]` `[^…]` `\d \w \s` (and negations), groups
 * `(…)` `(?:…)` `(?<name>…)`, alternation `|`, repetition `* + ? {n} {n,} {n,m}` (a trailing `?`
 * for laziness is accepted and changes nothing for a yes/no match), anchors `^ $`, and a leading
 * `(?i)` for case-insensitive matching. Backreferences, lookaround and `\b` are refused with a
 * message, as RE2 refuses them: they cannot be matched in linear time.
 */

export type RegexNode =
  | { readonly t: 'char'; readonly cp: number }
  | { readonly t: 'any' }
  /** Sorted, merged, inclusive code point ranges. */
  | { readonly t: 'set'; readonly ranges: readonly (readonly [number, number])[]; readonly negated: boolean }
  | { readonly t: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly t: 'alt'; readonly items: readonly RegexNode[] }
  | { readonly t: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number }
  | { readonly t: 'bol' }
  | { readonly t: 'eol' };

export interface ParsedRegex {
  readonly node: RegexNode;
  readonly ignoreCase: boolean;
}

/** A problem in the pattern; `index` counts code points from the pattern's start. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/** Largest count allowed in `{n,m}`. */
const MAX_REPEAT = 1000;
const MAX_CODE_POINT = 0x10ffff;

const DIGITS: readonly (readonly [number, number])[] = [[0x30, 0x39]];
const WORD: readonly (readonly [number, number])[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const CLASS_ESCAPES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD,
  W: complement(WORD),
  s: SPACES,
  S: complement(SPACES),
};
const CHAR_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

export function parseRegex(pattern: string): ParsedRegex {
  let cps = [...pattern].map((ch) => ch.codePointAt(0)!);
  let offset = 0;
  let ignoreCase = false;
  if (pattern.startsWith('(?i)')) {
    ignoreCase = true;
    cps = cps.slice(4);
    offset = 4;
  }
  const parser = new RegexParser(cps, offset);
  return { node: parser.parse(), ignoreCase };
}

class RegexParser {
  private i = 0;

  constructor(
    private readonly cps: readonly number[],
    private readonly offset: number,
  ) {}

  parse(): RegexNode {
    const node = this.parseAlt();
    if (this.i < this.cps.length) this.fail("unmatched ')'");
    return node;
  }

  private parseAlt(): RegexNode {
    const items = [this.parseSeq()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.parseSeq());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private parseSeq(): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.cps.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.parseAtom();
      items.push(this.parseQuantifier(atom));
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private parseQuantifier(atom: RegexNode): RegexNode {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i++;
      min = ch === '+' ? 1 : 0;
      max = ch === '?' ? 1 : Infinity;
    } else if (ch === '{' && this.braceQuantifierAhead()) {
      const start = this.i;
      this.i++;
      min = this.readInt();
      max = min;
      if (this.peek() === ',') {
        this.i++;
        max = this.peek() === '}' ? Infinity : this.readInt();
      }
      this.i++; // '}'
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`repetition count above ${MAX_REPEAT}`, start);
      if (max < min) this.fail('repetition counts out of order', start);
    } else {
      return atom;
    }
    if (this.peek() === '?') this.i++; // lazy: same yes/no answer
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || (next === '{' && this.braceQuantifierAhead())) this.fail('nothing to repeat');
    if (atom.t === 'bol' || atom.t === 'eol') this.fail('nothing to repeat', this.i - 1);
    return { t: 'repeat', node: atom, min, max };
  }

  /** `{2}`, `{2,}` or `{2,5}` starts here; anything else is a literal `{`, as in JavaScript. */
  private braceQuantifierAhead(): boolean {
    let j = this.i + 1;
    const digitAt = (k: number): boolean => k < this.cps.length && this.cps[k]! >= 0x30 && this.cps[k]! <= 0x39;
    if (!digitAt(j)) return false;
    while (digitAt(j)) j++;
    if (this.cps[j] === 0x2c) {
      j++;
      while (digitAt(j)) j++;
    }
    return this.cps[j] === 0x7d;
  }

  private readInt(): number {
    let n = 0;
    while (this.i < this.cps.length && this.cps[this.i]! >= 0x30 && this.cps[this.i]! <= 0x39) {
      n = Math.min(n * 10 + (this.cps[this.i]! - 0x30), MAX_REPEAT + 1);
      this.i++;
    }
    return n;
  }

  private parseAtom(): RegexNode {
    const start = this.i;
    const ch = this.peek();
    this.i++;
    switch (ch) {
      case '(':
        return this.parseGroup(start);
      case '[':
        return this.parseSet(start);
      case '.':
        return { t: 'any' };
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '\\':
        return this.parseEscape(false);
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat', start);
      case '{':
        this.i--;
        if (this.braceQuantifierAhead()) this.fail('nothing to repeat');
        this.i++;
        return { t: 'char', cp: 0x7b };
      default:
        return { t: 'char', cp: this.cps[start]! };
    }
  }

  private parseGroup(start: number): RegexNode {
    if (this.peek() === '?') {
      const kind = this.text(this.i, this.i + 3);
      if (kind.startsWith('?:')) this.i += 2;
      else if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) this.fail('lookahead and lookbehind are not supported', start);
      else if (kind.startsWith('?<')) {
        this.i += 2;
        while (this.i < this.cps.length && this.peek() !== '>') this.i++;
        if (this.i >= this.cps.length) this.fail('unterminated group name', start);
        this.i++;
      } else if (kind.startsWith('?i)')) this.fail("'(?i)' is allowed only at the very start", start);
      else this.fail('unknown group flag after (?', start);
    }
    const inner = this.parseAlt();
    if (this.peek() !== ')') this.fail("missing ')'", start);
    this.i++;
    return inner;
  }

  private parseSet(start: number): RegexNode {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const ranges: (readonly [number, number])[] = [];
    while (this.peek() !== ']') {
      if (this.i >= this.cps.length) this.fail("missing ']'", start);
      const lo = this.setItem();
      if (typeof lo !== 'number') {
        ranges.push(...lo);
        continue;
      }
      if (this.peek() === '-' && this.i + 1 < this.cps.length && this.cps[this.i + 1] !== 0x5d) {
        const dash = this.i;
        this.i++;
        const hi = this.setItem();
        if (typeof hi !== 'number') {
          ranges.push([lo, lo], [0x2d, 0x2d], ...hi);
          continue;
        }
        if (hi < lo) this.fail('character range out of order', dash);
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    this.i++;
    return { t: 'set', ranges: merge(ranges), negated };
  }

  /** One member of a class: a code point, or the ranges of `\d`-style escapes. */
  private setItem(): number | (readonly [number, number])[] {
    const cp = this.cps[this.i]!;
    this.i++;
    if (cp !== 0x5c) return cp;
    if (this.peek() === 'b') {
      this.i++;
      return 8; // backspace inside a class, as in JavaScript
    }
    const node = this.parseEscape(true);
    return node.t === 'char' ? node.cp : node.t === 'set' ? [...node.ranges] : [];
  }

  private parseEscape(inSet: boolean): RegexNode {
    const start = this.i - 1;
    if (this.i >= this.cps.length) this.fail('pattern ends with a lone backslash', start);
    const ch = this.peek();
    this.i++;
    const cls = CLASS_ESCAPES[ch];
    if (cls !== undefined) return { t: 'set', ranges: cls, negated: false };
    const simple = CHAR_ESCAPES[ch];
    if (simple !== undefined && !(ch === '0' && /[0-9]/.test(this.peek()))) return { t: 'char', cp: simple };
    if (ch === 'x') return { t: 'char', cp: this.hex(2, start) };
    if (ch === 'u') {
      if (this.peek() === '{') {
        this.i++;
        const close = this.cps.indexOf(0x7d, this.i);
        if (close < 0) this.fail('bad \\u{…} escape', start);
        const cp = parseInt(this.text(this.i, close), 16);
        if (!/^[0-9a-fA-F]{1,6}$/.test(this.text(this.i, close)) || cp > MAX_CODE_POINT) this.fail('bad \\u{…} escape', start);
        this.i = close + 1;
        return { t: 'char', cp };
      }
      return { t: 'char', cp: this.hex(4, start) };
    }
    if (/[1-9]/.test(ch) || ch === 'k') this.fail('backreferences are not supported', start);
    if ((ch === 'b' || ch === 'B') && !inSet) this.fail('word boundaries (\\b, \\B) are not supported', start);
    if (ch === 'p' || ch === 'P') this.fail('Unicode property classes (\\p{…}) are not supported', start);
    if (/[A-Za-z0-9]/.test(ch)) this.fail(`unknown escape \\${ch}`, start);
    return { t: 'char', cp: this.cps[this.i - 1]! };
  }

  private hex(digits: number, start: number): number {
    const text = this.text(this.i, this.i + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) this.fail(`bad \\${digits === 2 ? 'x' : 'u'} escape`, start);
    this.i += digits;
    return parseInt(text, 16);
  }

  private text(from: number, to: number): string {
    return String.fromCodePoint(...this.cps.slice(from, Math.min(to, this.cps.length)));
  }

  private peek(): string {
    const cp = this.cps[this.i];
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private fail(message: string, at: number = this.i): never {
    throw new RegexSyntaxError(message, at + this.offset);
  }
}

/** Sorts and joins overlapping or touching ranges. */
function merge(ranges: (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
