/**
 * The Services screen: latency, error signatures and dependencies as `tracectl latency`, `errors`
 * and `deps` print them (services-view.ts), one scrolling page with a cursor on the rows that stand
 * for traces; Enter on one asks for the Traces screen narrowed to them.
 *
 * The figures are read from the snapshot when drawn, so a live catalog's changes show at the next
 * frame; the cursor is kept on its row's key (a service, an operation, a signature, an edge) as rows
 * move, appear and go. The page is laid out again only when the snapshot, the width or the grouping
 * changes, and a frame draws only the lines in view.
 */
import type { Theme } from '../render/theme.js';
import type { Snapshot } from './catalog.js';
import type { Key } from './keys.js';
import { servicesView, type LatencyGrouping, type ServicesRow, type ServicesSection } from './services-view.js';
import type { TraceFacet } from './trace-facet.js';

export type ServicesAction = { readonly type: 'traces'; readonly facet: TraceFacet } | { readonly type: 'message'; readonly text: string } | undefined;

/** Cells before each line: the cursor mark. */
const CURSOR_W = 2;

const SECTION_NAMES: Readonly<Record<ServicesSection, string>> = { latency: 'latency', errors: 'error signatures', deps: 'dependencies' };

interface Page {
  readonly snapshot: Snapshot;
  readonly width: number;
  readonly by: LatencyGrouping;
  readonly rows: readonly ServicesRow[];
  /** Indices of the rows with a key, in order. */
  readonly stops: readonly number[];
}

export class ServicesScreen {
  private by: LatencyGrouping = 'service';
  private page: Page | undefined;
  /** Row index of the cursor (always a stop). */
  private cursor = 0;
  private top = 0;
  private pageRows = 10;
  private width = 80;
  private selectedKey: string | undefined;

  constructor(private readonly theme: Theme) {}

  /** How the latency table is grouped (`o` toggles). */
  get grouping(): LatencyGrouping {
    return this.by;
  }

  /** The key of the row under the cursor ('section:latency', 'latency:service:frontend', ...). */
  get selected(): string | undefined {
    return this.selectedKey;
  }

  press(key: Key, snapshot: Snapshot): ServicesAction {
    const page = this.layout(snapshot, this.width);
    const at = page.stops.indexOf(this.cursor);
    switch (key) {
      case 'up':
      case 'k':
        this.moveTo(page, page.stops[Math.max(0, at - 1)]!);
        return undefined;
      case 'down':
      case 'j':
        this.moveTo(page, page.stops[Math.min(page.stops.length - 1, at + 1)]!);
        return undefined;
      case 'pageup':
        this.moveTo(page, nearestStop(page, this.cursor - this.pageRows, -1));
        return undefined;
      case 'pagedown':
      case ' ':
        this.moveTo(page, nearestStop(page, this.cursor + this.pageRows, 1));
        return undefined;
      case 'home':
      case 'g':
        this.moveTo(page, page.stops[0]!);
        return undefined;
      case 'end':
      case 'G':
        this.moveTo(page, page.stops[page.stops.length - 1]!);
        return undefined;
      case ']':
      case '[': {
        const titles = page.stops.filter((r) => page.rows[r]!.key!.startsWith('section:'));
        const current = titles.filter((r) => r <= this.cursor).length - 1;
        const next = key === ']' ? Math.min(titles.length - 1, current + 1) : this.cursor > titles[current]! ? current : Math.max(0, current - 1);
        this.moveTo(page, titles[next]!);
        // A section starts at the top of the page, so as much of it as fits is in view.
        this.top = this.cursor;
        return undefined;
      }
      case 'o': {
        const service = page.rows[this.cursor]?.service;
        this.by = this.by === 'service' ? 'operation' : 'service';
        const next = this.layout(snapshot, this.width);
        if (service !== undefined) {
          const same = next.stops.find((r) => next.rows[r]!.service === service);
          if (same !== undefined) this.moveTo(next, same);
        }
        return { type: 'message', text: `latency by ${this.by}` };
      }
      case 'enter':
      case 'right': {
        const row = page.rows[this.cursor];
        if (row?.facet !== undefined) return { type: 'traces', facet: row.facet };
        return { type: 'message', text: `Enter on a row of the ${SECTION_NAMES[row?.section ?? 'latency']} lists its traces` };
      }
      default:
        return undefined;
    }
  }

  draw(snapshot: Snapshot, width: number, height: number): string[] {
    this.width = width;
    const page = this.layout(snapshot, width);
    const room = Math.max(1, height);
    this.pageRows = Math.max(1, room - 1);
    this.scrollTo(page, room);
    const lines: string[] = [];
    const end = Math.min(page.rows.length, this.top + room);
    for (let r = this.top; r < end; r++) {
      const text = page.rows[r]!.text;
      lines.push(r === this.cursor ? `${this.theme.accent('›')} ${this.theme.enabled ? `\x1b[7m${text}\x1b[27m` : text}` : text === '' ? '' : `  ${text}`);
    }
    while (lines.length < room) lines.push('');
    return lines;
  }

  /** The page for this snapshot, width and grouping; the cursor found again on its key. */
  private layout(snapshot: Snapshot, width: number): Page {
    const p = this.page;
    if (p !== undefined && p.snapshot === snapshot && p.width === width && p.by === this.by) return p;
    const rows = servicesView(snapshot.services(), this.by, this.theme, Math.max(1, width - CURSOR_W));
    const stops: number[] = [];
    rows.forEach((row, i) => {
      if (row.key !== undefined) stops.push(i);
    });
    const page: Page = { snapshot, width, by: this.by, rows, stops };
    this.page = page;
    const found = this.selectedKey === undefined ? -1 : rows.findIndex((r) => r.key === this.selectedKey);
    this.moveTo(page, found >= 0 ? found : nearestStop(page, this.cursor, -1));
    return page;
  }

  private moveTo(page: Page, row: number): void {
    this.cursor = row;
    this.selectedKey = page.rows[row]?.key;
  }

  /**
   * Keeps the cursor in view with the lines that belong to its row: those after it up to the next
   * stop (an error signature's path and examples, a table's footer) and, above it, those since the
   * previous stop (a table's header, and the section's title right above; nothing above a title);
   * the cursor itself first when they do not all fit.
   */
  private scrollTo(page: Page, room: number): void {
    const at = page.stops.indexOf(this.cursor);
    const isTitle = page.rows[this.cursor]?.key?.startsWith('section:') === true;
    const previous = at > 0 && !isTitle ? page.stops[at - 1]! : undefined;
    // Below a section's title, the title too.
    let lo = previous === undefined ? this.cursor : page.rows[previous]!.key!.startsWith('section:') ? previous : previous + 1;
    let hi = at >= 0 && at < page.stops.length - 1 ? page.stops[at + 1]! - 1 : page.rows.length - 1;
    if (hi - lo + 1 > room) {
      lo = this.cursor;
      hi = Math.min(hi, this.cursor + room - 1);
    }
    if (lo < this.top) this.top = lo;
    if (hi >= this.top + room) this.top = hi - room + 1;
    this.top = Math.max(0, Math.min(this.top, page.rows.length - room));
  }
}

/** The stop nearest `row`, looking the `direction` way first (rows past either end: the end's stop). */
function nearestStop(page: Page, row: number, direction: -1 | 1): number {
  const stops = page.stops;
  if (row <= stops[0]!) return stops[0]!;
  if (row >= stops[stops.length - 1]!) return stops[stops.length - 1]!;
  if (direction < 0) {
    for (let i = stops.length - 1; i >= 0; i--) if (stops[i]! <= row) return stops[i]!;
  } else {
    for (const stop of stops) if (stop >= row) return stop;
  }
  return stops[0]!;
}
