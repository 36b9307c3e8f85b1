/**
 * `tracectl diff` for people. Two dumps: one row per operation found in both — what changed (slower,
 * faster, more or fewer errors: only when significant), count, error rate and p50/p90/p99 as
 * base→head, and the largest relative latency change — regressions in red; then operations that
 * appeared or disappeared and the largest critical-path share changes. Two traces: the totals, then
 * the slower, faster, added and removed spans by their path, and the critical path per operation.
 * Every list is cut at LIST_LIMIT rows with a "… N more" line (--json has them all).
 */
import type { DumpDiff, OperationDiff, OperationSummary } from '../diff/diff-dumps.js';
import type { SpanChange, StatusChange, SubtreeChange, TraceDiff } from '../diff/diff-traces.js';
import { formatDuration, formatPercent } from './format.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { displayWidth, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { appendLines } from './append-lines.js';

const LIST_LIMIT = 10;

export interface DumpDiffView {
  /** Show the operations that did not change too (`--all`); by default they are counted, not listed. */
  readonly all?: boolean;
}

export function renderDumpDiff(d: DumpDiff, theme: Theme, width: number, view: DumpDiffView = {}): string[] {
  theme = serviceTheme(theme, d);
  const operations = view.all === true ? d.operations : d.operations.filter((o) => !unchanged(o));
  const unchangedLeftOut = d.operations.length - operations.length;
  const lines: string[] = [];
  const fit = (text: string): string => truncate(text, width);
  lines.push(
    theme.dim(
      fit(
        `base ${d.base.traces} ${plural('trace', d.base.traces)}, head ${d.head.traces} ${plural('trace', d.head.traces)}; ` +
          `${d.spans === 'entry' ? 'entry spans' : 'all spans'}; Mann-Whitney U and two-proportion z-test, alpha ${d.alpha} (Holm)`,
      ),
    ),
    '',
  );

  if (d.operations.length === 0) {
    lines.push(d.hidden > 0 ? `no operation changed by ${formatPercent(d.threshold)} or more` : 'no operation is in both dumps');
  } else if (operations.length === 0) {
    lines.push(fit(`no operation changed: ${unchangedLeftOut} ${plural('operation', unchangedLeftOut)} with the same percentiles and error rate (--all lists them)`));
  } else {
    const columns: TableColumn[] = [
      { header: 'CHANGE' },
      { header: 'SERVICE', shrink: true, minWidth: 10 },
      { header: 'OPERATION', shrink: true, minWidth: 12 },
      // Narrow terminals lose P90, COUNT, P50, P99 and ERR% in that order; the verdict, the names and
      // the latency change always stay.
      { header: 'COUNT', align: 'right', dropOrder: 2 },
      { header: 'ERR%', align: 'right', dropOrder: 5 },
      { header: 'P50', align: 'right', dropOrder: 3 },
      { header: 'P90', align: 'right', dropOrder: 1 },
      { header: 'P99', align: 'right', dropOrder: 4 },
      { header: 'LATENCY', align: 'right' },
    ];
    const rows = operations.map((o): TableCell[] => {
      const red = (t: string): string => (o.regression ? theme.error(t) : t);
      return [
        { text: verdict(o), style: (t) => (o.regression ? theme.error(theme.bold(t)) : t) },
        { text: sanitize(o.service), style: (t) => theme.service(o.service, t) },
        sanitize(o.operation),
        `${o.base.count}→${o.head.count}`,
        { text: `${formatPercent(o.base.errorRate)}→${formatPercent(o.head.errorRate)}`, style: o.errorRate.significant && o.errorRateDelta > 0 ? red : (t) => t },
        `${ms(o.base.p50Ms)}→${ms(o.head.p50Ms)}`,
        `${ms(o.base.p90Ms)}→${ms(o.head.p90Ms)}`,
        `${ms(o.base.p99Ms)}→${ms(o.head.p99Ms)}`,
        { text: signedPercent(o.latencyChange), style: o.latency.significant && o.latency.effect > 0 ? red : (t) => t },
      ];
    });
    appendLines(lines, renderTable(columns, rows, width, theme));
    if (unchangedLeftOut > 0) lines.push(theme.dim(fit(`${unchangedLeftOut} more ${plural('operation', unchangedLeftOut)} did not change (--all lists them)`)));
    if (d.hidden > 0) lines.push(theme.dim(fit(`${d.hidden} more ${plural('operation', d.hidden)} changed by less than ${formatPercent(d.threshold)} (--threshold)`)));
  }

  for (const [title, list] of [
    ['appeared (only in head)', d.appeared],
    ['disappeared (only in base)', d.disappeared],
  ] as const) {
    if (list.length === 0) continue;
    lines.push('', theme.bold(title));
    appendLines(lines, summaryTable(list.slice(0, LIST_LIMIT), theme, width));
    if (list.length > LIST_LIMIT) lines.push(theme.dim(`… ${list.length - LIST_LIMIT} more`));
  }

  const critical = view.all === true ? d.criticalPath : d.criticalPath.filter((c) => points(c.shareDelta) !== '0pt');
  if (critical.length > 0) {
    lines.push('', theme.bold('critical-path share'));
    const columns: TableColumn[] = [
      { header: 'SERVICE', shrink: true, minWidth: 10 },
      { header: 'OPERATION', shrink: true, minWidth: 12 },
      { header: 'BASE', align: 'right' },
      { header: 'HEAD', align: 'right' },
      { header: 'CHANGE', align: 'right' },
    ];
    const rows = critical.slice(0, LIST_LIMIT).map((c): TableCell[] => [
      { text: sanitize(c.service), style: (t) => theme.service(c.service, t) },
      sanitize(c.operation),
      formatPercent(c.baseShare),
      formatPercent(c.headShare),
      points(c.shareDelta),
    ]);
    appendLines(lines, renderTable(columns, rows, width, theme));
    if (critical.length > LIST_LIMIT) lines.push(theme.dim(`… ${critical.length - LIST_LIMIT} more`));
  }

  lines.push('');
  const significant = d.operations.filter((o) => o.latency.significant || o.errorRate.significant).length;
  if (d.regressions > 0) lines.push(theme.error(fit(`${d.regressions} ${plural('regression', d.regressions)} (significant at ${d.alpha} after Holm's correction)`)));
  else if (significant > 0) lines.push(fit(`no regression; ${significant} significant ${plural('improvement', significant)}`));
  else lines.push(fit('no significant change'));
  return lines;
}

/**
 * Nothing to see: no significant test, every percentile the same as far as the LATENCY column
 * shows (0%), and the same error rate to the hundredth of a point. Such a row is left out of the
 * text unless --all; --json keeps it.
 */
function unchanged(o: OperationDiff): boolean {
  return !o.latency.significant && !o.errorRate.significant && signedPercent(o.latencyChange) === '0%' && points(o.errorRateDelta) === '0pt';
}

/** "slower", "faster", "errors↑", "errors↓", "slower errors↑"; "" when nothing is significant. */
function verdict(o: OperationDiff): string {
  const parts: string[] = [];
  if (o.latency.significant) parts.push(o.latency.effect > 0 ? 'slower' : 'faster');
  if (o.errorRate.significant) parts.push(o.errorRateDelta > 0 ? 'errors↑' : 'errors↓');
  return parts.join(' ');
}

function summaryTable(list: readonly OperationSummary[], theme: Theme, width: number): string[] {
  const columns: TableColumn[] = [
    { header: 'SERVICE', shrink: true, minWidth: 10 },
    { header: 'OPERATION', shrink: true, minWidth: 12 },
    { header: 'COUNT', align: 'right' },
    { header: 'ERR%', align: 'right', dropOrder: 2 },
    { header: 'P50', align: 'right', dropOrder: 1 },
    { header: 'P99', align: 'right', dropOrder: 3 },
  ];
  const rows = list.map((o): TableCell[] => [
    { text: sanitize(o.service), style: (t) => theme.service(o.service, t) },
    sanitize(o.operation),
    String(o.count),
    formatPercent(o.errorRate),
    ms(o.p50Ms),
    ms(o.p99Ms),
  ]);
  return renderTable(columns, rows, width, theme);
}

export function renderTraceDiff(d: TraceDiff, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, d);
  const fit = (text: string): string => truncate(text, width);
  const describe = (label: string, s: TraceDiff['base']): string =>
    `${label} ${sanitize(s.traceId)}  ${sanitize(s.rootService)} ${sanitize(s.rootOperation)}  ${ms(s.durationMs)}, ${s.spans} ${plural('span', s.spans)}`;
  const lines = [
    fit(describe('base', d.base)),
    fit(describe('head', d.head)),
    fit(`duration ${signedMs(d.durationDeltaMs)} (${signedPercent(d.base.durationMs === 0 ? null : d.head.durationMs / d.base.durationMs - 1)})`),
    theme.dim(
      fit(
        `${d.matched} ${plural('span', d.matched)} matched by path · ${d.slower.length} slower · ${d.faster.length} faster · ` +
          `${d.added.length} added · ${d.removed.length} removed · ${d.failing.length} failing · ${d.recovered.length} recovered`,
      ),
    ),
  ];

  const changeTable = (title: string, list: readonly SpanChange[], style: (t: string) => string): void => {
    if (list.length === 0) return;
    lines.push('', theme.bold(title));
    const columns: TableColumn[] = [
      { header: 'BASE', align: 'right' },
      { header: 'HEAD', align: 'right' },
      { header: 'DELTA', align: 'right' },
      { header: 'CHANGE', align: 'right', dropOrder: 1 },
      { header: 'SPAN (path from the root)', shrink: true, minWidth: 20 },
    ];
    const shown = list.slice(0, LIST_LIMIT);
    const pathRoom = Math.max(20, width - 40);
    const rows = shown.map((c): TableCell[] => [ms(c.baseMs), ms(c.headMs), { text: signedMs(c.deltaMs), style }, signedPercent(c.change), keepEnd(pathText(c.path), pathRoom)]);
    appendLines(lines, renderTable(columns, rows, width, theme));
    if (list.length > LIST_LIMIT) lines.push(theme.dim(`… ${list.length - LIST_LIMIT} more`));
  };
  const statusList = (title: string, list: readonly StatusChange[], style: (t: string) => string): void => {
    if (list.length === 0) return;
    lines.push('', theme.bold(title));
    for (const s of list.slice(0, LIST_LIMIT)) {
      const message = s.message === null ? '' : `: ${sanitize(s.message)}`;
      lines.push(style(truncate(`  ${keepEnd(pathText(s.path), Math.max(20, width - 2))}${message}`, width)));
    }
    if (list.length > LIST_LIMIT) lines.push(theme.dim(`… ${list.length - LIST_LIMIT} more`));
  };
  const subtreeTable = (title: string, list: readonly SubtreeChange[]): void => {
    if (list.length === 0) return;
    lines.push('', theme.bold(title));
    const columns: TableColumn[] = [
      { header: 'DURATION', align: 'right' },
      { header: 'SPANS', align: 'right' },
      { header: 'SPAN (path from the root)', shrink: true, minWidth: 20 },
    ];
    const pathRoom = Math.max(20, width - 22);
    const rows = list.slice(0, LIST_LIMIT).map((s): TableCell[] => [ms(s.durationMs), String(s.spans), keepEnd(pathText(s.path), pathRoom)]);
    appendLines(lines, renderTable(columns, rows, width, theme));
    if (list.length > LIST_LIMIT) lines.push(theme.dim(`… ${list.length - LIST_LIMIT} more`));
  };

  changeTable('slower', d.slower, (t) => theme.error(t));
  changeTable('faster', d.faster, (t) => t);
  subtreeTable('added (only in head)', d.added);
  subtreeTable('removed (only in base)', d.removed);
  statusList('failing (only in head)', d.failing, (t) => theme.error(t));
  statusList('recovered (failed only in base)', d.recovered, (t) => t);

  if (d.criticalPath.length > 0) {
    lines.push('', theme.bold('critical path'));
    const columns: TableColumn[] = [
      { header: 'SERVICE', shrink: true, minWidth: 10 },
      { header: 'OPERATION', shrink: true, minWidth: 12 },
      { header: 'BASE', align: 'right' },
      { header: 'HEAD', align: 'right' },
      { header: 'DELTA', align: 'right' },
    ];
    const rows = d.criticalPath.slice(0, LIST_LIMIT).map((c): TableCell[] => [
      { text: sanitize(c.service), style: (t) => theme.service(c.service, t) },
      sanitize(c.operation),
      ms(c.baseMs),
      ms(c.headMs),
      signedMs(c.deltaMs),
    ]);
    appendLines(lines, renderTable(columns, rows, width, theme));
    if (d.criticalPath.length > LIST_LIMIT) lines.push(theme.dim(`… ${d.criticalPath.length - LIST_LIMIT} more`));
  }
  if (d.slower.length + d.faster.length + d.added.length + d.removed.length + d.failing.length + d.recovered.length === 0) lines.push('', 'no span changed');
  return lines;
}

function pathText(path: readonly string[]): string {
  return path.map(sanitize).join(' › ');
}

/** Cut from the left, keeping the end (the span itself) readable. */
function keepEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  let out = '';
  let used = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = displayWidth(chars[i]!);
    if (used + w > width) break;
    out = chars[i]! + out;
    used += w;
  }
  return `…${out}`;
}

function ms(value: number): string {
  return formatDuration(value * 1e6);
}

function signedMs(value: number): string {
  return value > 0 ? `+${ms(value)}` : ms(value);
}

/** "+100%", "-50%", "+3.2%", "0%"; "from 0" for a change from 0. A change too small to show is 0%, never -0.00%. */
function signedPercent(change: number | null): string {
  if (change === null) return 'from 0';
  const signed = signedDigits(change * 100);
  return `${signed}%`;
}

/** A change of a share, in percentage points: "+12.5pt"; "0pt" when too small to show. */
function points(delta: number): string {
  return `${signedDigits(delta * 100)}pt`;
}

/** Three significant-ish digits with a sign; "0" (unsigned) when the digits shown are all zero. */
function signedDigits(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 10 ? abs.toFixed(0) : abs >= 0.1 ? abs.toFixed(1) : abs.toFixed(2);
  if (Number(digits) === 0) return '0';
  return `${value > 0 ? '+' : '-'}${digits}`;
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}
