/**
 * `tracectl waterfall` for people: a header, a time axis, then one line per row — tree guides,
 * service and operation, duration, and a bar placed on the trace's timeline — fitted to the width
 * (names are cut with an ellipsis, never wrapped; the bar gets the space left). Errors are red with ✗
 * and their message on the line below; critical-path rows are marked ◆; problems the model found
 * (clock skew corrected, orphans, missing times, ...) are tagged on their row and explained once.
 */
import type { Waterfall, WaterfallRow, WaterfallView } from '../analyses/waterfall.js';
import { formatTick } from './time-axis.js';
import type { AttrValue } from '../model/span.js';
import type { WarningCode } from '../model/warnings.js';
import { renderBar } from './bar.js';
import { formatDuration, formatStartTime } from './format.js';
import { displayWidth, padStart, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { renderTimeAxis } from './time-axis.js';
import { TreeGuideModel } from './tree-guides.js';
import { appendLines } from './append-lines.js';
import { abbreviateServices } from './service-abbreviations.js';

/** What the user asked for, to say why spans are missing. */
export interface WaterfallFilterLabels {
  readonly minDuration?: string;
  readonly maxDepth?: number;
  readonly picking?: string;
}

/** Short tags for the problems the model flags on spans, and what they mean (for the legend). */
const FLAG_TAGS: Partial<Record<WarningCode, readonly [string, string]>> = {
  'clock-skew': ['skew', 'its clock was off: moved to fit its parent (--no-adjust: as recorded)'],
  'orphan-span': ['orphan', 'parent not in the trace, shown as a root'],
  'missing-timestamp': ['no-time', "no timestamp, placed at its parent's start"],
  'missing-duration': ['no-dur', 'no duration, shown as 0'],
  'duplicate-span-id': ['dup-id', 'another span has the same id'],
  'parent-cycle': ['cycle', 'parents formed a loop, cut here'],
  'self-parent': ['self-parent', 'named itself as its parent'],
  'suspect-timestamp': ['odd-time', 'a timestamp in an unlikely unit'],
  'invalid-id': ['bad-id', 'id is not hex'],
};
const ASYNC_TAG: readonly [string, string] = ['async', 'does not block its parent (FOLLOWS_FROM, consumer)'];

const CRITICAL = '◆';
/** Marks the rows --where matched. */
const MATCH = '▸';
const ERROR = '✗';
/** At the edge of a bar cut by the --zoom window: the span goes on before / after it. */
const BEFORE = '«';
const AFTER = '»';
const EVENT_MARK = '•';
const EXCEPTION_MARK = '!';
/** The kinds that say which side of a call or a message a span is: an arrow before the name. */
const KIND_MARKS: Partial<Record<string, readonly [string, string]>> = {
  client: ['→', 'client (calls out)'],
  server: ['←', 'server (handles a call)'],
  producer: ['↑', 'producer (sends a message)'],
  consumer: ['↓', 'consumer (receives a message)'],
};
const LINKS_TAG: readonly [string, string] = ['links', 'links to other spans (tracectl span --span ID lists them)'];
/** The bar column's minimum: a quarter of the line, and never under 12 cells. */
function minBarWidth(width: number): number {
  return Math.max(12, Math.floor(width / 4));
}

interface Cell {
  readonly row: MeasuredRow;
  /** The service as shown: sanitized, perhaps shortened. */
  readonly service: string;
  readonly name: string;
  readonly tags: string;
  readonly duration: string;
}

/** What the header and the columns need of a waterfall: all but its rows. */
export type WaterfallHead = Omit<Waterfall, 'hidden' | 'spans'>;

/** What the columns need of a row: a screen measuring a million spans hands these, not whole rows. */
export type MeasuredRow = Pick<WaterfallRow, 'depth' | 'service' | 'operation' | 'kind' | 'durationMs' | 'error' | 'flags' | 'async' | 'collapsed' | 'count'> & {
  readonly links: { readonly length: number };
};

/** The rows a waterfall is laid out from: an array, or rows measured on demand (a screen's). */
export interface WaterfallRows {
  readonly length: number;
  at(i: number): MeasuredRow;
}

/**
 * Where each part of a row goes, decided once from every row (the widest name, the longest
 * duration), so rows can then be drawn one at a time and still line up: the whole waterfall draws
 * them all, a screen only those in view.
 */
export interface WaterfallColumns {
  readonly width: number;
  /** Cells before the tree guide: the critical-path and --where marks. */
  readonly gutter: number;
  readonly showWhere: boolean;
  readonly showCritical: boolean;
  /** Cells of guide, label and tags. */
  readonly leftW: number;
  readonly durW: number;
  readonly barX: number;
  readonly barW: number;
  /** Widest tree guide (before the innermost levels are kept). */
  readonly guideMax: number;
  /** The window the bars show, in ms from the trace start (--zoom; else the whole trace or --root subtree). */
  readonly fromMs: number;
  readonly totalMs: number;
  /** The depth the tree guides start at (the --root span's; else 0): subtract it from each row's. */
  readonly topDepth: number;
  /** Services shown shortened (sanitized name → short form), listed in the legend. */
  readonly abbreviations: ReadonlyMap<string, string>;
  /** The time axis's two lines (labels, ruler), dim. */
  readonly axis: readonly [string, string];
  /** The tree guides of the rows measured, in their order (depths less `topDepth`). */
  readonly guides: TreeGuideModel;
}

/** Extra text a screen puts on a row, among its tags (a fold's hidden count). */
export interface RowExtras {
  readonly tag?: string;
}

export function renderWaterfall(w: Waterfall, theme: Theme, width: number, labels: WaterfallFilterLabels = {}): string[] {
  theme = theme.withServices(w.services);
  const lines: string[] = [];
  const fit = (text: string): string => truncate(text, width);
  appendLines(lines, waterfallHeader(w, theme, width));
  if (w.spans.length === 0) {
    lines.push('', fit('no spans to show with these filters'));
    appendLines(lines, footer(w, theme, width, labels, new Map()));
    return lines;
  }
  const rows = w.spans;
  const columns = waterfallColumns(w, { length: rows.length, at: (i) => rows[i]! }, width);
  const guides = columns.guides;
  lines.push(theme.dim(columns.axis[0]), theme.dim(columns.axis[1]));
  for (let i = 0; i < rows.length; i++) appendLines(lines, waterfallRowLines(columns, guides, i, rows[i]!, theme));
  appendLines(lines, footer(w, theme, width, labels, columns.abbreviations));
  return lines;
}

/** The columns for these rows at this width; the rows are read once (twice when services must be shortened), none kept. */
export function waterfallColumns(w: WaterfallHead, rows: WaterfallRows, width: number): WaterfallColumns {
  const showWhere = w.matchedSpans !== undefined;
  const whereW = showWhere ? 2 : 0;
  const gutter = (w.criticalPath ? 2 : 0) + whereW;
  // A loop, not Math.max(...rows): a million arguments overflow the stack.
  let durW = 0;
  let top = Infinity;
  const depths = new Int32Array(rows.length);
  const labelW = new Int32Array(rows.length);
  const shown = new Map<string, string>();
  const shownService = (service: string): string => {
    let s = shown.get(service);
    if (s === undefined) shown.set(service, (s = sanitize(service)));
    return s;
  };
  // Runs of equal durations (siblings, generated load) are formatted once.
  let lastMs = NaN;
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i);
    depths[i] = row.depth;
    top = Math.min(top, row.depth);
    if (row.durationMs !== lastMs) {
      lastMs = row.durationMs;
      durW = Math.max(durW, formatDuration(Math.round(row.durationMs * 1e6)).length);
    }
    labelW[i] = labelWidth(row, shownService(row.service));
  }
  // Under --root the root's subtree is the whole tree: its guides start at the root.
  const topDepth = w.view.rootSpanId === null || rows.length === 0 ? 0 : top;
  if (topDepth > 0) for (let i = 0; i < depths.length; i++) depths[i] = depths[i]! - topDepth;
  // Names before bars: the label column takes what it needs, leaving the bar at least its minimum.
  const leftMax = Math.max(12, width - durW - 2 - minBarWidth(width));
  // Deep trees keep their innermost levels, so names stay readable at 80 columns.
  const guideMax = Math.max(6, Math.floor((leftMax - gutter) * 0.4));
  const guides = new TreeGuideModel(depths, guideMax);
  const need = (i: number): number => gutter + guides.rowWidth(i) + labelW[i]!;
  let natural = 0;
  for (let i = 0; i < rows.length; i++) natural = Math.max(natural, need(i));
  // Still too long: the services of the rows that do not fit are shortened (everywhere) before operations are cut.
  let abbreviations: ReadonlyMap<string, string> = new Map();
  if (natural > leftMax) {
    const over: string[] = [];
    for (let i = 0; i < rows.length; i++) if (need(i) > leftMax) over.push(shownService(rows.at(i).service));
    abbreviations = abbreviateServices(over, w.services.map(sanitize));
    if (abbreviations.size > 0) {
      natural = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows.at(i);
        const service = shownService(row.service);
        labelW[i] = labelWidth(row, abbreviations.get(service) ?? service);
        natural = Math.max(natural, need(i));
      }
    }
  }
  const leftW = Math.min(natural, leftMax);
  const barX = leftW + 1 + durW + 1;
  const barW = Math.max(1, width - barX);
  const view = w.view;
  const axis = renderTimeAxis(Math.round((view.endOffsetMs - view.startOffsetMs) * 1e6), barW, Math.round((view.startOffsetMs - view.originOffsetMs) * 1e6));
  return {
    width,
    gutter,
    showWhere,
    showCritical: w.criticalPath,
    leftW,
    durW,
    barX,
    barW,
    guideMax,
    fromMs: view.startOffsetMs,
    totalMs: view.endOffsetMs - view.startOffsetMs,
    topDepth,
    abbreviations,
    axis: [' '.repeat(barX) + axis.labels, ' '.repeat(barX) + axis.ruler],
    guides,
  };
}

/**
 * Row i's lines: the row itself, then its error message (and, for --collapse and --attrs, what the
 * row stands for) on lines below. `guides` is over the rows shown, in the order shown, their depths
 * less `columns.topDepth`.
 */
export function waterfallRowLines(columns: WaterfallColumns, guides: TreeGuideModel, i: number, row: WaterfallRow, theme: Theme, extras: RowExtras = {}): string[] {
  const service = sanitize(row.service);
  const c = cellOf(row, columns.abbreviations.get(service) ?? service, extras.tag);
  const { gutter, leftW, durW, barW, width } = columns;
  const guide = guides.row(i);
  const hit = !columns.showWhere ? '' : row.matched === true ? `${theme.bold(MATCH)} ` : '  ';
  const mark = hit + (row.critical ? `${theme.accent(CRITICAL)} ` : columns.showCritical ? '  ' : '');
  const kind = KIND_MARKS[row.kind];
  const err = (row.error ? `${theme.error(ERROR)} ` : '') + (kind !== undefined ? `${theme.dim(kind[0])} ` : '');
  const room = leftW - gutter - guide.length - markWidth(row);
  const label = row.matched === true ? theme.bold(colourLabel(c, row, room, theme)) : colourLabel(c, row, room, theme);
  const from = columns.fromMs;
  const total = columns.totalMs;
  const bar = withEvents(clippedBar(row, from, total, barW), row, from, total, barW);
  const lines = [`${mark}${theme.dim(guide)}${err}${label} ${padStart(c.duration, durW)} ${row.error ? theme.error(bar) : theme.service(row.service, bar)}`];

  const indent = ' '.repeat(gutter) + guides.below(i);
  const under = (text: string, paint: (s: string) => string): void => {
    lines.push(theme.dim(indent) + paint(truncate(text, width - indent.length)));
  };
  if (row.error && row.statusMessage !== null) under(`${ERROR} ${sanitize(row.statusMessage)}`, theme.error);
  if (row.collapsed === true) under(collapsedSummary(row), theme.dim);
  if (row.attrs !== undefined && Object.keys(row.attrs).length > 0) under(attrsLine(row.attrs), (s) => s);
  return lines;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Cells of the row's marks, name and tags: what `cellOf` would measure, without building them for plain ASCII rows. */
function labelWidth(row: MeasuredRow, service: string): number {
  const op = row.operation;
  if (row.flags.length === 0 && !row.async && row.links.length === 0 && row.collapsed !== true && PRINTABLE_ASCII.test(service) && PRINTABLE_ASCII.test(op)) {
    return markWidth(row) + service.length + (op === '' ? 0 : 1 + op.length);
  }
  const c = cellOf(row, service);
  return markWidth(row) + displayWidth(c.name) + displayWidth(c.tags);
}

/** The row's name (the service as shown: sanitized, perhaps shortened), tags and duration. */
function cellOf(row: MeasuredRow, service: string, extraTag = ''): Cell {
  const tags = rowTags(row);
  const name = row.operation === '' ? service : `${service} ${sanitize(row.operation)}`;
  const count = row.collapsed === true ? ` ×${row.count}` : '';
  return { row, service, name, tags: count + extraTag + (tags.length > 0 ? ` [${tags.join(' ')}]` : ''), duration: formatDuration(Math.round(row.durationMs * 1e6)) };
}

/** Cells before the name: `✗ ` for an error, and the kind's arrow and a space. */
function markWidth(row: MeasuredRow): number {
  return (row.error ? 2 : 0) + (KIND_MARKS[row.kind] !== undefined ? 2 : 0);
}

/**
 * The span's events on its bar, at their time: • an event, ! an exception recorded on a span that
 * did not fail (on an error span the ✗ already says it). Events outside the window are not drawn;
 * the «/» edge marks stay.
 */
function withEvents(bar: string, row: WaterfallRow, from: number, total: number, width: number): string {
  if (row.events.length === 0 || total <= 0) return bar;
  const cellsOf = [...bar];
  for (const e of row.events) {
    if (e.exception && row.error) continue;
    const at = (e.offsetMs - from) / total;
    if (at < 0 || at > 1) continue;
    const col = Math.min(width - 1, Math.floor(at * width));
    while (cellsOf.length <= col) cellsOf.push(' ');
    if (cellsOf[col] === BEFORE || cellsOf[col] === AFTER) continue;
    // An exception wins its cell over an ordinary event.
    if (cellsOf[col] !== EXCEPTION_MARK) cellsOf[col] = e.exception ? EXCEPTION_MARK : EVENT_MARK;
  }
  return cellsOf.join('');
}

/**
 * The row's bar within the window [from, from + total] (ms from the trace start): cut at the edges,
 * with « where the span started before the window and » where it ends after it. A span wholly
 * outside (an ancestor kept for the tree) is only its marker.
 */
function clippedBar(row: WaterfallRow, from: number, total: number, width: number): string {
  const start = total > 0 ? (row.startOffsetMs - from) / total : 0;
  const end = total > 0 ? (row.startOffsetMs + row.durationMs - from) / total : 0;
  if (end < 0) return BEFORE;
  if (start > 1) return ' '.repeat(Math.max(0, width - 1)) + AFTER;
  let bar = renderBar(start, end, width);
  if (row.clippedStart) bar = BEFORE + bar.slice(1);
  if (row.clippedEnd) bar = [...bar].slice(0, width - 1).join('').padEnd(width - 1) + AFTER;
  return bar;
}

/** "Trace <id>  <start> · <duration> · N spans · N services · N errors", flowed onto two lines if need be. */
export function waterfallHeader(w: WaterfallHead, theme: Theme, width: number): string[] {
  const head = `Trace ${sanitize(w.traceId)}`;
  const errors = plural(w.errorCount, 'error');
  const parts = [
    `${formatStartTime(w.startTime)} UTC`,
    formatDuration(Math.round(w.durationMs * 1e6)),
    plural(w.spanCount, 'span'),
    plural(w.services.length, 'service'),
  ];
  const paint = (line: string): string => (w.errorCount > 0 && line.endsWith(errors) ? line.slice(0, -errors.length) + theme.error(errors) : line);
  const details = `${parts.join(' · ')} · ${errors}`;
  const lines: string[] = [];
  if (displayWidth(head) + 2 + displayWidth(details) <= width) lines.push(`${theme.bold(head)}  ${paint(details)}`);
  else {
    lines.push(theme.bold(truncate(head, width)));
    for (const line of flow([...parts, errors], width, ' · ')) lines.push(paint(truncate(line, width)));
  }
  for (const line of viewLines(w)) lines.push(truncate(line, width));
  return lines;
}

/** What --root and --zoom narrowed the view to, under the header. */
function viewLines(w: WaterfallHead & { readonly spans?: readonly WaterfallRow[] }): string[] {
  const v = w.view;
  const lines: string[] = [];
  if (v.rootSpanId !== null) {
    const first = w.spans?.[0];
    const root = first?.spanId === v.rootSpanId ? first : undefined;
    const name = root === undefined ? '' : ` ${sanitize(root.operation === '' ? root.service : `${root.service} ${root.operation}`)}`;
    lines.push(`Root ${sanitize(v.rootSpanId)}${name} · ${formatDuration(ns(v.fullDurationMs))} from +${formatDuration(ns(v.originOffsetMs))}`);
  }
  if (v.zoomed) lines.push(`Zoom ${zoomLabel(v)} of ${formatDuration(ns(v.fullDurationMs))}`);
  return lines;
}

/** The window as offsets from the view's origin, as --zoom takes them. */
function zoomLabel(v: WaterfallView): string {
  return `${formatTick(ns(v.startOffsetMs - v.originOffsetMs))}..${formatTick(ns(v.endOffsetMs - v.originOffsetMs))}`;
}

function ns(ms: number): number {
  return Math.round(ms * 1e6);
}

/** The label cut to `room` cells, keeping the tags when the name can give way; service coloured. */
function colourLabel(c: Cell, row: WaterfallRow, room: number, theme: Theme): string {
  const tagW = displayWidth(c.tags);
  let name: string;
  let tags: string;
  if (displayWidth(c.name) + tagW <= room) {
    name = c.name;
    tags = c.tags;
  } else if (room - tagW >= 8) {
    name = truncate(c.name, room - tagW);
    tags = c.tags;
  } else {
    // Too narrow for both: cut the whole label; the tags go first.
    name = truncate(c.name + c.tags, room);
    tags = '';
  }
  const service = c.service;
  let painted: string;
  if (name.startsWith(service)) {
    const op = name.slice(service.length);
    painted = theme.service(row.service, service) + (row.error ? theme.error(op) : op);
  } else {
    painted = theme.service(row.service, name);
  }
  const used = displayWidth(name) + displayWidth(tags);
  return painted + styleTags(tags, theme) + ' '.repeat(Math.max(0, room - used));
}

/** " ×12 [skew async]": the count bold, the flags dim. */
function styleTags(tags: string, theme: Theme): string {
  const open = tags.indexOf(' [');
  if (open < 0) return theme.bold(tags);
  return theme.bold(tags.slice(0, open)) + theme.dim(tags.slice(open));
}

function rowTags(row: MeasuredRow): string[] {
  const tags: string[] = [];
  for (const flag of row.flags) tags.push(FLAG_TAGS[flag]?.[0] ?? flag);
  if (row.async) tags.push(ASYNC_TAG[0]);
  if (row.links.length > 0) tags.push(row.links.length === 1 ? '1 link' : `${row.links.length} links`);
  return tags;
}

function collapsedSummary(row: WaterfallRow): string {
  const ms = (v: number | undefined): string => formatDuration(Math.round((v ?? 0) * 1e6));
  const parts = [`${row.count} spans`, `total ${ms(row.totalMs)}`, `avg ${ms(row.avgMs)}`, `max ${ms(row.maxMs)}`];
  if ((row.errorCount ?? 0) > 0) parts.push(plural(row.errorCount ?? 0, 'error'));
  if ((row.foldedSpans ?? 0) > 0) parts.push(`${plural(row.foldedSpans ?? 0, 'span')} below folded`);
  return parts.join(' · ');
}

function attrsLine(attrs: Readonly<Record<string, AttrValue>>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${sanitize(k)}=${sanitize(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('  ');
}

function footer(w: Waterfall, theme: Theme, width: number, labels: WaterfallFilterLabels, abbreviations: ReadonlyMap<string, string>): string[] {
  const usedTags = new Set<string>();
  for (const row of w.spans) for (const tag of rowTags(row)) usedTags.add(tag);
  const lines: string[] = [];
  const h = w.hidden;
  const reasons: string[] = [];
  if (h.filtered > 0) reasons.push(`${h.filtered} not matching ${labels.picking ?? 'the filters'}`);
  if (h.shorter > 0) reasons.push(`${h.shorter} shorter than ${labels.minDuration ?? '--min-duration'}`);
  if (h.deeper > 0) reasons.push(`${h.deeper} deeper than ${labels.maxDepth !== undefined ? `--depth ${labels.maxDepth}` : '--depth'}`);
  if (h.outsideRoot > 0) reasons.push(`${h.outsideRoot} outside --root ${sanitize(w.view.rootSpanId ?? '')}`);
  if (h.outsideWindow > 0) reasons.push(`${h.outsideWindow} outside --zoom ${zoomLabel(w.view)}`);
  const hiddenTotal = h.filtered + h.shorter + h.deeper + h.outsideRoot + h.outsideWindow;
  if (hiddenTotal > 0) appendLines(lines, flow([`${hiddenTotal} of ${plural(w.spanCount, 'span')} hidden: ${reasons[0]!}`, ...reasons.slice(1)], width, ', '));
  if (w.matchedSpans !== undefined) lines.push(`${w.matchedSpans} of ${plural(w.spanCount, 'span')} match${w.matchedSpans === 1 ? 'es' : ''} --where`);
  if (h.folded > 0) {
    const groups = w.spans.filter((r) => r.collapsed === true).length;
    lines.push(`--collapse folded ${plural(h.folded, 'more span')} into ${plural(groups, 'row')} (×N)`);
  }

  const legend: string[] = [];
  if (w.spans.some((r) => r.matched === true)) legend.push(`${MATCH} matches --where`);
  if (w.spans.some((r) => r.critical)) legend.push(`${CRITICAL} critical path`);
  if (w.spans.some((r) => r.error)) legend.push(`${ERROR} error`);
  if (w.spans.some((r) => r.clippedStart || r.clippedEnd)) legend.push(`${BEFORE} ${AFTER} the span goes on before / after the window`);
  for (const [tag, meaning] of [...Object.values(FLAG_TAGS), ASYNC_TAG]) {
    if (usedTags.has(tag)) legend.push(`${tag}: ${meaning}`);
  }
  if (w.spans.some((r) => r.links.length > 0)) legend.push(`${LINKS_TAG[0]}: ${LINKS_TAG[1]}`);
  for (const [kind, [mark, meaning]] of Object.entries(KIND_MARKS) as [string, readonly [string, string]][]) {
    if (w.spans.some((r) => r.kind === kind)) legend.push(`${mark} ${meaning}`);
  }
  if (w.spans.some((r) => r.events.some((e) => !e.exception))) legend.push(`${EVENT_MARK} event`);
  if (w.spans.some((r) => !r.error && r.events.some((e) => e.exception))) legend.push(`${EXCEPTION_MARK} exception recorded (the span did not fail)`);
  appendLines(lines, flow(legend, width));
  if (abbreviations.size > 0) appendLines(lines, flow([...abbreviations].map(([full, short], i) => `${i === 0 ? 'services: ' : ''}${short} = ${full}`), width));
  if (lines.length === 0) return [];
  return ['', ...lines.map((l) => theme.dim(truncate(l, width)))];
}

/** Items joined with `sep` on as few lines as fit the width. */
function flow(items: readonly string[], width: number, sep = '  '): string[] {
  const out: string[] = [];
  let line = '';
  for (const item of items) {
    if (line === '') line = item;
    else if (displayWidth(line) + sep.length + displayWidth(item) <= width) line += `${sep}${item}`;
    else {
      out.push(line);
      line = item;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
