/**
 * The Traces screen: the trace list as `tracectl traces` prints it, sorted by a key the user cycles,
 * narrowed by text (any part of the id, root service and operation, or a service's name) or by a
 * `--where` expression, or to the traces a row of the Services screen stands for (named on a line
 * above the list), with a cursor that stays on its trace while a live list grows.
 */
import { TRACE_SORT_KEYS, type TraceSortKey } from '../analyses/choices.js';
import { traceOrder } from '../analyses/trace-list.js';
import { sanitize } from '../render/sanitize.js';
import type { Theme } from '../render/theme.js';
import { traceListTable } from '../render/trace-list.js';
import type { SpanPredicate } from '../query/compile.js';
import type { Snapshot, TraceEntry } from './catalog.js';
import type { Key } from './keys.js';
import type { TraceFacet } from './trace-facet.js';

export type TracesAction =
  | { readonly type: 'open'; readonly traceId: string }
  | { readonly type: 'filter' }
  | { readonly type: 'where' }
  | { readonly type: 'message'; readonly text: string }
  | undefined;

const CURSOR_W = 2;

export class TracesScreen {
  private sort: TraceSortKey = 'start';
  private text = '';
  private where: { readonly expression: string; readonly matches: SpanPredicate } | undefined;
  /** Set from the Services screen: the traces one of its rows stands for. */
  private facet: TraceFacet | undefined;
  private rows: readonly TraceEntry[] = [];
  private listed: { version: number; sort: TraceSortKey; text: string; where: unknown; facet: unknown } | undefined;
  /** The table of `rows` at a width: its widths depend on every row, so it is laid out once per list, not per keypress. */
  private table: { rows: readonly TraceEntry[]; width: number; table: ReturnType<typeof traceListTable> } | undefined;
  private cursor = 0;
  private top = 0;
  private pageRows = 10;
  /** The trace under the cursor, kept across updates of the list. */
  private selectedId: string | undefined;

  constructor(
    private readonly theme: Theme,
    where?: { readonly expression: string; readonly matches: SpanPredicate },
  ) {
    this.where = where;
  }

  get sortKey(): TraceSortKey {
    return this.sort;
  }

  /** The text filter ('' when none). */
  get filterText(): string {
    return this.text;
  }

  /** The --where expression narrowing the list ('' when none). */
  get whereExpression(): string {
    return this.where?.expression ?? '';
  }

  /** What narrows the list, for the status line ('' when nothing does). */
  get filterLabel(): string {
    const parts = [this.text !== '' ? `/${this.text}` : '', this.where !== undefined ? `:${this.where.expression}` : ''].filter((p) => p !== '');
    return parts.join(' ');
  }

  setText(text: string): void {
    this.text = text;
    this.cursor = 0;
    this.selectedId = undefined;
  }

  /** The Services row narrowing the list, if any. */
  get facetFilter(): TraceFacet | undefined {
    return this.facet;
  }

  setFacet(facet: TraceFacet | undefined): void {
    this.facet = facet;
    this.cursor = 0;
    this.selectedId = undefined;
  }

  setWhere(where: { readonly expression: string; readonly matches: SpanPredicate } | undefined): void {
    this.where = where;
    this.cursor = 0;
    this.selectedId = undefined;
  }

  press(key: Key, snapshot: Snapshot): TracesAction {
    const rows = this.list(snapshot);
    switch (key) {
      case 'up':
      case 'k':
        this.moveTo(this.cursor - 1, rows);
        return undefined;
      case 'down':
      case 'j':
        this.moveTo(this.cursor + 1, rows);
        return undefined;
      case 'pageup':
        this.moveTo(this.cursor - this.pageRows, rows);
        return undefined;
      case 'pagedown':
      case ' ':
        this.moveTo(this.cursor + this.pageRows, rows);
        return undefined;
      case 'home':
      case 'g':
        this.moveTo(0, rows);
        return undefined;
      case 'end':
      case 'G':
        this.moveTo(rows.length - 1, rows);
        return undefined;
      case 's': {
        this.sort = TRACE_SORT_KEYS[(TRACE_SORT_KEYS.indexOf(this.sort) + 1) % TRACE_SORT_KEYS.length]!;
        return { type: 'message', text: `sorted by ${this.sort}` };
      }
      case '/':
        return { type: 'filter' };
      case ':':
        return { type: 'where' };
      case 'enter':
      case 'right': {
        const entry = rows[this.cursor];
        return entry === undefined ? undefined : { type: 'open', traceId: entry.row.traceId };
      }
      default:
        return undefined;
    }
  }

  draw(snapshot: Snapshot, width: number, height: number): string[] {
    if (this.facet === undefined) return this.drawList(snapshot, width, height);
    const header = `${this.theme.accent('Traces with')} ${sanitize(this.facet.label)} ${this.theme.dim('· Esc clears')}`;
    return [header, ...this.drawList(snapshot, width, Math.max(1, height - 1))];
  }

  private drawList(snapshot: Snapshot, width: number, height: number): string[] {
    const rows = this.list(snapshot);
    if (rows.length === 0) {
      const why = snapshot.entries.length === 0 ? 'no traces yet' : this.filterLabel !== '' ? `no trace matches ${this.filterLabel}` : 'no trace held matches';
      return [why, ...new Array<string>(Math.max(0, height - 1)).fill('')];
    }
    if (this.table === undefined || this.table.rows !== rows || this.table.width !== width) {
      this.table = { rows, width, table: traceListTable({ total: rows.length, traces: rows.map((r) => r.row) }, this.theme, width - CURSOR_W) };
    }
    const table = this.table.table;
    const room = Math.max(1, height - 2);
    this.pageRows = Math.max(1, room - 1);
    if (this.cursor < this.top) this.top = this.cursor;
    if (this.cursor >= this.top + room) this.top = this.cursor - room + 1;
    if (this.top > Math.max(0, rows.length - room)) this.top = Math.max(0, rows.length - room);
    const lines = ['  ' + table.header];
    const end = Math.min(rows.length, this.top + room);
    for (let r = this.top; r < end; r++) {
      const line = table.rows[r]!;
      lines.push(r === this.cursor ? `${this.theme.accent('›')} ${this.theme.enabled ? `\x1b[7m${line}\x1b[27m` : line}` : `  ${line}`);
    }
    for (let r = end - this.top; r < room; r++) lines.push('');
    const summary = `${table.summary}${this.theme.dim(` · sorted by ${this.sort}`)}${this.filterLabel !== '' ? this.theme.dim(` · ${sanitize(this.filterLabel)}`) : ''}`;
    lines.push('  ' + summary);
    return lines;
  }

  /** The listed traces in order; the cursor follows its trace when the list changes. */
  private list(snapshot: Snapshot): readonly TraceEntry[] {
    const l = this.listed;
    if (l !== undefined && l.version === snapshot.version && l.sort === this.sort && l.text === this.text && l.where === this.where && l.facet === this.facet) return this.rows;
    const needle = this.text.toLowerCase();
    const where = this.where;
    const facet = this.facet;
    const rows = snapshot.entries.filter((e) => {
      if (needle !== '' && !textMatches(e, needle)) return false;
      if (where === undefined && facet === undefined) return true;
      const trace = snapshot.trace(e.row.traceId);
      if (trace === undefined || (facet !== undefined && !facet.matches(trace))) return false;
      return where === undefined || trace.nodes.some((node) => where.matches(node, trace));
    });
    rows.sort(traceOrder(this.sort));
    this.rows = rows;
    this.listed = { version: snapshot.version, sort: this.sort, text: this.text, where, facet };
    if (this.selectedId !== undefined) {
      const at = rows.findIndex((r) => r.row.traceId === this.selectedId);
      if (at >= 0) this.cursor = at;
    }
    this.moveTo(this.cursor, rows);
    return rows;
  }

  private moveTo(row: number, rows: readonly TraceEntry[]): void {
    this.cursor = Math.max(0, Math.min(rows.length - 1, row));
    this.selectedId = rows[this.cursor]?.row.traceId;
  }
}

function textMatches(e: TraceEntry, needle: string): boolean {
  const r = e.row;
  return (
    r.traceId.toLowerCase().includes(needle) ||
    r.rootService.toLowerCase().includes(needle) ||
    r.rootOperation.toLowerCase().includes(needle) ||
    e.services.some((s) => s.toLowerCase().includes(needle))
  );
}
