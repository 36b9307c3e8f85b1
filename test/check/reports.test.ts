import { describe, expect, it } from 'vitest';
import { evaluateBudgets, type CheckResult } from '../../src/check/evaluate-budgets.js';
import { parseBudget } from '../../src/check/parse-budget.js';
import { githubAnnotations } from '../../src/render/check/github-annotations.js';
import { renderJunitXml } from '../../src/render/check/junit-xml.js';
import { renderMarkdownSummary } from '../../src/render/check/markdown-summary.js';
import { renderCheck } from '../../src/render/check/check-table.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace } from '../helpers/make-span.js';
import { elements, parseXml, textOf } from './strict-xml.js';

/*
 * t1 (at 0)    frontend GET /cart |====100====|      payments Charge (10..50, ERROR)
 * t2 (at 1000) frontend GET /cart |=========200=========|   payments Charge (1010..1030)
 * t3 (at 2000) a hostile service name, 10ms, ERROR
 */
const WEIRD = 'we|rd <svc> & "q"\u001b[31m';
function result(): CheckResult {
  const server = { kind: 'server' as const };
  const traces = [
    makeTrace([
      { traceId: '0000000000000001', id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET /cart', ...server },
      { traceId: '0000000000000001', id: '2', parent: '1', start: 10, dur: 40, service: 'payments', operation: 'Charge', status: 'error', ...server },
    ]),
    makeTrace([
      { traceId: '0000000000000002', id: '1', start: 1000, dur: 200, service: 'frontend', operation: 'GET /cart', ...server },
      { traceId: '0000000000000002', id: '2', parent: '1', start: 1010, dur: 20, service: 'payments', operation: 'Charge', ...server },
    ]),
    makeTrace([{ traceId: '0000000000000003', id: '1', start: 2000, dur: 10, service: WEIRD, operation: 'x', status: 'error', ...server }]),
  ];
  const budgets = [
    parseBudget('frontend:p99<300ms'),
    parseBudget('payments/Charge:error-rate<10%'),
    parseBudget('trace:duration<150ms', 'budgets.json: budgets[2].budget', 'no request over 150ms'),
    parseBudget('ghost:count>=1'),
    parseBudget('*:error-rate<60%'),
  ];
  return evaluateBudgets(budgets, traces);
}

describe('--junit', () => {
  it('exact XML: one test case per budget, failures with the reason and what broke the budget', () => {
    expect(renderJunitXml(result())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="tracectl check" tests="5" failures="4" errors="0">',
        '  <testsuite name="tracectl check" tests="5" failures="4" errors="0" skipped="0">',
        '    <testcase name="frontend:p99&lt;300ms" classname="tracectl check"/>',
        '    <testcase name="payments/Charge:error-rate&lt;10%" classname="tracectl check">',
        '      <failure message="error-rate is 50% for payments/Charge; the budget is &lt; 10%" type="budget">payments/Charge:error-rate&lt;10%',
        'payments/Charge: 50%</failure>',
        '    </testcase>',
        '    <testcase name="no request over 150ms" classname="tracectl check">',
        '      <failure message="worst duration is 200ms for trace 0000000000000002; the budget is &lt; 150ms; 1 of 3 traces break it" type="budget">trace:duration&lt;150ms',
        'trace 0000000000000002: 200ms</failure>',
        '    </testcase>',
        '    <testcase name="ghost:count&gt;=1" classname="tracectl check">',
        '      <failure message="no entry spans of service \'ghost\', so the budget was not checked" type="budget">ghost:count&gt;=1</failure>',
        '    </testcase>',
        '    <testcase name="*:error-rate&lt;60%" classname="tracectl check">',
        '      <failure message="worst error-rate is 100% for we|rd &lt;svc&gt; &amp; &quot;q&quot;\\x1b[31m; the budget is &lt; 60%; 1 of 3 services break it" type="budget">*:error-rate&lt;60%',
        'we|rd &lt;svc&gt; &amp; "q"\\x1b[31m: 100%</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('parses as XML and reads back: counts, names, messages, the escape character made visible', () => {
    const root = parseXml(renderJunitXml(result()));
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({ name: 'tracectl check', tests: '5', failures: '4', errors: '0' });
    const [suite] = elements(root, 'testsuite');
    const cases = elements(suite!, 'testcase');
    expect(cases.map((c) => [c.attrs.name, elements(c, 'failure').length])).toEqual([
      ['frontend:p99<300ms', 0],
      ['payments/Charge:error-rate<10%', 1],
      ['no request over 150ms', 1],
      ['ghost:count>=1', 1],
      ['*:error-rate<60%', 1],
    ]);
    const failure = elements(cases[4]!, 'failure')[0]!;
    expect(failure.attrs.message).toBe('worst error-rate is 100% for we|rd <svc> & "q"\\x1b[31m; the budget is < 60%; 1 of 3 services break it');
    expect(textOf(failure)).toBe('*:error-rate<60%\nwe|rd <svc> & "q"\\x1b[31m: 100%');
  });

  it('an all-passing check has no failure elements', () => {
    const r = evaluateBudgets([parseBudget('trace:spans>=1')], [makeTrace([{ id: '1', start: 0, dur: 1 }])]);
    expect(renderJunitXml(r)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="tracectl check" tests="1" failures="0" errors="0">',
        '  <testsuite name="tracectl check" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="trace:spans&gt;=1" classname="tracectl check"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('the test parser is strict: it rejects what a CI system would', () => {
    for (const bad of ['<a><b></a>', '<a>&</a>', '<a x="1" x="2"/>', '<a/><b/>', '<a>\u0001</a>', '<a x=1/>', '<a>', 'text', '<a x="<"/>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

describe('--markdown', () => {
  it('exact summary: heading, a row per budget, names escaped so they cannot break the table', () => {
    expect(renderMarkdownSummary(result())).toBe(
      [
        '### ❌ tracectl check: 4 of 5 budgets failed',
        '',
        '| Result | Budget | Actual | Limit | Where |',
        '| --- | --- | ---: | --- | --- |',
        '| ✅ pass | `frontend:p99<300ms` | 200ms | \\< 300ms | frontend |',
        '| ❌ **fail** | `payments/Charge:error-rate<10%` | 50% | \\< 10% | payments/Charge |',
        '| ❌ **fail** | `no request over 150ms` | 200ms | \\< 150ms | trace 0000000000000002 (1 of 3 traces fail) |',
        "| ❌ **fail** | `ghost:count>=1` | - | \\>= 1 | no entry spans of service 'ghost' |",
        '| ❌ **fail** | `*:error-rate<60%` | 100% | \\< 60% | we\\|rd \\<svc\\> \\& "q"\\\\x1b\\[31m (1 of 3 services fail) |',
        '',
        '3 traces read; services and operations measured by their entry spans.',
        '',
      ].join('\n'),
    );
  });

  it('a passing check says so in the heading; pipes and backticks inside a code span', () => {
    const r = evaluateBudgets([parseBudget('"a|b`c":count>=1')], [makeTrace([{ id: '1', start: 0, dur: 1, service: 'a|b`c', kind: 'server' }])]);
    const md = renderMarkdownSummary(r).split('\n');
    expect(md[0]).toBe('### ✅ tracectl check: the budget holds');
    expect(md[4]).toBe('| ✅ pass | ``"a\\|b`c":count>=1`` | 1 | \\>= 1 | a\\|b\\`c |');
  });
});

describe('GitHub Actions annotations', () => {
  it('one ::error per failed budget, with %, : and , encoded where the syntax needs it', () => {
    expect(githubAnnotations(result())).toEqual([
      '::error title=Budget failed%3A payments/Charge%3Aerror-rate<10%25::error-rate is 50%25 for payments/Charge; the budget is < 10%25',
      '::error title=Budget failed%3A no request over 150ms::worst duration is 200ms for trace 0000000000000002; the budget is < 150ms; 1 of 3 traces break it',
      "::error title=Budget failed%3A ghost%3Acount>=1::no entry spans of service 'ghost', so the budget was not checked",
      '::error title=Budget failed%3A *%3Aerror-rate<60%25::worst error-rate is 100%25 for we|rd <svc> & "q"\\x1b[31m; the budget is < 60%25; 1 of 3 services break it',
    ]);
  });

  it('a ::notice when every budget holds', () => {
    const r = evaluateBudgets([parseBudget('trace:spans>=1'), parseBudget('trace:depth<=1')], [makeTrace([{ id: '1', start: 0, dur: 1 }])]);
    expect(githubAnnotations(r)).toEqual(['::notice title=tracectl check::all 2 budgets hold (1 trace)']);
  });
});

describe('renderCheck', () => {
  it('exact table at 120 columns', () => {
    expect(renderCheck(result(), createTheme(0), 120)).toEqual([
      'RESULT  BUDGET                          ACTUAL  LIMIT    WHERE',
      'pass    frontend:p99<300ms               200ms  < 300ms  frontend',
      'FAIL    payments/Charge:error-rate<10%     50%  < 10%    payments/Charge',
      'FAIL    no request over 150ms            200ms  < 150ms  trace 0000000000000002 (1 of 3 traces fail)',
      "FAIL    ghost:count>=1                       -  >= 1     no entry spans of service 'ghost'",
      'FAIL    *:error-rate<60%                  100%  < 60%    we|rd <svc> & "q"\\x1b[31m (1 of 3 services fail)',
      '4 of 5 budgets failed (3 traces)',
    ]);
  });

  it('fits narrow terminals: budget and where are cut, results, values and limits stay', () => {
    for (const width of [80, 60, 50, 40]) {
      const lines = renderCheck(result(), createTheme(0), width);
      for (const line of lines) expect(cells(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines[3]).toMatch(/^FAIL\s+no.*200ms {2}< 150ms {2}/);
    }
    expect(renderCheck(result(), createTheme(0), 60)[3]).toBe('FAIL    no request over …   200ms  < 150ms  trace 000000000…');
  });
});
