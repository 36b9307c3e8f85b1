/**
 * `tracectl check` for people: a table of every budget — pass or FAIL, the budget, its actual value
 * (in the limit's unit), the limit, and where the worst value was — then one line that says whether
 * the check passed, and a hint for each budget that matched only spans that are not entry spans
 * (`--all-spans` counts them). Fits the width: the WHERE column gives way first, then the budget, both cut with
 * an ellipsis; RESULT, ACTUAL and LIMIT always stay.
 */
import { ALL_SPANS_HINT, actualText, budgetTitle, limitText, whereText } from './describe-outcome.js';
import type { CheckResult } from '../../check/evaluate-budgets.js';
import { renderTable, type TableCell, type TableColumn } from '../table.js';
import { truncate } from '../text.js';
import type { Theme } from '../theme.js';
import { samplingNote } from '../sampling.js';
import { wrap } from '../wrap.js';

export function renderCheck(result: CheckResult, theme: Theme, width: number): string[] {
  const columns: TableColumn[] = [
    { header: 'RESULT' },
    { header: 'BUDGET', shrink: true, minWidth: 16 },
    { header: 'ACTUAL', align: 'right' },
    { header: 'LIMIT' },
    { header: 'WHERE', shrink: true, minWidth: 12 },
  ];
  const rows = result.results.map((o): TableCell[] => [
    o.passed ? 'pass' : { text: 'FAIL', style: (t) => theme.error(theme.bold(t)) },
    budgetTitle(o),
    o.passed ? actualText(o) : { text: actualText(o), style: (t) => theme.error(t) },
    limitText(o),
    { text: whereText(o, result.spans), style: (t) => theme.dim(t) },
  ]);
  const lines = renderTable(columns, rows, width, theme);
  const traces = `${result.traces} trace${result.traces === 1 ? '' : 's'}`;
  const verdict =
    result.failed === 0
      ? `${result.total === 1 ? 'the budget holds' : `all ${result.total} budgets hold`} (${traces})`
      : `${result.failed} of ${result.total} budget${result.total === 1 ? '' : 's'} failed (${traces})`;
  lines.push(result.failed === 0 ? truncate(verdict, width) : theme.error(truncate(verdict, width)));
  for (const o of result.results) if (o.onlyNonEntrySpans) for (const line of wrap(`hint: ${budgetTitle(o)}: ${ALL_SPANS_HINT}`, width)) lines.push(theme.dim(line));
  const note = samplingNote(result.sampling);
  if (note !== undefined) for (const line of wrap(note, width)) lines.push(theme.dim(line));
  return lines;
}
