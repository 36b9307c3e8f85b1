/**
 * `--where` text for what `why` finds, so a finding can be pasted into `tracectl waterfall --where`
 * or `tracectl latency --where` and select exactly the spans it counted: keys quoted when the
 * language needs it, strings escaped the way its lexer unescapes them, numbers in the plain decimal
 * form it reads, durations with a unit.
 */
import type { Expr } from '../../query/ast.js';
import { parseWhere } from '../../query/parser.js';
import type { AttrScope } from './why-result.js';

const PLAIN_KEY = /^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A string literal: `"` and `\` escaped, and the control characters the lexer has escapes for. */
function stringLiteral(text: string): string {
  return `"${text.replace(/[\\"\n\t\r]/g, (ch) => (ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : ch === '\r' ? '\\r' : `\\${ch}`))}"`;
}

/** The field reference for an attribute key or a span field. */
export function fieldText(scope: AttrScope, key: string): string {
  if (scope === 'intrinsic') return key === 'operation' ? 'name' : key;
  const prefix = scope === 'resource' ? 'resource.' : 'attr.';
  return PLAIN_KEY.test(key) ? `${prefix}${key}` : `${prefix}${stringLiteral(key)}`;
}

/** A value literal: numbers as numbers when the lexer reads them back exactly, booleans as words. */
export function valueLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && PLAIN_NUMBER.test(String(value))) return String(value);
  return stringLiteral(String(value));
}

/** A duration literal with the largest unit that keeps it short and exact: 412ms, 1.23s, 12.3us, 250ns. */
export function durationLiteral(ns: number): string {
  const units: readonly [number, string][] = [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'us'],
  ];
  for (const [size, unit] of units) {
    if (ns < size) continue;
    const text = trimDecimal((ns / size).toFixed(9));
    // The lexer rounds value × unit to whole ns: only a text that reads back as ns will do.
    if (Math.round(Number(text) * size) === ns) return `${text}${unit}`;
  }
  return `${Math.round(ns)}ns`;
}

function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** `a and b`, with parentheses only where the language needs them. */
export function andWhere(a: string, b: string): string {
  return `${wrapOr(a)} and ${wrapOr(b)}`;
}

/** `not (a)`: parenthesized even where the language would not need it, for the reader. */
export function notWhere(a: string): string {
  return `not (${a})`;
}

function wrapOr(text: string): string {
  const root = rootOf(text);
  return root === undefined || root.type === 'or' ? `(${text})` : text;
}

function rootOf(text: string): Expr | undefined {
  try {
    return parseWhere(text);
  } catch {
    return undefined;
  }
}
