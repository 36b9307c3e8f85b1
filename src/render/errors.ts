/**
 * `tracectl errors` for people. First the groups, most traces first, so the top line says where most
 * failures start ("15 traces fail in payments Charge: TimeoutError"); then each failed trace with its
 * chains, root first, one span a line with its message; recovered errors apart, with who absorbed
 * them; a summary line last. Every line fits the width; dump strings are escaped.
 */
import type { ChainStep, ErrorOrigin, RecoveredError, TraceErrors } from '../analyses/error-chains.js';
import type { ErrorsReport } from '../analyses/errors-report.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { appendLines } from './append-lines.js';
import { renderErrorGroup } from './error-group.js';
import { formatCount } from './count.js';
import { samplingNote } from './sampling.js';
import { wrap } from './wrap.js';

export function renderErrors(report: ErrorsReport, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, report);
  const t = report.totals;
  if (t.tracesWithErrors === 0) return [`no errors in ${t.traces} ${plural('trace', t.traces)}`];
  const lines: string[] = [];
  for (const group of report.groups) appendLines(lines, renderErrorGroup(group, theme, width));
  for (const trace of report.traces) {
    if (lines.length > 0) lines.push('');
    appendLines(lines, renderTrace(trace, theme, width));
  }
  const summary =
    `${t.tracesWithErrors} of ${t.traces} ${plural('trace', t.traces)} with errors, ${t.errorSpans} error ${plural('span', t.errorSpans)}: ` +
    `${t.chains} ${plural('chain', t.chains)} in ${t.tracesWithChains} ${plural('trace', t.tracesWithChains)}, ` +
    `${report.groups.length} ${plural('signature', report.groups.length)}, ${t.recovered} recovered`;
  lines.push('', theme.dim(truncate(summary, width)));
  if (t.estimated !== undefined) {
    const e = t.estimated;
    lines.push(theme.dim(truncate(`estimated by adjusted count: ${formatCount(e.tracesWithErrors)} of ${formatCount(e.traces)} traces with errors, ${formatCount(e.tracesWithChains)} with error chains`, width)));
  }
  const note = samplingNote(report.sampling);
  if (note !== undefined) for (const line of wrap(note, width)) lines.push(theme.dim(line));
  return lines;
}

function renderTrace(trace: TraceErrors, theme: Theme, width: number): string[] {
  const counts = [
    trace.chains.length > 0 ? `${trace.chains.length} error ${plural('chain', trace.chains.length)}` : '',
    trace.recovered.length > 0 ? `${trace.recovered.length} recovered` : '',
  ].filter((s) => s !== '');
  const root = sanitize(`${trace.rootService} ${trace.rootOperation}`);
  const lines = [theme.bold(truncate(`trace ${sanitize(trace.traceId)}  ${root}  (${counts.join(', ')})`, width))];
  trace.chains.forEach((chain, i) => {
    if (trace.chains.length > 1) {
      lines.push(truncate(`  chain ${i + 1} of ${trace.chains.length}: origin ${sanitize(`${chain.origin.service} ${chain.origin.operation}`)}`, width));
    }
    appendLines(lines, renderSteps(chain.path, theme, width));
  });
  for (const recovered of trace.recovered) appendLines(lines, renderRecovered(recovered, theme, width));
  return lines;
}

const STEP_COLUMNS: readonly TableColumn[] = [
  { header: '' },
  { header: 'SPAN', shrink: true, minWidth: 16 },
  { header: 'MESSAGE', shrink: true, minWidth: 12 },
];

/** One line a span: a red ✗ on failed ones, the span's name, its message. */
function renderSteps(path: readonly ChainStep[], theme: Theme, width: number): string[] {
  const rows = path.map((step): TableCell[] => [
    step.error ? { text: '  ✗', style: (s) => theme.error(s) } : '   ',
    { text: sanitize(`${step.service} ${step.operation}`), style: (s) => colorService(step.service, s, theme) },
    { text: sanitize(step.message ?? ''), style: (s) => (step.error ? theme.error(s) : theme.dim(s)) },
  ]);
  return renderTable(STEP_COLUMNS, rows, width, theme, { header: false });
}

function renderRecovered(recovered: RecoveredError, theme: Theme, width: number): string[] {
  const self = `${recovered.service} ${recovered.operation}`;
  const message = recovered.message !== null ? `: ${recovered.message}` : '';
  const by = `${recovered.absorbedBy.service} ${recovered.absorbedBy.operation}`;
  const lines = [theme.warn(truncate(sanitize(`  recovered ${self}${message} (absorbed by ${by})`), width))];
  for (const origin of recovered.origins) {
    if (origin.spanId === recovered.spanId) continue;
    lines.push(theme.dim(truncate(`    origin ${describeOrigin(origin)}`, width)));
  }
  return lines;
}

function describeOrigin(origin: ErrorOrigin): string {
  return sanitize(`${origin.service} ${origin.operation}${origin.message !== null ? `: ${origin.message}` : ''}`);
}

/** The service part of "service operation" in the service's colour. */
function colorService(service: string, text: string, theme: Theme): string {
  const name = sanitize(service);
  const n = Math.min(name.length, text.length);
  return theme.service(service, text.slice(0, n)) + text.slice(n);
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}
