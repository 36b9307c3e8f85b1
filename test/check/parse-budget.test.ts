import { describe, expect, it } from 'vitest';
import { BudgetSyntaxError } from '../../src/check/budget-syntax-error.js';
import { parseBudget } from '../../src/check/parse-budget.js';
import { globMatcher } from '../../src/check/glob-match.js';

describe('parseBudget: the examples of the issue', () => {
  it.each([
    ['frontend:p99<300ms', { target: { kind: 'service', service: 'frontend' }, metric: 'p99', percentile: 99, comparison: '<', limit: 300, unit: 'ms', limitText: '300ms' }],
    ['payments/Charge:p95<=120ms', { target: { kind: 'operation', service: 'payments', operation: 'Charge' }, metric: 'p95', percentile: 95, comparison: '<=', limit: 120, unit: 'ms', limitText: '120ms' }],
    ['*:error-rate<1%', { target: { kind: 'service', service: '*' }, metric: 'error-rate', comparison: '<', limit: 0.01, unit: 'ratio', limitText: '1%' }],
    ['checkout:count>=100', { target: { kind: 'service', service: 'checkout' }, metric: 'count', comparison: '>=', limit: 100, unit: 'count', limitText: '100' }],
    ['trace:duration<2s', { target: { kind: 'trace' }, metric: 'duration', comparison: '<', limit: 2000, unit: 'ms', limitText: '2s' }],
    ['trace:spans<5000', { target: { kind: 'trace' }, metric: 'spans', comparison: '<', limit: 5000, unit: 'count', limitText: '5000' }],
    ['trace:depth<30', { target: { kind: 'trace' }, metric: 'depth', comparison: '<', limit: 30, unit: 'count', limitText: '30' }],
  ])('%s', (expr, expected) => {
    expect(parseBudget(expr)).toMatchObject({ expression: expr, ...expected });
  });
});

describe('parseBudget: limits, units and names', () => {
  it('reads decimal limits exactly: 0.3s is 300ms, 1.1% is 0.011, 1us is 0.001ms', () => {
    // In doubles 0.3 * 1000 = 300.00000000000006 and 1.1 / 100 = 0.011000000000000001.
    expect(parseBudget('a:p99<0.3s').limit).toBe(300);
    expect(parseBudget('a:error-rate<1.1%').limit).toBe(0.011);
    expect(parseBudget('a:mean>1us').limit).toBe(0.001);
    expect(parseBudget('a:max<=1.5µs').limit).toBe(0.0015);
    expect(parseBudget('a:p50<2m').limit).toBe(120_000);
    expect(parseBudget('a:p50<1h').limit).toBe(3_600_000);
    expect(parseBudget('a:p50<250ns').limit).toBe(0.00025);
  });

  it('error rates as a percentage or a fraction; rates per second, minute or hour', () => {
    expect(parseBudget('a:error-rate<=0.05').limit).toBe(0.05);
    expect(parseBudget('a:rate>=10').limit).toBe(10);
    expect(parseBudget('a:rate>=10/s').limit).toBe(10);
    expect(parseBudget('a:rate>=120/min').limit).toBe(2);
    expect(parseBudget('a:rate>=7200/h').limit).toBe(2);
  });

  it('any percentile, case-insensitive metric, spaces around the parts, normalized limit text', () => {
    expect(parseBudget(' payments/Charge : P99.9 <= 120 ms ')).toMatchObject({
      expression: 'payments/Charge : P99.9 <= 120 ms',
      targetText: 'payments/Charge',
      metric: 'p99.9',
      percentile: 99.9,
      limitText: '120ms',
    });
  });

  it('the target ends at the last colon: operation names may hold ":" and "/"', () => {
    expect(parseBudget('frontend/GET /api/v1:items:p50<1.5ms').target).toEqual({ kind: 'operation', service: 'frontend', operation: 'GET /api/v1:items' });
  });

  it('quoted names are literal: "trace" is a service, a quoted * is an asterisk', () => {
    expect(parseBudget('"trace":p99<1s').target).toEqual({ kind: 'service', service: 'trace' });
    const b = parseBudget('"a*b"/"x\\"y":max<1h');
    expect(b.target).toEqual({ kind: 'operation', service: 'a\\*b', operation: 'x"y' });
    const service = (b.target as { service: string }).service;
    expect(globMatcher(service)('a*b')).toBe(true);
    expect(globMatcher(service)('axxb')).toBe(false);
  });

  it('a budgets-file name is kept', () => {
    expect(parseBudget('a:p99<1s', 'budgets.json: budgets[0].budget', 'fast').name).toBe('fast');
  });
});

describe('globMatcher', () => {
  it('* is any run of characters, the rest is literal (regex characters too)', () => {
    const m = globMatcher('pay*.v1(x)');
    expect(['pay.v1(x)', 'payments.v1(x)'].map(m)).toEqual([true, true]);
    expect(['paymentsXv1(x)', 'pay.v1(x)!'].map(m)).toEqual([false, false]);
    expect(globMatcher('*')('')).toBe(true);
    expect(globMatcher('GET /a')('GET /a')).toBe(true);
    expect(globMatcher('a*')('a\nb')).toBe(true);
  });
});

describe('parseBudget: mistakes point at their column', () => {
  const message = (expr: string, where?: string): string => {
    try {
      parseBudget(expr, where);
    } catch (err) {
      expect(err).toBeInstanceOf(BudgetSyntaxError);
      expect((err as BudgetSyntaxError).exitCode).toBe(2);
      return (err as Error).message;
    }
    throw new Error(`no error for ${expr}`);
  };

  it.each([
    ['frontend', "no ':' between the target and the metric (expected e.g. frontend:p99<300ms) at column 1", '^'],
    [':p99<1s', "missing target before ':' (a service, SERVICE/OPERATION, * or trace) at column 1", '^'],
    ['frontend:', "missing metric after ':' (pN such as p99, mean, max, count, errors, error-rate or rate) at column 10", '         ^'],
    ['frontend:latency<1s', "unknown metric 'latency' (expected pN such as p99, mean, max, count, errors, error-rate or rate) at column 10", '         ^'],
    ['frontend:p0<1s', 'a percentile is above 0 and at most 100, got p0 at column 10', '         ^'],
    ['frontend:p101<1s', 'a percentile is above 0 and at most 100, got p101 at column 10', '         ^'],
    ['trace:p99<1s', "'p99' is not a trace metric: trace budgets take duration, spans or depth (each trace); use SERVICE:p99 for a service at column 7", '      ^'],
    ['trace:mean<1s', "'mean' is not a trace metric: trace budgets take duration, spans or depth (each trace) at column 7", '      ^'],
    ['frontend:duration<1s', "'duration' is a metric of each trace: write trace:duration (a service takes pN, mean, max, count, errors, error-rate or rate) at column 10", '         ^'],
    ['frontend:p99', "expected <, <=, > or >= after 'p99' at column 13", '            ^'],
    ['frontend:p99=<1s', "'=<' is not a comparison: expected <, <=, > or >= at column 13", '            ^'],
    ['frontend:p99==1s', "'==' is not a comparison: expected <, <=, > or >= at column 13", '            ^'],
    ['frontend:p99<', "expected a number after '<' at column 14", '             ^'],
    ['frontend:p99<-1s', "expected a number after '<' at column 14", '             ^'],
    ['frontend:p99<300', 'a duration needs a unit: ns, us, ms, s, m or h (e.g. 300ms) at column 17', '                ^'],
    ['frontend:p99<300sec', "unknown duration unit 'sec' (expected ns, us, ms, s, m or h) at column 17", '                ^'],
    ['frontend:count>=1.5', 'count is a whole number, got 1.5 at column 17', '                ^'],
    ['frontend:count>=10ms', "count is a plain number: no unit ('ms') at column 19", '                  ^'],
    ['frontend:error-rate<101%', 'an error rate is at most 100%, got 101% at column 21', '                    ^'],
    ['frontend:error-rate<5', "an error rate without '%' is a fraction from 0 to 1, got 5 (did you mean 5%?) at column 21", '                    ^'],
    ['frontend:rate>5/day', "unknown rate unit '/day' (expected /s, /min or /h) at column 16", '               ^'],
    ['frontend:p99<1s extra', "unexpected 'extra' after the limit at column 17", '                ^'],
    ['"front:p99<1s', 'unterminated quote at column 1', '^'],
    ['/x:p99<1s', "missing service name before '/' at column 1", '^'],
    ['a/:p99<1s', "missing operation name after '/' at column 3", '  ^'],
    ['"a" b:p99<1s', "expected '/' or ':' after the quoted service name at column 5", '    ^'],
  ])('%s', (expr, reason, caret) => {
    expect(message(expr)).toBe(`--budget: ${reason}\n  ${expr}\n  ${caret}`);
  });

  it('names where the budget came from; columns count characters, not UTF-16 units', () => {
    expect(message('')).toBe('--budget: empty budget (expected e.g. frontend:p99<300ms) at column 1\n  \n  ^');
    // 😀 is two UTF-16 units but one character: 'x' is the 11th character.
    expect(message('😀svc:p99<1x', 'budgets.json: budgets[3]')).toBe(
      "budgets.json: budgets[3]: unknown duration unit 'x' (expected ns, us, ms, s, m or h) at column 11\n  😀svc:p99<1x\n            ^",
    );
  });

  it('control characters in the echo are shown as ? (the caret stays aligned)', () => {
    expect(message('a\u001b[31m:p99<1')).toBe(`--budget: a duration needs a unit: ns, us, ms, s, m or h (e.g. 300ms) at column 13\n  a?[31m:p99<1\n  ${' '.repeat(12)}^`);
  });
});
