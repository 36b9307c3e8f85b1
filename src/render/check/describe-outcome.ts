/**
 * The words every check report uses for one budget's result, so the terminal table, the JUnit
 * failure, the Markdown summary and the GitHub annotation all say the same thing: where the worst
 * value was, how many of the matched services, operations or traces break the budget, and why a
 * budget that matched nothing failed. Dump strings are escaped here (sanitize), once.
 */
import { sanitize } from '../sanitize.js';
import type { BudgetOutcome, BudgetSubject } from '../../check/evaluate-budgets.js';
import { formatBudgetValue } from './format-value.js';

/** "frontend", "payments/Charge", "trace 4bf92f3577b34da6"; with --by "frontend [attr.http.route=/cart]". */
export function subjectText(subject: BudgetSubject): string {
  if ('traceId' in subject) return `trace ${sanitize(subject.traceId)}`;
  const name = sanitize(subject.operation === null ? subject.service : `${subject.service}/${subject.operation}`);
  if (subject.keys === undefined) return name;
  const values = Object.entries(subject.keys).map(([key, value]) => `${sanitize(key)}=${value === null ? '(none)' : sanitize(value)}`);
  return `${name} [${values.join(' ')}]`;
}

/** What the budget is called: the name from a budgets file, else the expression. */
export function budgetTitle(o: BudgetOutcome): string {
  return sanitize(o.name ?? o.budget);
}

export function actualText(o: BudgetOutcome): string {
  return formatBudgetValue(o.actual, o);
}

export function limitText(o: BudgetOutcome): string {
  return `${o.comparison} ${o.limitText}`;
}

/** What a budget that matched only spans that are not entry spans is told. */
export const ALL_SPANS_HINT = 'it has only spans that are not entry spans: --all-spans counts them';

/** Why nothing was checked. */
function noMatchText(o: BudgetOutcome, spans: 'entry' | 'all'): string {
  const what = spans === 'entry' ? 'entry spans' : 'spans';
  switch (o.targetKind) {
    case 'trace':
      return 'the input has no traces';
    case 'service':
    case 'operation': {
      const name = sanitize(o.target);
      return o.glob ? `no ${what} of a ${o.targetKind} matching '${name}'` : `no ${what} of ${o.targetKind} '${name}'`;
    }
  }
}

function noun(o: BudgetOutcome, n: number): string {
  // With --by, what a service or operation budget counts are the groups of its keys.
  const word = o.targetKind === 'trace' ? 'trace' : o.worst !== null && 'keys' in o.worst && o.worst.keys !== undefined ? 'group' : o.targetKind;
  return n === 1 ? word : `${word}s`;
}

/** The WHERE cell: the worst subject, and how many break the budget when several were checked. */
export function whereText(o: BudgetOutcome, spans: 'entry' | 'all'): string {
  if (o.worst === null) return noMatchText(o, spans);
  const subject = subjectText(o.worst);
  if (o.matched === 1) return subject;
  return o.failing > 0 ? `${subject} (${o.failing} of ${o.matched} ${noun(o, o.matched)} fail)` : `${subject} (worst of ${o.matched} ${noun(o, o.matched)})`;
}

/** One sentence: "p99 is 412.5ms for frontend; the budget is < 300ms". */
export function outcomeSentence(o: BudgetOutcome, spans: 'entry' | 'all'): string {
  if (o.worst === null) return `${noMatchText(o, spans)}, so the budget was not checked${o.onlyNonEntrySpans ? `; ${ALL_SPANS_HINT}` : ''}`;
  const value = o.actual === null ? 'cannot be measured (the input lasts no time)' : `is ${actualText(o)}`;
  const several = o.matched > 1 ? `; ${o.failing} of ${o.matched} ${noun(o, o.matched)} break it` : '';
  const worst = o.matched > 1 ? 'worst ' : '';
  return `${worst}${o.metric} ${value} for ${subjectText(o.worst)}; the budget is ${limitText(o)}${several}`;
}
