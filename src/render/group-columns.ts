/**
 * The columns a grouped table (latency, stats, deps, critical-path) shows for its `--by` keys: one
 * per key, in the order given, each named after its key (SERVICE, OPERATION, KIND, STATUS, and an
 * attribute by its own name, `http.route`, since attribute names are case-sensitive). A missing
 * attribute shows as "(none)", dimmed, so it cannot be read as a value.
 */
import { NO_VALUE, type GroupKeyValues } from '../analyses/group-values.js';
import { sanitize } from './sanitize.js';
import type { TableCell, TableColumn } from './table.js';
import type { Theme } from './theme.js';

const INTRINSIC: Readonly<Record<string, string>> = { service: 'SERVICE', operation: 'OPERATION', kind: 'KIND', status: 'STATUS' };

/** Headers for the key names (`service`, `attr.http.route`): the scope is left out unless two keys would read the same. */
function groupHeaders(names: readonly string[]): string[] {
  const short = names.map((n) => INTRINSIC[n] ?? n.replace(/^(attr|resource)\./, '').replace(/^\./, ''));
  return short.map((s, i) => (short.indexOf(s) !== short.lastIndexOf(s) ? names[i]! : s));
}

/** Key columns: names shrink to `minWidth` (the first key, the service, keeps at least `serviceMin`); kind and status never shrink. */
export function groupColumns(names: readonly string[], serviceMin: number, otherMin: number): TableColumn[] {
  const headers = groupHeaders(names);
  return names.map((name, i): TableColumn => {
    if (name === 'kind' || name === 'status') return { header: headers[i]! };
    return { header: headers[i]!, shrink: true, minWidth: name === 'service' ? serviceMin : otherMin };
  });
}

/** A group's key cells: the service in its colour, a missing value as a dim "(none)". */
export function groupCells(names: readonly string[], keys: GroupKeyValues, theme: Theme): TableCell[] {
  return names.map((name): TableCell => {
    const value = keys[name] ?? null;
    if (value === null) return { text: NO_VALUE, style: (t) => theme.dim(t) };
    if (name === 'service') return { text: sanitize(value), style: (t) => theme.service(value, t) };
    return sanitize(value);
  });
}

/** How a group is named in a line of text ("frontend GET /api (none)"). */
export function groupLabel(names: readonly string[], keys: GroupKeyValues): string {
  return names.map((n) => sanitize(keys[n] ?? NO_VALUE)).join(' ');
}
