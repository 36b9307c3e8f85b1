/**
 * `tracectl critical-path` for people. One trace: its sections in time order, then how much of the
 * path each service and each operation owns. A dump: one row per service+operation with its total
 * time on critical paths, share, trace count and per-trace percentiles (per root operation with
 * --by-root), or per `--by` keys. Tables fit the width: names are cut first, then the least useful columns dropped.
 */
import type { CriticalAggregate, CriticalAggregateResult, CriticalFigures, KeyedCriticalAggregate } from '../analyses/critical-path-aggregate.js';
import type { GroupKeyValues } from '../analyses/group-values.js';
import { groupCells, groupColumns } from './group-columns.js';
import type { TraceCriticalPath } from '../analyses/critical-path-report.js';
import { formatDuration, formatPercent } from './format.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { appendLines } from './append-lines.js';

const ms = (value: number): string => formatDuration(value * 1e6);

function serviceCell(service: string, theme: Theme): TableCell {
  return { text: sanitize(service), style: (t) => theme.service(service, t) };
}

export function renderTraceCriticalPath(result: TraceCriticalPath, root: { service: string; operation: string }, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, [result, root]);
  const lines = [theme.bold(truncate(`Critical path of trace ${sanitize(result.traceId)}`, width))];
  const rootName = sanitize(`${root.service} ${root.operation}`.trim());
  if (result.sections.length === 0) {
    lines.push(truncate(`root ${rootName} lasts ${ms(result.durationMs)}: nothing is on its critical path`, width));
    return lines;
  }
  const spans = new Set(result.sections.map((s) => s.spanId)).size;
  lines.push(
    theme.dim(truncate(`root ${rootName}, ${ms(result.durationMs)}; ${result.sections.length} section${result.sections.length === 1 ? '' : 's'} on ${spans} span${spans === 1 ? '' : 's'}`, width)),
    '',
  );

  const total = result.durationMs;
  // END is START + DURATION (and the next row's START): the first to go when names need the room.
  const sectionColumns: TableColumn[] = [
    { header: 'START', align: 'right' },
    { header: 'END', align: 'right', dropOrder: 1 },
    { header: 'DURATION', align: 'right' },
    { header: 'SHARE', align: 'right', dropOrder: 3 },
    { header: 'SPAN', dropOrder: 2 },
    { header: 'SERVICE', shrink: true, minWidth: width >= 80 ? 10 : 8 },
    { header: 'OPERATION', shrink: true, minWidth: width >= 80 ? 24 : 10 },
  ];
  const sectionRows = result.sections.map((s): TableCell[] => {
    const duration = s.endOffsetMs - s.startOffsetMs;
    return [
      ms(s.startOffsetMs),
      ms(s.endOffsetMs),
      ms(duration),
      formatPercent(total === 0 ? 0 : duration / total),
      sanitize(s.spanId),
      serviceCell(s.service, theme),
      sanitize(s.operation),
    ];
  });
  appendLines(lines, renderTable(sectionColumns, sectionRows, width, theme));
  lines.push('');

  // Per service: the per-operation figures summed, so the two tables always agree.
  const byService = new Map<string, { criticalMs: number; share: number }>();
  for (const o of result.byOperation) {
    const entry = byService.get(o.service) ?? { criticalMs: 0, share: 0 };
    entry.criticalMs += o.criticalMs;
    entry.share += o.share;
    byService.set(o.service, entry);
  }
  const services = [...byService].sort((a, b) => b[1].criticalMs - a[1].criticalMs || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  lines.push(
    ...renderTable(
      [{ header: 'SERVICE', shrink: true, minWidth: 8 }, { header: 'CRITICAL', align: 'right' }, { header: 'SHARE', align: 'right' }],
      services.map(([service, e]): TableCell[] => [serviceCell(service, theme), ms(e.criticalMs), formatPercent(e.share)]),
      width,
      theme,
    ),
    '',
  );
  lines.push(
    ...renderTable(
      [
        { header: 'SERVICE', shrink: true, minWidth: 8 },
        { header: 'OPERATION', shrink: true, minWidth: 10 },
        { header: 'CRITICAL', align: 'right' },
        { header: 'SHARE', align: 'right' },
      ],
      result.byOperation.map((o): TableCell[] => [serviceCell(o.service, theme), sanitize(o.operation), ms(o.criticalMs), formatPercent(o.share)]),
      width,
      theme,
    ),
  );
  return lines;
}

/** Figures of one row of an aggregate table, with its keys. */
interface AggregateRow extends CriticalFigures {
  readonly keys: GroupKeyValues;
}

interface AggregateGroup {
  readonly totalCriticalMs: number;
  readonly rows: readonly AggregateRow[];
  readonly omitted: CriticalAggregate['omitted'];
}

const OPERATION_KEYS = ['service', 'operation'];

function operationRows(group: CriticalAggregate): AggregateGroup {
  return { totalCriticalMs: group.totalCriticalMs, omitted: group.omitted, rows: group.operations.map(({ service, operation, ...f }) => ({ keys: { service, operation }, ...f })) };
}

export function renderCriticalAggregate(result: CriticalAggregateResult, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, result);
  return renderAggregate(
    result,
    OPERATION_KEYS,
    operationRows(result),
    result.roots?.map((r) => ({ ...r, table: operationRows(r) })),
    theme,
    width,
  );
}

/** The aggregate by `--by` keys: a column per key. */
export function renderKeyedCriticalAggregate(result: KeyedCriticalAggregate, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, result);
  const rows = (g: Omit<KeyedCriticalAggregate, 'roots' | 'groupKeys'>): AggregateGroup => ({ totalCriticalMs: g.totalCriticalMs, omitted: g.omitted, rows: g.groups });
  return renderAggregate(
    result,
    result.groupKeys,
    rows(result),
    result.roots?.map((r) => ({ ...r, table: rows(r) })),
    theme,
    width,
  );
}

function renderAggregate(
  result: { readonly traces: number; readonly totalCriticalMs: number },
  names: readonly string[],
  whole: AggregateGroup,
  roots: readonly { service: string; operation: string; traces: number; totalCriticalMs: number; table: AggregateGroup }[] | undefined,
  theme: Theme,
  width: number,
): string[] {
  if (result.traces === 0) return ['no traces'];
  const traces = `${result.traces} trace${result.traces === 1 ? '' : 's'}`;
  const lines: string[] = [];
  if (roots === undefined) {
    lines.push(theme.bold(truncate(`Critical path over ${traces}: ${ms(result.totalCriticalMs)} in total (the root spans' durations)`, width)), '');
    appendLines(lines, aggregateTable(names, whole, theme, width));
  } else {
    lines.push(theme.bold(truncate(`Critical path over ${traces}, by root operation: ${ms(result.totalCriticalMs)} in total`, width)));
    for (const group of roots) {
      const share = result.totalCriticalMs === 0 ? 0 : group.totalCriticalMs / result.totalCriticalMs;
      const n = `${group.traces} trace${group.traces === 1 ? '' : 's'}`;
      const name = sanitize(`${group.service} ${group.operation}`.trim());
      lines.push('', truncate(`${name}: ${n}, ${ms(group.totalCriticalMs)} (${formatPercent(share)})`, width));
      appendLines(lines, aggregateTable(names, group.table, theme, width));
    }
  }
  const shareOf = roots === undefined ? 'of all critical-path time' : "of its root group's critical-path time";
  lines.push('', theme.dim(truncate(`SHARE: ${shareOf}; P50-P99: per trace it is on`, width)));
  return lines;
}

function aggregateTable(names: readonly string[], group: AggregateGroup, theme: Theme, width: number): string[] {
  if (group.rows.length === 0) return [theme.dim('nothing on the critical path (roots of 0 ns)')];
  const columns: TableColumn[] = [
    // Roomier names at 80 columns and up (dropping a percentile is better than an unreadable name).
    ...groupColumns(names, width >= 80 ? 12 : 8, width >= 80 ? (names.length > 2 ? 12 : 24) : 10),
    { header: 'CRITICAL', align: 'right' },
    { header: 'SHARE', align: 'right' },
    { header: 'TRACES', align: 'right', dropOrder: 4 },
    { header: 'P50', align: 'right', dropOrder: 2 },
    { header: 'P90', align: 'right', dropOrder: 1 },
    { header: 'P99', align: 'right', dropOrder: 3 },
  ];
  const rows = group.rows.map((o): TableCell[] => [
    ...groupCells(names, o.keys, theme),
    ms(o.criticalMs),
    formatPercent(o.share),
    String(o.traces),
    ms(o.p50Ms),
    ms(o.p90Ms),
    ms(o.p99Ms),
  ]);
  const lines = renderTable(columns, rows, width, theme);
  if (group.omitted.operations > 0) {
    const share = group.totalCriticalMs === 0 ? 0 : group.omitted.criticalMs / group.totalCriticalMs;
    const what = names === OPERATION_KEYS ? 'operation' : 'group';
    const more = `… ${group.omitted.operations} more ${what}${group.omitted.operations === 1 ? '' : 's'}: ${ms(group.omitted.criticalMs)} (${formatPercent(share)})`;
    lines.push(theme.dim(truncate(more, width)));
  }
  return lines;
}
