/**
 * `tracectl stats` for people: one row per service (or service+operation), most self time first,
 * with self time as a share of the traces' duration (Jaeger UI's "ST in duration"), fitted to the
 * width: names are cut first, then min, max, average, total and the span count dropped in that order.
 */
import type { SpanStats } from '../analyses/stats.js';
import { formatDuration, formatPercent } from './format.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';

const ms = (value: number): string => formatDuration(value * 1e6);

/** `title`: what the figures are of, e.g. "trace 4bf9…" or "12 traces". */
export function renderStats(stats: SpanStats, byOperation: boolean, title: string, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, stats);
  if (stats.groups.length === 0) return ['no traces'];
  const columns: TableColumn[] = [
    // Roomier names at 80 columns and up (dropping min and max is better than an unreadable name).
    { header: 'SERVICE', shrink: true, minWidth: width >= 80 ? 12 : 8 },
    ...(byOperation ? [{ header: 'OPERATION', shrink: true, minWidth: width >= 80 ? 24 : 10 }] : []),
    { header: 'SPANS', align: 'right', dropOrder: 5 },
    { header: 'TOTAL', align: 'right', dropOrder: 4 },
    { header: 'SELF', align: 'right' },
    { header: 'SELF%', align: 'right' },
    { header: 'AVG', align: 'right', dropOrder: 3 },
    { header: 'MIN', align: 'right', dropOrder: 1 },
    { header: 'MAX', align: 'right', dropOrder: 2 },
  ];
  const rows = stats.groups.map((g): TableCell[] => [
    { text: sanitize(g.service), style: (t) => theme.service(g.service, t) },
    ...(byOperation ? [sanitize(g.operation ?? '')] : []),
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
    theme.bold(truncate(`Span statistics of ${title}, by ${byOperation ? 'service and operation' : 'service'}`, width)),
    '',
    ...renderTable(columns, rows, width, theme),
    '',
    theme.dim(truncate(`${spans} span${spans === 1 ? '' : 's'}; SELF% is self time over the ${ms(stats.traceDurationMs)} the trace${stats.traces === 1 ? ' lasts' : 's last'}`, width)),
  ];
}
