/**
 * GitHub Actions workflow commands for a check, printed when `GITHUB_ACTIONS=true`: one `::error`
 * per failed budget, which GitHub shows as an annotation on the run and the pull request, or one
 * `::notice` saying every budget held. Outside GitHub Actions nothing is printed (the lines would be
 * noise in any other log).
 *
 * Workflow commands are line based: '%', CR and LF in a message are percent-encoded, and in a
 * property (title) also ':' and ','. Dump strings are sanitized already (describe-outcome.ts).
 */
import type { CheckResult } from '../../check/evaluate-budgets.js';
import { budgetTitle, outcomeSentence } from './describe-outcome.js';

export function githubAnnotations(result: CheckResult): string[] {
  if (result.failed === 0) {
    return [`::notice title=${property('tracectl check')}::${data(`${result.total === 1 ? 'the budget holds' : `all ${result.total} budgets hold`} (${result.traces} trace${result.traces === 1 ? '' : 's'})`)}`];
  }
  return result.results
    .filter((o) => !o.passed)
    .map((o) => `::error title=${property(`Budget failed: ${budgetTitle(o)}`)}::${data(outcomeSentence(o, result.spans))}`);
}

function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
