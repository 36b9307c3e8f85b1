/**
 * The warnings summary printed once on stderr: one line per kind of problem, with how many and the
 * first example, so a dump with ten thousand orphans prints a few lines, not ten thousand.
 */
import type { TraceWarning, WarningCode } from '../model/warnings.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';

export interface WarningSummary {
  readonly counts: readonly { code: WarningCode; count: number }[];
  readonly list: readonly TraceWarning[];
}

export function renderWarningSummary(summary: WarningSummary, theme: Theme): string[] {
  const lines: string[] = [];
  for (const { code, count } of summary.counts) {
    const first = summary.list.find((w) => w.code === code);
    const example = first ? `: ${sanitize(first.message)}` : '';
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    lines.push(`${theme.warn('warning')} ${code} ×${count}${example}${more}`);
  }
  return lines;
}
