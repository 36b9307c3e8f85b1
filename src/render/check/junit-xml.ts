/**
 * `--junit FILE`: the check as a JUnit XML report, the one test format every CI system reads (GitHub
 * via test-reporter actions, GitLab's `artifacts:reports:junit`, Jenkins, Azure). One test suite, one
 * test case per budget; a failed budget carries a <failure> whose message is the one-line reason and
 * whose body lists what broke it. No timestamps or durations: the same check gives the same bytes.
 *
 * Text is escaped for XML, and characters XML 1.0 cannot carry at all (most control characters, lone
 * surrogates) never reach it: dump strings are sanitized to visible escapes first.
 */
import { sanitize } from '../sanitize.js';
import type { CheckResult } from '../../check/evaluate-budgets.js';
import { budgetTitle, outcomeSentence, subjectText } from './describe-outcome.js';
import { formatBudgetValue } from './format-value.js';

const SUITE = 'tracectl check';

export function renderJunitXml(result: CheckResult): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" tests="${result.total}" failures="${result.failed}" errors="0">`,
    `  <testsuite name="${SUITE}" tests="${result.total}" failures="${result.failed}" errors="0" skipped="0">`,
  ];
  for (const o of result.results) {
    const open = `    <testcase name="${attr(budgetTitle(o))}" classname="${SUITE}"`;
    if (o.passed) {
      lines.push(`${open}/>`);
      continue;
    }
    const body = [
      sanitize(o.budget),
      ...o.violations.map((v) => `${subjectText(v)}: ${formatBudgetValue(v.actual, o)}`),
      ...(o.failing > o.violations.length ? [`… and ${o.failing - o.violations.length} more`] : []),
    ];
    lines.push(
      `${open}>`,
      `      <failure message="${attr(outcomeSentence(o, result.spans))}" type="budget">${text(body.join('\n'))}</failure>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** Escaped for an attribute value in double quotes; line breaks kept as character references. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Escaped for character data; anything XML 1.0 forbids becomes U+FFFD. */
function text(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
