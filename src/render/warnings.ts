/**
 * The warnings summary printed once on stderr: one line per kind of problem, with how many and the
 * first example, so a dump with ten thousand orphans prints a few lines, not ten thousand. What is
 * no problem (a span merged from two exports) is a dim `note` instead.
 */
import type { TraceWarning, WarningCode } from '../model/warnings.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';

export interface WarningSummary {
  readonly counts: readonly { code: WarningCode; count: number }[];
  readonly list: readonly TraceWarning[];
}

/** Codes that report what was done for the user rather than a problem: a dim `note`, not a `warning`. */
const NOTES: ReadonlySet<WarningCode> = new Set(['merged-duplicate']);

export function renderWarningSummary(summary: WarningSummary, theme: Theme): string[] {
  const lines: string[] = [];
  for (const { code, count } of summary.counts) {
    const first = summary.list.find((w) => w.code === code);
    const example = first ? `: ${sanitize(first.message)}` : '';
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    lines.push(NOTES.has(code) ? theme.dim(`note ${code} ×${count}${example}${more}`) : `${theme.warn('warning')} ${code} ×${count}${example}${more}`);
  }
  return lines;
}
