/**
 * The pages of `tracectl diff --html` and `tracectl check --html`: the commands' JSON results as
 * tables, headed by the verdict (regressions, budgets failed) in words as well as colour.
 */
import type { BudgetSubject, CheckResult } from '../../src/check/evaluate-budgets.js';
import type { DumpDiff } from '../../src/diff/diff-dumps.js';
import type { SpanChange, StatusChange, SubtreeChange, TraceDiff } from '../../src/diff/diff-traces.js';
import type { CheckDocument, DiffDocument } from '../../src/report/report-data.js';
import { h, type Child } from './dom.js';
import { fmtCount, fmtMs, fmtPercent } from './format.js';
import { metaLines } from './summary-view.js';
import { count, ms, num, table, type Cell } from './tables.js';

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...children);
}

function signed(value: number | null, text: (v: number) => string): Cell {
  if (value === null) return num(null, '–');
  return num(value, `${value > 0 ? '+' : ''}${text(value)}`);
}

function pValue(p: number): Cell {
  return num(p, p < 0.0001 ? p.toExponential(1) : p.toFixed(4));
}

function dumpDiff(d: DumpDiff): HTMLElement[] {
  const verdict = d.regressions > 0 ? `${fmtCount(d.regressions)} ${d.regressions === 1 ? 'operation regressed' : 'operations regressed'}` : 'No regression';
  return [
    h('p', { class: `banner ${d.regressions > 0 ? 'fail' : 'pass'}`, id: 'verdict', 'data-regressions': d.regressions }, verdict),
    h(
      'p',
      { class: 'note' },
      `Base: ${fmtCount(d.base.traces)} traces, ${fmtCount(d.base.operations)} operations. Head: ${fmtCount(d.head.traces)} traces, ${fmtCount(d.head.operations)} operations. ${d.spans === 'entry' ? 'Entry spans' : 'Every span'}; significance at ${d.alpha} after Holm's correction.${d.hidden > 0 ? ` ${fmtCount(d.hidden)} operations under the threshold are not shown.` : ''}`,
    ),
    section(
      'operations',
      'Operations in both',
      d.operations.length === 0
        ? h('p', null, 'None.')
        : table(
            ['Service', 'Operation', num(null, 'Base n'), num(null, 'Head n'), num(null, 'p50 base'), num(null, 'p50 head'), num(null, 'p99 base'), num(null, 'p99 head'), num(null, 'Latency'), num(null, 'p (latency)'), num(null, 'Error rate'), num(null, 'Δ errors'), num(null, 'p (errors)'), 'Verdict'],
            d.operations.map((o) => [
              o.service,
              o.operation,
              count(o.base.count),
              count(o.head.count),
              ms(o.base.p50Ms),
              ms(o.head.p50Ms),
              ms(o.base.p99Ms),
              ms(o.head.p99Ms),
              signed(o.latencyChange, (v) => fmtPercent(v)),
              pValue(o.latency.pValue),
              num(o.head.errorRate, `${fmtPercent(o.base.errorRate)} → ${fmtPercent(o.head.errorRate)}`),
              signed(o.errorRateDelta, (v) => `${(v * 100).toFixed(1)} pt`),
              pValue(o.errorRate.pValue),
              { content: o.regression ? 'regression' : o.latency.significant || o.errorRate.significant ? 'significant change' : '', className: o.regression ? 'fail' : '' },
            ]),
            { id: 'diff-operations' },
          ),
    ),
    section(
      'appeared',
      'Only in head',
      d.appeared.length === 0 ? h('p', null, 'None.') : table(['Service', 'Operation', num(null, 'Count'), num(null, 'Errors'), num(null, 'p50'), num(null, 'p99')], d.appeared.map((o) => [o.service, o.operation, count(o.count), count(o.errors), ms(o.p50Ms), ms(o.p99Ms)])),
    ),
    section(
      'disappeared',
      'Only in base',
      d.disappeared.length === 0 ? h('p', null, 'None.') : table(['Service', 'Operation', num(null, 'Count'), num(null, 'Errors'), num(null, 'p50'), num(null, 'p99')], d.disappeared.map((o) => [o.service, o.operation, count(o.count), count(o.errors), ms(o.p50Ms), ms(o.p99Ms)])),
    ),
    section(
      'critical-share',
      'Critical-path share',
      d.criticalPath.length === 0
        ? h('p', null, 'No change.')
        : table(['Service', 'Operation', num(null, 'Base'), num(null, 'Head'), num(null, 'Change')], d.criticalPath.map((c) => [c.service, c.operation, num(c.baseShare, fmtPercent(c.baseShare)), num(c.headShare, fmtPercent(c.headShare)), signed(c.shareDelta, (v) => `${(v * 100).toFixed(1)} pt`)])),
    ),
  ];
}

function changes(title: string, id: string, rows: readonly SpanChange[]): HTMLElement {
  return section(
    id,
    title,
    rows.length === 0
      ? h('p', null, 'None.')
      : table(['Span', num(null, 'Base'), num(null, 'Head'), num(null, 'Δ'), num(null, 'Change')], rows.map((c) => [c.path.join(' › '), ms(c.baseMs), ms(c.headMs), signed(c.deltaMs, fmtMs), signed(c.change, (v) => fmtPercent(v))])),
  );
}

function subtrees(title: string, id: string, rows: readonly SubtreeChange[]): HTMLElement {
  return section(id, title, rows.length === 0 ? h('p', null, 'None.') : table(['Span', num(null, 'Duration'), num(null, 'Spans')], rows.map((c) => [c.path.join(' › '), ms(c.durationMs), count(c.spans)])));
}

function statuses(title: string, id: string, rows: readonly StatusChange[]): HTMLElement {
  return section(id, title, rows.length === 0 ? h('p', null, 'None.') : table(['Span', 'Message'], rows.map((c) => [c.path.join(' › '), c.message ?? ''])));
}

function traceDiff(d: TraceDiff): HTMLElement[] {
  return [
    table(
      ['', 'Trace', 'Root', num(null, 'Duration'), num(null, 'Spans')],
      [
        ['Base', h('span', { class: 'mono' }, d.base.traceId), `${d.base.rootService}: ${d.base.rootOperation}`, ms(d.base.durationMs), count(d.base.spans)],
        ['Head', h('span', { class: 'mono' }, d.head.traceId), `${d.head.rootService}: ${d.head.rootOperation}`, ms(d.head.durationMs), count(d.head.spans)],
      ],
      { id: 'diff-traces' },
    ),
    h('p', { class: 'note' }, `Duration ${d.durationDeltaMs >= 0 ? '+' : ''}${fmtMs(d.durationDeltaMs)}; ${fmtCount(d.matched)} spans matched by their path of names.`),
    changes('Slower', 'slower', d.slower),
    changes('Faster', 'faster', d.faster),
    subtrees('Added', 'added', d.added),
    subtrees('Removed', 'removed', d.removed),
    statuses('Started failing', 'failing', d.failing),
    statuses('Recovered', 'recovered', d.recovered),
    section(
      'critical-path',
      'Critical path per operation',
      d.criticalPath.length === 0 ? h('p', null, 'No change.') : table(['Service', 'Operation', num(null, 'Base'), num(null, 'Head'), num(null, 'Δ')], d.criticalPath.map((c) => [c.service, c.operation, ms(c.baseMs), ms(c.headMs), signed(c.deltaMs, fmtMs)])),
    ),
  ];
}

export function diffView(doc: DiffDocument): HTMLElement {
  const r = doc.result;
  return h('div', { class: 'page' }, h('h1', null, doc.title), metaLines(doc), ...(r.mode === 'dumps' ? dumpDiff(r) : traceDiff(r)));
}

function checkTable(r: CheckResult): HTMLElement {
  return table(
    ['Budget', 'Target', 'Metric', 'Limit', num(null, 'Actual'), 'Worst', num(null, 'Matched'), num(null, 'Failing'), 'Result'],
    r.results.map((o) => [
      o.name ?? o.budget,
      o.target,
      o.metric,
      `${o.comparison} ${o.limitText}`,
      num(o.actual, o.actual === null ? '–' : formatActual(o.actual, o.unit)),
      o.worst === null ? '' : subjectName(o.worst),
      count(o.matched),
      count(o.failing),
      { content: o.passed ? 'pass' : 'FAIL', className: o.passed ? 'pass' : 'fail' },
    ]),
    { id: 'budgets' },
  );
}

function formatActual(value: number, unit: string): string {
  switch (unit) {
    case 'ms':
      return fmtMs(value);
    case 'ratio':
      return fmtPercent(value, 2);
    case 'per-second':
      return `${value.toFixed(2)}/s`;
    default:
      return fmtCount(value);
  }
}

export function checkView(doc: CheckDocument): HTMLElement {
  const r = doc.result;
  const failures = r.results.filter((o) => !o.passed && o.violations.length > 0);
  return h(
    'div',
    { class: 'page' },
    h('h1', null, doc.title),
    metaLines(doc),
    h('p', { class: `banner ${r.passed ? 'pass' : 'fail'}`, id: 'verdict', 'data-failed': r.failed }, r.passed ? `All ${fmtCount(r.total)} budgets hold` : `${fmtCount(r.failed)} of ${fmtCount(r.total)} budgets failed`),
    h('p', { class: 'note' }, `${fmtCount(r.traces)} traces; services and operations measured by ${r.spans === 'entry' ? 'their entry spans' : 'every span'}.`),
    checkTable(r),
    ...failures.map((o) =>
      h(
        'details',
        null,
        h('summary', null, `${o.name ?? o.budget}: ${fmtCount(o.failing)} failing`),
        table(
          ['Where', num(null, 'Actual')],
          o.violations.map((v) => [subjectName(v), num(v.actual, v.actual === null ? '–' : formatActual(v.actual, o.unit))]),
        ),
      ),
    ),
  );
}

/** What a budget was measured on, as `tracectl check` names it: "frontend", "cart/GET [attr.http.route=/cart]", "trace …". */
function subjectName(subject: BudgetSubject): string {
  if ('traceId' in subject) return `trace ${subject.traceId}`;
  const name = subject.operation === null ? subject.service : `${subject.service}/${subject.operation}`;
  if (subject.keys === undefined) return name;
  return `${name} [${Object.entries(subject.keys).map(([k, v]) => `${k}=${v ?? '(none)'}`).join(' ')}]`;
}
