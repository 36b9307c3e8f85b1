/**
 * `tracectl stats` for people: one row per service (or service+operation), most self time first,
 * with self time as a share of the traces' duration (Jaeger UI's "ST in duration"), fitted to the
 * width: names are cut first, then min, max, average, total and the span count dropped in that order.
 */
import type { SpanStats } from '../analyses/stats.js';
import { formatDuration, formatPercent } from './format.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { truncate } from './text.js';
import { groupCells, groupColumns } from './group-columns.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';

const ms = (value: number): string => formatDuration(value * 1e6);

/** `title`: what the figures are of, e.g. "trace 4bf9…" or "12 traces". */
export function renderStats(stats: SpanStats, title: string, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, stats);
  if (stats.groups.length === 0) return ['no traces'];
  const names = stats.groupKeys;
  const columns: TableColumn[] = [
    // Roomier names at 80 columns and up (dropping min and max is better than an unreadable name).
    ...groupColumns(names, width >= 80 ? 12 : 8, width >= 80 ? (names.length > 2 ? 12 : 24) : 10),
    { header: 'SPANS', align: 'right', dropOrder: 5 },
    { header: 'TOTAL', align: 'right', dropOrder: 4 },
    { header: 'SELF', align: 'right' },
    { header: 'SELF%', align: 'right' },
    { header: 'AVG', align: 'right', dropOrder: 3 },
    { header: 'MIN', align: 'right', dropOrder: 1 },
    { header: 'MAX', align: 'right', dropOrder: 2 },
  ];
  const rows = stats.groups.map((g): TableCell[] => [
    ...groupCells(names, g.keys, theme),
    String(g.count),
    ms(g.totalMs),
    ms(g.selfMs),
    formatPercent(stats.traceDurationMs === 0 ? 0 : g.selfMs / stats.traceDurationMs),
    ms(g.avgMs),
    ms(g.minMs),
    ms(g.maxMs),
  ]);
  const spans = stats.groups.reduce((sum, g) => sum + g.count, 0);
  return [
    theme.bold(truncate(`Span statistics of ${title}, by ${byWords(names)}`, width)),
    '',
    ...renderTable(columns, rows, width, theme),
    '',
    theme.dim(truncate(`${spans} span${spans === 1 ? '' : 's'}; SELF% is self time over the ${ms(stats.traceDurationMs)} the trace${stats.traces === 1 ? ' lasts' : 's last'}`, width)),
  ];
}

/** "service", "service and operation", "service, kind and attr.http.route". */
function byWords(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
