/**
 * A `--where` regular expression rewritten for RE2, the engine of ClickHouse's `match()`, so a
 * pattern selects in a table exactly what it selects in a dump. The pattern is parsed as tracectl
 * parses it (regex-syntax.ts) and written back from the tree with nothing left to RE2's defaults:
 * every character and class as explicit code points (`\s` is Unicode white space here, ASCII in
 * RE2), `.` as any character including a line break, and the whole match anchored at both ends, as
 * tracectl's matcher is. Only case folding is RE2's own under `(?i)` (it folds a few characters
 * outside ASCII, such as the Kelvin sign, that tracectl's matcher does not).
 */
import { parseRegex, type RegexNode } from './regex-syntax.js';

/** The RE2 pattern that matches a whole value exactly when tracectl's matcher does. */
export function toRe2(pattern: string): string {
  const { node, ignoreCase } = parseRegex(pattern);
  return `${ignoreCase ? '(?i)' : ''}^(?:${write(node)})$`;
}

function write(node: RegexNode): string {
  switch (node.t) {
    case 'char':
      return codePoint(node.cp);
    case 'any':
      return '(?s:.)';
    case 'set': {
      if (node.ranges.length === 0) return node.negated ? '(?s:.)' : '[^\\x{0}-\\x{10FFFF}]';
      const body = node.ranges.map(([lo, hi]) => (lo === hi ? codePoint(lo) : `${codePoint(lo)}-${codePoint(hi)}`)).join('');
      return `[${node.negated ? '^' : ''}${body}]`;
    }
    case 'seq':
      // Only an alternation needs a group to stay one item of a sequence.
      return node.items.map((item) => (item.t === 'alt' ? `(?:${write(item)})` : write(item))).join('');
    case 'alt':
      return node.items.map(write).join('|');
    case 'repeat': {
      const max = node.max === Infinity ? '' : String(node.max);
      const count = node.min === node.max ? `{${node.min}}` : `{${node.min},${max}}`;
      const single = node.node.t === 'char' || node.node.t === 'set' || node.node.t === 'any';
      return `${single ? write(node.node) : `(?:${write(node.node)})`}${count}`;
    }
    case 'bol':
      return '^';
    case 'eol':
      return '$';
  }
}

function codePoint(cp: number): string {
  return `\\x{${cp.toString(16).toUpperCase()}}`;
}
