/**
 * `tracectl deps` for people: the service tree from the entry services (each callee under its
 * caller with the calls, errors and latency of that edge; ↻ marks a cycle, ↑ a service whose callees
 * are listed above), then every edge in one table, most calls first, then a one-line summary.
 * Both tables fit the width: names are cut with an ellipsis before any number is dropped.
 */
import type { DepsEdge, ServiceDeps } from '../analyses/deps.js';
import type { DepsTreeRow } from '../analyses/deps-tree.js';
import { formatDuration, formatPercent } from './format.js';
import { groupCells, groupColumns } from './group-columns.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { treeGuides } from './tree-guides.js';
import { displayWidth, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { appendLines } from './append-lines.js';
import { formatCount } from './count.js';
import { samplingNote } from './sampling.js';
import { wrap } from './wrap.js';

function ms(value: number | null): string {
  return value === null ? '-' : formatDuration(value * 1e6);
}

function edgeCells(edge: DepsEdge, theme: Theme): TableCell[] {
  const red = (text: string): string => (edge.errors > 0 ? theme.error(text) : text);
  return [
    formatCount(edge.calls),
    { text: formatCount(edge.errors), style: red },
    { text: formatPercent(edge.errorRate), style: red },
    ms(edge.p50Ms),
    ms(edge.p99Ms),
  ];
}

const NUMBER_COLUMNS: TableColumn[] = [
  { header: 'CALLS', align: 'right' },
  { header: 'ERRORS', align: 'right', dropOrder: 1 },
  { header: 'ERR%', align: 'right' },
  { header: 'P50', align: 'right', dropOrder: 2 },
  { header: 'P99', align: 'right' },
];

/** `where`: --where chose the counted spans, so a root's caller may be in the dump but not counted. */
function markText(row: DepsTreeRow, where = false): string {
  if (row.mark === 'cycle') return ' ↻ cycle';
  if (row.mark === 'seen') return ' ↑ see above';
  return row.depth === 0 ? (row.entry ? ' (entry)' : where ? ' (no call into it matches --where)' : ' (caller not in the dump)') : '';
}

function treeLines(rows: readonly DepsTreeRow[], theme: Theme, width: number, where: boolean): string[] {
  const guides = treeGuides(
    rows.map((r) => r.depth),
    Math.max(8, Math.floor(width / 3)),
  ).row;
  const cells = rows.map((row, i): TableCell[] => {
    const guide = guides[i]!;
    const name = sanitize(row.service);
    const mark = markText(row, where);
    const label: TableCell = {
      text: `${guide}${name}${mark}`,
      style: (cut) => {
        if (cut.length <= guide.length) return cut;
        const nameEnd = Math.min(cut.length, guide.length + name.length);
        return guide + theme.service(row.service, cut.slice(guide.length, nameEnd)) + theme.dim(cut.slice(nameEnd));
      },
    };
    return row.edge === null ? [label, '', '', '', '', ''] : [label, ...edgeCells(row.edge, theme)];
  });
  const columns: TableColumn[] = [{ header: 'SERVICE TREE', shrink: true, minWidth: 16 }, ...NUMBER_COLUMNS];
  return renderTable(columns, cells, width, theme);
}

/** Every edge, or with `--by` keys each caller → callee split by the callee span's keys (a column each). */
function edgeLines(deps: ServiceDeps, theme: Theme, width: number): string[] {
  const keyNames = (deps.edgeKeys ?? []).filter((k) => k !== 'service');
  const columns: TableColumn[] = [
    { header: 'CALLER', shrink: true, minWidth: keyNames.length > 0 ? 10 : 12 },
    { header: 'CALLEE', shrink: true, minWidth: keyNames.length > 0 ? 10 : 12 },
    ...groupColumns(keyNames, 12, 12),
    ...NUMBER_COLUMNS,
  ];
  const rows = (deps.keyedEdges ?? deps.edges).map((e): TableCell[] => [
    { text: sanitize(e.from), style: (t) => theme.service(e.from, t) },
    { text: sanitize(e.to), style: (t) => theme.service(e.to, t) },
    ...(e.keys !== undefined ? groupCells(keyNames, e.keys, theme) : []),
    ...edgeCells(e, theme),
  ]);
  return renderTable(columns, rows, width, theme);
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** A line that still came out wider than `width`, cut to it (uncoloured): a line must never wrap. */
function fit(line: string, width: number): string {
  const plain = line.replace(SGR, '');
  return displayWidth(plain) <= width ? line : truncate(plain, width);
}

export function renderDeps(deps: ServiceDeps, tree: readonly DepsTreeRow[], traces: number, theme: Theme, width: number, where = false): string[] {
  theme = theme.withServices([...deps.services.map((s) => s.name), ...deps.edges.flatMap((e) => [e.from, e.to])]);
  if (deps.services.length === 0) return ['no spans'];
  const lines =
    deps.edges.length === 0
      ? tree.map((row) => truncate(theme.service(row.service, sanitize(row.service)) + theme.dim(markText(row, where)), width))
      : treeLines(tree, theme, width, where);
  lines.push('');
  if (deps.edges.length > 0) {
    appendLines(lines, edgeLines(deps, theme, width));
    lines.push('');
  }
  const calls = deps.edges.reduce((sum, e) => sum + e.calls, 0);
  const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    deps.edges.length === 0
      ? `${plural(deps.services.length, 'service')}, no calls between services in ${plural(traces, 'trace')}`
      : `${plural(deps.services.length, 'service')}, ${plural(deps.edges.length, 'edge')}, ${plural(calls, 'call')} in ${plural(traces, 'trace')}`;
  lines.push(theme.dim(truncate(summary, width)));
  const note = samplingNote(deps.sampling);
  if (note !== undefined) for (const line of wrap(note, width)) lines.push(theme.dim(line));
  return lines.map((line) => fit(line, width));
}
