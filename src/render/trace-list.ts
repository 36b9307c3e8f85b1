/**
 * `tracectl traces` for people: an aligned table that fits the width, ids shortened to a unique
 * prefix (which `--trace` accepts) when the full ids do not fit.
 */
import type { TraceList } from '../analyses/trace-list.js';
import { formatDuration, formatStartTime } from './format.js';
import { padEnd, padStart, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { maxOf, uniquePrefixLength } from './id-prefix.js';

export function renderTraceList(list: TraceList, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, list);
  if (list.traces.length === 0) return ['no traces'];
  const table = traceListTable(list, theme, width);
  return [table.header, ...table.rows, table.summary];
}

/** The table's parts: a screen shows the header, the rows in view and the summary apart. */
export interface TraceListTable {
  readonly header: string;
  /** One line per trace, in the list's order. */
  readonly rows: string[];
  readonly summary: string;
}

/** The table of a non-empty list. */
export function traceListTable(list: TraceList, theme: Theme, width: number): TraceListTable {
  const rows = list.traces;
  const sameDay = rows.every((r) => r.startTime.slice(0, 10) === rows[0]!.startTime.slice(0, 10));
  // Ids that failed to parse are kept as given: escaped like every other dump string.
  const ids = rows.map((r) => sanitize(r.traceId));
  // At most 32 (a 128-bit id): a longer one was kept as written and shows as its prefix.
  const fullIdWidth = Math.min(32, maxOf(ids.map((id) => id.length), 0));
  const unique = uniquePrefixLength(ids);
  let idWidth = width >= 120 ? fullIdWidth : Math.min(fullIdWidth, Math.max(16, unique));

  const cells = rows.map((r, i) => ({
    root: sanitize(`${r.rootService} ${r.rootOperation}`.trim()),
    service: r.rootService,
    start: sameDay ? formatStartTime(r.startTime).slice(11) : formatStartTime(r.startTime),
    duration: formatDuration(r.durationMs * 1e6),
    spans: String(r.spans),
    services: String(r.services),
    errors: String(r.errors),
    hasErrors: r.errors > 0,
  }));
  const w = {
    start: maxOf(cells.map((c) => c.start.length), 5),
    duration: maxOf(cells.map((c) => c.duration.length), 8),
    spans: maxOf(cells.map((c) => c.spans.length), 5),
    services: maxOf(cells.map((c) => c.services.length), 4),
    errors: maxOf(cells.map((c) => c.errors.length), 6),
  };
  // Columns a narrow line does without, in this order (the id, root, duration and errors stay).
  const show = { start: true, spans: true, services: true };
  const ifShown = (on: boolean, cells: number): number => (on ? cells + 2 : 0);
  // The columns after ROOT, each with the two spaces before it, and the two between TRACE and ROOT.
  const others = (): number => ifShown(show.start, w.start) + w.duration + 2 + ifShown(show.spans, w.spans) + ifShown(show.services, w.services) + w.errors + 2 + 2;
  // Too wide for the line: first the milliseconds of a full date go, then the ROOT column narrows
  // (to 4), then the ids are cut short of a unique prefix (to 8, marked with an ellipsis), and when
  // even that does not fit, SVCS, SPANS and START are left out in turn.
  for (const column of ['services', 'spans', 'start'] as const) if (8 + others() + 4 > width) show[column] = false;
  if (idWidth + others() + 10 > width && !sameDay) {
    for (const c of cells) c.start = c.start.replace(/\.\d{3}$/, '');
    w.start = maxOf(cells.map((c) => c.start.length), 5);
  }
  if (idWidth + others() + 4 > width) idWidth = Math.max(8, width - others() - 4);
  const room = width - idWidth - others();
  const rootWidth = Math.max(4, Math.min(10, room), Math.min(room, maxOf(cells.map((c) => c.root.length), 4)));
  // A unique prefix is shown as it is (--trace takes it); one cut shorter ends in an ellipsis.
  const idCell = (id: string): string => padEnd(id.length <= idWidth ? id : idWidth >= unique ? id.slice(0, idWidth) : truncate(id, idWidth), idWidth);

  const header = [
    padEnd('TRACE', idWidth),
    padEnd('ROOT', rootWidth),
    ...(show.start ? [padEnd('START', w.start)] : []),
    padStart('DURATION', w.duration),
    ...(show.spans ? [padStart('SPANS', w.spans)] : []),
    ...(show.services ? [padStart('SVCS', w.services)] : []),
    padStart('ERRORS', w.errors),
  ].join('  ');
  const lines: string[] = [];
  for (const [i, c] of cells.entries()) {
    const root = padEnd(truncate(c.root, rootWidth), rootWidth);
    const serviceLen = Math.min(c.service.length, root.length);
    const coloredRoot = theme.service(c.service, root.slice(0, serviceLen)) + root.slice(serviceLen);
    const errors = padStart(c.errors, w.errors);
    lines.push(
      [
        idCell(ids[i]!),
        coloredRoot,
        ...(show.start ? [padEnd(c.start, w.start)] : []),
        padStart(c.duration, w.duration),
        ...(show.spans ? [padStart(c.spans, w.spans)] : []),
        ...(show.services ? [padStart(c.services, w.services)] : []),
        c.hasErrors ? theme.error(errors) : errors,
      ].join('  '),
    );
  }
  const day = sameDay ? ` on ${rows[0]!.startTime.slice(0, 10)} (UTC)` : ' (UTC)';
  const shown = list.traces.length < list.total ? `${list.traces.length} of ${list.total} traces` : `${list.total} trace${list.total === 1 ? '' : 's'}`;
  return { header: theme.bold(header), rows: lines, summary: theme.dim(truncate(`${shown}${day}`, width)) };
}
