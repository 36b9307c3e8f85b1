/**
 * `tracectl spans` for people: one aligned row per span that fits the width. Names come first: to
 * make room, the span id column goes, then long attribute keys are cut in their headers, then the
 * start time goes, then attribute values are cut; names are cut (with an ellipsis) last;
 * trace ids are shown as the shortest prefix (at least 8) that tells the listed traces apart, which
 * `--trace` accepts. The chosen attributes come last, so a narrow terminal cuts them, not the span.
 */
import type { SpanListResult, SpanRow } from '../analyses/span-list.js';
import type { SpanSortKey } from '../analyses/span-list-choices.js';
import type { AttrValue } from '../model/span.js';
import { formatDuration, formatStartTime } from './format.js';
import { sanitize } from './sanitize.js';
import { renderTable, type TableCell, type TableColumn } from './table.js';
import { displayWidth, truncate } from './text.js';
import type { Theme } from './theme.js';
import { maxOf, uniquePrefixLength } from './id-prefix.js';

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
    { header: 'SPAN' },
    { header: 'SERVICE', shrink: true, minWidth: 12 },
    { header: 'OPERATION', shrink: true, minWidth: 12 },
    { header: 'KIND' },
    { header: 'START' },
    { header: 'DURATION', align: 'right' },
    { header: 'STATUS' },
  ];
  const baseCells = rows.map((r, i): TableCell[] => [
    [...ids[i]!].slice(0, idWidth).join(''),
    sanitize(r.spanId),
    { text: sanitize(r.service), style: (t) => theme.service(r.service, t) },
    sanitize(r.operation),
    r.kind,
    sameDay ? formatStartTime(r.startTime).slice(11) : formatStartTime(r.startTime),
    formatDuration(r.durationMs * 1e6),
    r.status === 'error' ? { text: r.status, style: (t) => theme.error(t) } : r.status,
  ]);
  const layout = chooseLayout(
    base.map((col, c) => naturalWidth(col.header, baseCells.map((row) => row[c]!))),
    keys.map((key) => displayWidth(key)),
    keys.map((_, k) => maxOf(attrTexts.map((t) => displayWidth(t[k]!)), 0)),
    width,
  );
  const shown = base.map((_, c) => c).filter((c) => !layout.hidden.includes(c));
  const columns: TableColumn[] = [...shown.map((c) => base[c]!), ...keys.map((key, k): TableColumn => ({ header: attrHeader(key, layout.attrWidths[k]!), shrink: true, minWidth: 6 }))];
  const cells = baseCells.map((row, i) => [...shown.map((c) => row[c]!), ...attrTexts[i]!.map((text, k) => truncate(text, layout.attrWidths[k]!))]);
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

const SPAN_COLUMN = 1;
const START_COLUMN = 5;
/** The narrowest an attribute column is made here (renderTable may go below on a tiny width). */
const MIN_ATTR = 6;
/** How long a key stays whole in its header while the values under it are shorter. */
const KEY_ROOM = 10;

interface Layout {
  /** Columns of the base row left out. */
  readonly hidden: readonly number[];
  readonly attrWidths: readonly number[];
}

/**
 * Which columns to show and how wide the attribute columns are, best first: everything; without
 * the span id; then keys cut to their end (KEY_ROOM); then without the start; then attribute values
 * cut, widest first, down to MIN_ATTR. Names are never cut here: renderTable cuts them only when
 * even the last layout does not fit.
 */
function chooseLayout(baseWidths: readonly number[], keyWidths: readonly number[], valueWidths: readonly number[], width: number): Layout {
  const full = keyWidths.map((k, i) => Math.max(1, k, valueWidths[i]!));
  const cutKeys = keyWidths.map((k, i) => Math.max(1, Math.min(k, KEY_ROOM), valueWidths[i]!));
  const used = (hidden: readonly number[], attrs: readonly number[]): number => {
    const widths = [...baseWidths.filter((_, c) => !hidden.includes(c)), ...attrs];
    return widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  };
  const tries: Layout[] = [
    { hidden: [], attrWidths: full },
    { hidden: [SPAN_COLUMN], attrWidths: full },
    { hidden: [SPAN_COLUMN], attrWidths: cutKeys },
    { hidden: [SPAN_COLUMN, START_COLUMN], attrWidths: cutKeys },
  ];
  for (const layout of tries) if (used(layout.hidden, layout.attrWidths) <= width) return layout;
  const hidden = [SPAN_COLUMN, START_COLUMN];
  const room = width - used(hidden, []) - 2 * keyWidths.length;
  // The largest cap that fits: each column gets min(its width, cap), never below MIN_ATTR.
  let lo = MIN_ATTR;
  let hi = maxOf(cutKeys, MIN_ATTR);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cutKeys.reduce((sum, w) => sum + Math.min(w, mid), 0) <= room) lo = mid;
    else hi = mid - 1;
  }
  return { hidden, attrWidths: cutKeys.map((w) => Math.min(w, lo)) };
}

/**
 * An attribute column's header: the key, or when it is wider than the column, its end after an
 * ellipsis (`…tus_code`: the end of a dotted key tells most).
 */
function attrHeader(key: string, width: number): string {
  if (displayWidth(key) <= width) return key;
  const chars = [...key];
  let tail = '';
  for (let i = chars.length - 1; i >= 0 && displayWidth(chars[i]! + tail) <= width - 1; i--) tail = chars[i]! + tail;
  return `…${tail}`;
}

function naturalWidth(header: string, cells: readonly TableCell[]): number {
  return maxOf(cells.map((cell) => displayWidth(typeof cell === 'string' ? cell : cell.text)), displayWidth(header));
}
