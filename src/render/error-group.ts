/**
 * One error signature of `tracectl errors` in three lines: how many traces fail where and why, the
 * path, example ids. Apart from the rest of the report because the `ui` Services screen lists the
 * signatures the same way, one per cursor row.
 */
import type { ErrorGroup } from '../analyses/error-groups.js';
import { formatCount } from './count.js';
import { sanitize } from './sanitize.js';
import { truncate } from './text.js';
import type { Theme } from './theme.js';

/** Example ids shown per group in text (JSON has all the report keeps). */
const SHOWN_EXAMPLES = 3;

export function renderErrorGroup(group: ErrorGroup, theme: Theme, width: number): string[] {
  const chains = group.chains > group.count ? ` (${group.chains} chains)` : '';
  const where = sanitize(`${group.origin.service} ${group.origin.operation}`);
  const estimate = group.estimatedCount !== undefined ? `${formatCount(group.estimatedCount)} (${group.count} sampled)` : String(group.count);
  const head = `${estimate} ${plural('trace', group.estimatedCount ?? group.count)}${chains} ${(group.estimatedCount ?? group.count) === 1 ? 'fails' : 'fail'} in ${where}: ${sanitize(group.reason)}`;
  const path = `via ${sanitize(group.path.join(' > '))}`;
  // Whole ids only: as many as fit (a cut id cannot be pasted into --trace), at least one.
  let examples = `    e.g. ${sanitize(group.traceIds[0] ?? '')}`;
  for (const raw of group.traceIds.slice(1, SHOWN_EXAMPLES)) {
    const id = sanitize(raw); // an id kept as written may hold control characters
    if (examples.length + 1 + id.length > width) break;
    examples += ` ${id}`;
  }
  return [theme.error(truncate(head, width)), theme.dim(truncate(`    ${path}`, width)), theme.dim(truncate(examples, width))];
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}
