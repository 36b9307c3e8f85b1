/**
 * `tracectl spans` for people: one aligned row per span that fits the width. The widest of the names
 * and chosen attributes is cut first (with an ellipsis; names to no less than 12 cells, attributes
 * 6); when that is not enough, the span id column goes, then the start time;
 * trace ids are shown as the shortest prefix (at least 8) that tells the listed traces apart, which
 * `--trace` accepts. The chosen attributes come last, so a narrow terminal cuts them, not the span.
 */
import type { SpanListResult, SpanRow } from '../analyses/span-list.js';
import type { SpanSortKey } from '../analyses/span-sort-keys.js';
import type { AttrValue } from '../model/span.js';
import { formatDuration, formatStartTime } from './format.js';
import { sanitize } from './sanitize.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { displayWidth, truncate } from './text.js';
import type { Theme } from './theme.js';

export interface SpanListView {
  readonly result: SpanListResult;
  readonly sort: SpanSortKey;
  /** The --attrs keys, in order. */
  readonly columns: readonly string[];
  /** Whether --where chose the spans (the footer says "matching"). */
  readonly filtered: boolean;
}

const ORDER_WORDS: Readonly<Record<SpanSortKey, string>> = {
  duration: 'longest first',
  '-duration': 'shortest first',
  start: 'earliest first',
  '-start': 'latest first',
};

export function renderSpanList(view: SpanListView, theme: Theme, width: number): string[] {
  const { result } = view;
  const rows = result.spans;
  if (rows.length === 0) return [view.filtered ? 'No span matches --where' : 'no spans'];
  const sameDay = rows.every((r) => r.startTime.slice(0, 10) === rows[0]!.startTime.slice(0, 10));
  const ids = rows.map((r) => sanitize(r.traceId));
  const idWidth = Math.min(32, Math.max(8, uniquePrefixLength(ids)));
  const attrTexts = rows.map((r) => view.columns.map((key) => attrText(r.columns[key])));

  const keys = view.columns.map((key) => sanitize(key));
  const base: TableColumn[] = [
    { header: 'TRACE' },
    { header: 'SPAN', dropOrder: 1 },
    { header: 'SERVICE', shrink: true, minWidth: 12 },
    { header: 'OPERATION', shrink: true, minWidth: 12 },
    { header: 'KIND' },
    { header: 'START', dropOrder: 2 },
    { header: 'DURATION', align: 'right' },
    { header: 'STATUS' },
  ];
  const cells = rows.map((r, i): TableCell[] => [
    ids[i]!.slice(0, idWidth),
    sanitize(r.spanId),
    { text: sanitize(r.service), style: (t) => theme.service(r.service, t) },
    sanitize(r.operation),
    r.kind,
    sameDay ? formatStartTime(r.startTime).slice(11) : formatStartTime(r.startTime),
    formatDuration(r.durationMs * 1e6),
    r.status === 'error' ? { text: r.status, style: (t) => theme.error(t) } : r.status,
    ...attrTexts[i]!,
  ]);
  // The keys head their columns in full when everything but the span id fits; else they are cut
  // to their end, so that a long key does not take the room of the names.
  const fixed = base.map((col, c) => naturalWidth(col.header, cells.map((row) => row[c]!)));
  const valueWidths = keys.map((_, k) => maxOf(attrTexts.map((t) => displayWidth(t[k]!)), 0));
  const wanted = (room: number): number =>
    fixed.reduce((sum, w, c) => sum + (base[c]!.header === 'SPAN' ? 0 : w), 0) +
    keys.reduce((sum, key, k) => sum + Math.max(valueWidths[k]!, displayWidth(attrHeader(key, valueWidths[k]!, room))), 0) +
    2 * (base.length - 2 + keys.length);
  const room = [Infinity, 10].find((r) => wanted(r) <= width) ?? 6;
  const columns: TableColumn[] = [...base, ...keys.map((key, k): TableColumn => ({ header: attrHeader(key, valueWidths[k]!, room), shrink: true, minWidth: 6 }))];
  const lines = renderTable(columns, cells, width, theme);
  lines.push(theme.dim(truncate(footer(view, rows, sameDay), width)));
  return lines;
}

function footer(view: SpanListView, rows: readonly SpanRow[], sameDay: boolean): string {
  const { matched } = view.result;
  const noun = `span${matched === 1 ? '' : 's'}${view.filtered ? ' matching --where' : ''}`;
  const count = rows.length < matched ? `${rows.length} of ${matched} ${noun}` : `${matched} ${noun}`;
  const day = sameDay ? ` on ${rows[0]!.startTime.slice(0, 10)} (UTC)` : ' (UTC)';
  return `${count}${day}, ${ORDER_WORDS[view.sort]}`;
}

/** An attribute as a cell: text as it is (escaped), other values as JSON; nothing when missing. */
function attrText(value: AttrValue | undefined): string {
  if (value === undefined || value === null) return '';
  return sanitize(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * An attribute column's header: the key, or when the key is longer than both the values under it
 * and `room`, its end after an ellipsis (`…tus_code`: the end of a dotted key tells most).
 */
function attrHeader(key: string, valueWidth: number, room: number): string {
  const fit = Math.max(room, valueWidth);
  if (displayWidth(key) <= fit) return key;
  const chars = [...key];
  let tail = '';
  for (let i = chars.length - 1; i >= 0 && displayWidth(chars[i]! + tail) <= fit - 1; i--) tail = chars[i]! + tail;
  return `…${tail}`;
}

function naturalWidth(header: string, cells: readonly TableCell[]): number {
  return maxOf(cells.map((cell) => displayWidth(typeof cell === 'string' ? cell : cell.text)), displayWidth(header));
}

/** The largest of `values`, at least `floor`; a loop, since a spread of many rows overflows the stack. */
function maxOf(values: readonly number[], floor: number): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The shortest prefix length that tells every id apart. */
function uniquePrefixLength(ids: readonly string[]): number {
  const sorted = [...new Set(ids)].sort();
  let len = 1;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    len = Math.max(len, k + 1);
  }
  return len;
}
