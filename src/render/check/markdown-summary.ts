/**
 * `--markdown FILE`: the check as a Markdown job summary (GitHub's `$GITHUB_STEP_SUMMARY`, a GitLab
 * MR note, a PR comment): a heading that says whether the check passed, and a table of every budget
 * with its actual value, limit and where the worst value was. Cells are escaped so a name with a
 * '|', '*' or '<' cannot break the table or inject markup.
 */
import type { CheckResult } from '../../check/evaluate-budgets.js';
import { actualText, budgetTitle, limitText, whereText } from './describe-outcome.js';

export function renderMarkdownSummary(result: CheckResult): string {
  const heading =
    result.failed === 0
      ? `### ✅ tracectl check: ${result.total === 1 ? 'the budget holds' : `all ${result.total} budgets hold`}`
      : `### ❌ tracectl check: ${result.failed} of ${result.total} budget${result.total === 1 ? '' : 's'} failed`;
  const rows = result.results.map((o) =>
    [o.passed ? '✅ pass' : '❌ **fail**', code(budgetTitle(o)), cell(actualText(o)), cell(limitText(o)), cell(whereText(o, result.spans))].join(' | '),
  );
  const spans = result.spans === 'entry' ? 'entry spans' : 'all spans';
  return [
    heading,
    '',
    '| Result | Budget | Actual | Limit | Where |',
    '| --- | --- | ---: | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
    `${result.traces} trace${result.traces === 1 ? '' : 's'} read; services and operations measured by their ${spans}.`,
    '',
  ].join('\n');
}

/** Plain text in a table cell: Markdown and HTML specials escaped, no line breaks. */
function cell(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#~&!]/g, (ch) => `\\${ch}`);
}

/** A code span in a table cell: a fence longer than any backtick run inside, pipes escaped (GFM). */
function code(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
