/**
 * Reads one budget expression: `TARGET:METRIC OP LIMIT`.
 *
 *   frontend:p99<300ms          service frontend, 99th percentile under 300ms
 *   payments/Charge:p95<=120ms  operation Charge of service payments
 *   *:error-rate<1%             every service (a glob: `*` is any run of characters)
 *   checkout:count>=100         at least 100 requests
 *   trace:duration<2s           every trace (also trace:spans, trace:depth)
 *
 * The target ends at the last ':' outside double quotes, so operation names may hold ':' and '/';
 * a name in double quotes is taken literally (`"trace":p99<1s` is a service called trace, `"a*"` has
 * a real asterisk). Every mistake is a BudgetSyntaxError pointing at its column: a CI log that says
 * only "bad budget" sends the reader through every expression in the job.
 *
 * Limits are read exactly from their decimal digits (0.3s is 300000000ns, not 299999999.99...), so a
 * value equal to the limit compares equal.
 */
import type { Budget, BudgetMetric, BudgetTarget, BudgetUnit, Comparison } from './budget.js';
import { BudgetSyntaxError } from './budget-syntax-error.js';

const GROUP_METRICS = ['mean', 'max', 'count', 'errors', 'error-rate', 'rate'] as const;
const TRACE_METRICS = ['duration', 'spans', 'depth'] as const;

const DURATION_UNITS: Readonly<Record<string, bigint>> = { ns: 1n, us: 1_000n, µs: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const RATE_UNITS: Readonly<Record<string, number>> = { '/s': 1, '/m': 60, '/min': 60, '/h': 3600 };

export function parseBudget(expression: string, where = '--budget', name?: string): Budget {
  const source = expression.trim();
  const fail = (offset: number, reason: string): never => {
    throw new BudgetSyntaxError(where, source, offset, reason);
  };
  if (source === '') fail(0, 'empty budget (expected e.g. frontend:p99<300ms)');

  const colon = lastColonOutsideQuotes(source, fail);
  if (colon < 0) fail(0, "no ':' between the target and the metric (expected e.g. frontend:p99<300ms)");

  const target = parseTarget(source, colon, fail);
  const rest = new Cursor(source, colon + 1);

  rest.skipSpaces();
  const metricStart = rest.pos;
  const word = rest.take(/[A-Za-z0-9.\-]/);
  if (word === '') fail(metricStart, `missing metric after ':' (${target.kind === 'trace' ? 'duration, spans or depth' : 'pN such as p99, mean, max, count, errors, error-rate or rate'})`);
  const { metric, percentile, unit } = readMetric(word.toLowerCase(), target, metricStart, fail);

  rest.skipSpaces();
  const opStart = rest.pos;
  const comparison = readComparison(rest);
  if (comparison === undefined) {
    const found = rest.take(/[=!<>~]/);
    fail(opStart, found === '' ? `expected <, <=, > or >= after '${word}'` : `'${found}' is not a comparison: expected <, <=, > or >=`);
  }
  rest.skipSpaces();
  const numberStart = rest.pos;
  const digits = rest.takeNumber();
  if (digits === '') fail(numberStart, `expected a number after '${comparison!}'`);
  const numberEnd = rest.pos;
  rest.skipSpaces();
  const unitStart = rest.pos;
  const unitText = rest.take(/[^\s]/);
  rest.skipSpaces();
  if (!rest.atEnd()) fail(rest.pos, `unexpected '${source.slice(rest.pos)}' after the limit`);

  const limit = readLimit(metric, unit, digits, unitText, numberEnd, unitStart, fail);
  return {
    expression: source,
    ...(name !== undefined ? { name } : {}),
    target,
    targetText: source.slice(0, colon).trim(),
    metric,
    ...(percentile !== undefined ? { percentile } : {}),
    comparison: comparison!,
    limit,
    unit,
    limitText: `${digits}${unitText}`,
  };
}

type Fail = (offset: number, reason: string) => never;

/** A position in the expression that only moves forward. */
class Cursor {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  /** Characters matching `char` from here on. */
  take(char: RegExp): string {
    const start = this.pos;
    while (this.pos < this.text.length && char.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Digits, optionally with one decimal point followed by digits: "300", "0.5", "99.9". */
  takeNumber(): string {
    const m = /^\d+(?:\.\d+)?/.exec(this.text.slice(this.pos));
    if (m === null) return '';
    this.pos += m[0].length;
    return m[0];
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
}

/** The index of the last ':' outside double quotes, or -1. */
function lastColonOutsideQuotes(source: string, fail: Fail): number {
  let colon = -1;
  let quoteStart = -1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoteStart >= 0) {
      if (ch === '\\') i++;
      else if (ch === '"') quoteStart = -1;
    } else if (ch === '"') quoteStart = i;
    else if (ch === ':') colon = i;
  }
  if (quoteStart >= 0) fail(quoteStart, 'unterminated quote');
  return colon;
}

/**
 * `trace`, `SERVICE` or `SERVICE/OPERATION`: names bare (a glob, trimmed; the operation runs to the
 * ':' and may hold '/') or in double quotes (literal; `\"` and `\\` escape). Patterns keep a literal
 * '*' or '\' escaped with '\' so glob-match.ts can tell them from wildcards.
 */
function parseTarget(source: string, colon: number, fail: Fail): BudgetTarget {
  const text = source.slice(0, colon);
  if (text.trim() === '') fail(colon, "missing target before ':' (a service, SERVICE/OPERATION, * or trace)");
  if (text.trim() === 'trace') return { kind: 'trace' };
  const cur = new Cursor(source.slice(0, colon), 0);
  const service = readName(cur, true, fail, 'service');
  if (cur.atEnd()) return { kind: 'service', service };
  // readName stopped at a '/'.
  cur.pos++;
  const operation = readName(cur, false, fail, 'operation');
  return { kind: 'operation', service, operation };
}

/** One name as a glob pattern; a bare service name stops at '/', a bare operation runs to the end. */
function readName(cur: Cursor, stopAtSlash: boolean, fail: Fail, what: string): string {
  cur.skipSpaces();
  const start = cur.pos;
  if (cur.startsWith('"')) {
    let pattern = '';
    cur.pos++;
    for (;;) {
      if (cur.atEnd()) fail(start, 'unterminated quote');
      const ch = cur.text[cur.pos]!;
      cur.pos++;
      if (ch === '"') break;
      const literal = ch === '\\' ? cur.text[cur.pos++]! : ch;
      pattern += literal === '*' || literal === '\\' ? `\\${literal}` : literal;
    }
    if (pattern === '') fail(start, `empty ${what} name`);
    cur.skipSpaces();
    if (!cur.atEnd() && !(stopAtSlash && cur.startsWith('/'))) {
      fail(cur.pos, stopAtSlash ? "expected '/' or ':' after the quoted service name" : "expected ':' after the quoted operation name");
    }
    return pattern;
  }
  const bare = stopAtSlash ? cur.take(/[^/]/) : cur.take(/[\s\S]/);
  const name = bare.trim();
  if (name === '') fail(start, what === 'service' ? "missing service name before '/'" : "missing operation name after '/'");
  return name.replace(/\\/g, '\\\\');
}

function readMetric(
  word: string,
  target: BudgetTarget,
  at: number,
  fail: Fail,
): { metric: BudgetMetric; percentile?: number; unit: BudgetUnit } {
  const isTrace = target.kind === 'trace';
  const p = /^p(\d+(?:\.\d+)?)$/.exec(word);
  if (p !== null) {
    const percentile = Number(p[1]);
    if (!(percentile > 0 && percentile <= 100)) fail(at, `a percentile is above 0 and at most 100, got ${word}`);
    if (isTrace) fail(at, `'${word}' is not a trace metric: trace budgets take duration, spans or depth (each trace); use SERVICE:${word} for a service`);
    return { metric: `p${percentile}`, percentile, unit: 'ms' };
  }
  if ((TRACE_METRICS as readonly string[]).includes(word)) {
    if (!isTrace) fail(at, `'${word}' is a metric of each trace: write trace:${word} (a service takes pN, mean, max, count, errors, error-rate or rate)`);
    return { metric: word as BudgetMetric, unit: word === 'duration' ? 'ms' : 'count' };
  }
  if ((GROUP_METRICS as readonly string[]).includes(word)) {
    if (isTrace) fail(at, `'${word}' is not a trace metric: trace budgets take duration, spans or depth (each trace)`);
    const unit: BudgetUnit = word === 'mean' || word === 'max' ? 'ms' : word === 'error-rate' ? 'ratio' : word === 'rate' ? 'per-second' : 'count';
    return { metric: word as BudgetMetric, unit };
  }
  return fail(
    at,
    isTrace
      ? `unknown metric '${word}' (a trace takes duration, spans or depth)`
      : `unknown metric '${word}' (expected pN such as p99, mean, max, count, errors, error-rate or rate)`,
  );
}

function readComparison(cur: Cursor): Comparison | undefined {
  for (const op of ['<=', '>=', '<', '>'] as const) {
    if (cur.startsWith(op) && !(op.length === 1 && /[=<>]/.test(cur.text[cur.pos + 1] ?? ''))) {
      cur.pos += op.length;
      return op;
    }
  }
  return undefined;
}

/** The limit in the metric's unit, checked against what the metric can be. */
function readLimit(metric: BudgetMetric, unit: BudgetUnit, digits: string, unitText: string, numberEnd: number, unitStart: number, fail: Fail): number {
  switch (unit) {
    case 'ms': {
      if (unitText === '') fail(numberEnd, 'a duration needs a unit: ns, us, ms, s, m or h (e.g. 300ms)');
      const perUnit = DURATION_UNITS[unitText];
      if (perUnit === undefined) fail(unitStart, `unknown duration unit '${unitText}' (expected ns, us, ms, s, m or h)`);
      return exactNanos(digits, perUnit!) / 1e6;
    }
    case 'count': {
      if (unitText !== '') fail(unitStart, `${metric} is a plain number: no unit ('${unitText}')`);
      if (digits.includes('.')) fail(numberEnd - digits.length, `${metric} is a whole number, got ${digits}`);
      return Number(digits);
    }
    case 'ratio': {
      const value = Number(digits);
      if (unitText === '%') {
        if (value > 100) fail(numberEnd - digits.length, `an error rate is at most 100%, got ${digits}%`);
        return exactPercent(digits);
      }
      if (unitText !== '') fail(unitStart, `an error rate is a percentage (1%) or a fraction (0.01), not '${unitText}'`);
      if (value > 1) fail(numberEnd - digits.length, `an error rate without '%' is a fraction from 0 to 1, got ${digits} (did you mean ${digits}%?)`);
      return value;
    }
    case 'per-second': {
      if (unitText === '') return Number(digits);
      const per = RATE_UNITS[unitText];
      if (per === undefined) fail(unitStart, `unknown rate unit '${unitText}' (expected /s, /min or /h)`);
      return Number(digits) / per!;
    }
  }
}

/** "0.3" × 1e9 ns as exact decimal arithmetic; a fraction of a nanosecond stays fractional. */
function exactNanos(digits: string, perUnit: bigint): number {
  const [whole, fraction = ''] = digits.split('.');
  const scaled = BigInt(`${whole}${fraction}`) * perUnit;
  const divisor = 10n ** BigInt(fraction.length);
  return scaled % divisor === 0n ? Number(scaled / divisor) : Number(scaled) / Number(divisor);
}

/** A percentage as a fraction, read from the digits: 1.1% is 0.011, where 1.1 / 100 is 0.011000000000000001. */
function exactPercent(digits: string): number {
  return Number(`${digits}e-2`);
}
