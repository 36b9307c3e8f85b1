/**
 * The Trace screen: one trace's waterfall, drawn as `tracectl waterfall` draws it, with a cursor,
 * folding, the critical path alone, jumps between errors and search matches, and the selected span's
 * details (as `tracectl span` prints them) in a pane below.
 *
 * A trace may have a million spans, so nothing here is per-frame work over the trace, and opening
 * it does only what the first frame needs: one pass for the depths, one for the layout (columns,
 * widths: the widest name anywhere decides where every bar starts, as in `tracectl waterfall`),
 * which measures rows without building them and yields the tree guides of the whole tree. A frame
 * builds and draws only the rows in view. Which rows are on the critical path is worked out for the
 * rows drawn (and their ancestors) as they come into view; the whole path is computed when `c` asks
 * for it, the error spans when `e` does, a span's self time when its details are shown, the rows
 * shown (an index array) when something is folded. Memory matters as much as time: the heap holds
 * the trace, and a full collection of it takes seconds, which V8 starts after about 64 MB of typed
 * arrays; so opening allocates a few arrays of a number per span and nothing per fold beyond the rows
 * shown. The tree is never walked by recursion: spans are in depth-first order, so a subtree is the
 * run of rows after its root that are deeper than it.
 */
import { criticalPath } from '../analyses/critical-path.js';
import { CriticalPathOnDemand } from '../analyses/critical-path-on-demand.js';
import { selfTimeOf } from '../analyses/self-time.js';
import { spanDetail } from '../analyses/span-detail.js';
import { waterfallHead, waterfallRow } from '../analyses/waterfall.js';
import { nsToMs } from '../model/time.js';
import type { SpanNode, Trace } from '../model/trace.js';
import { renderSpanDetails } from '../render/span-detail.js';
import { truncate } from '../render/text.js';
import type { Theme } from '../render/theme.js';
import { TreeGuideModel } from '../render/tree-guides.js';
import { waterfallColumns, waterfallHeader, waterfallRowLines, type MeasuredRow, type WaterfallColumns } from '../render/waterfall.js';
import type { Key } from './keys.js';

/** What a key asks of the application beyond this screen. */
export type TraceAction = { readonly type: 'search' } | { readonly type: 'message'; readonly text: string } | undefined;

/** Cells before each row: the cursor mark. */
const CURSOR_W = 2;

export class TraceScreen {
  readonly trace: Trace;
  private readonly n: number;
  private readonly depths: Int32Array;
  /** Row after the last of a span's subtree, for the spans folded (found when first folded). */
  private readonly ends = new Map<number, number>();
  private readonly critical: CriticalPathOnDemand;
  private errorRows: Int32Array | undefined;
  private criticalKeep: Uint8Array | undefined;
  private readonly folded = new Set<number>();
  private criticalOnly = false;
  /** Node indices shown, in tree order; undefined while every span is (row r is span r). */
  private visible: Int32Array | undefined;
  private guides: TreeGuideModel | undefined;
  private layout: { width: number; columns: WaterfallColumns } | undefined;
  private cursor = 0;
  private top = 0;
  /** Rows in view at the last frame (for page keys). */
  private pageRows = 10;
  showDetails = true;
  private query = '';
  private matches: Int32Array = new Int32Array(0);

  constructor(
    trace: Trace,
    private readonly theme: Theme,
  ) {
    this.trace = trace;
    const nodes = trace.nodes;
    this.n = nodes.length;
    this.depths = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.depths[i] = nodes[i]!.depth;
    this.critical = new CriticalPathOnDemand(trace);
    this.rebuild();
  }

  /** The span under the cursor. */
  get selected(): SpanNode | undefined {
    const i = this.spanAt(this.cursor);
    return i === undefined ? undefined : this.trace.nodes[i];
  }

  get searchQuery(): string {
    return this.query;
  }

  get matchCount(): number {
    return this.matches.length;
  }

  press(key: Key): TraceAction {
    const last = this.rowCount - 1;
    switch (key) {
      case 'up':
      case 'k':
        this.moveTo(this.cursor - 1);
        return undefined;
      case 'down':
      case 'j':
        this.moveTo(this.cursor + 1);
        return undefined;
      case 'pageup':
        this.moveTo(this.cursor - this.pageRows);
        return undefined;
      case 'pagedown':
      case ' ':
        this.moveTo(this.cursor + this.pageRows);
        return undefined;
      case 'home':
      case 'g':
        this.moveTo(0);
        return undefined;
      case 'end':
      case 'G':
        this.moveTo(last);
        return undefined;
      case 'enter':
        return this.toggleFold();
      case 'right':
      case 'l':
        return this.expandOrDescend();
      case 'left':
      case 'h':
        return this.foldOrAscend();
      case 'c':
        this.criticalOnly = !this.criticalOnly;
        this.rebuildKeeping();
        return { type: 'message', text: this.criticalOnly ? 'showing the critical path only (c: all spans)' : 'showing all spans' };
      case 'e':
        return this.jump(this.errors(), 1, 'error', 'no error spans in this trace');
      case 'E':
        return this.jump(this.errors(), -1, 'error', 'no error spans in this trace');
      case 'n':
        return this.query === '' ? { type: 'message', text: 'no search: press / to search' } : this.jump(this.matches, 1, 'match', `no span matches '${this.query}'`);
      case 'N':
        return this.query === '' ? { type: 'message', text: 'no search: press / to search' } : this.jump(this.matches, -1, 'match', `no span matches '${this.query}'`);
      case '/':
        return { type: 'search' };
      case 'd':
        this.showDetails = !this.showDetails;
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * Finds spans whose service, operation, span id, status message or attribute values contain the
   * text (any case), and moves to the first at or after the cursor, unfolding what hides it.
   */
  search(text: string): TraceAction {
    this.query = text;
    if (text === '') {
      this.matches = new Int32Array(0);
      return undefined;
    }
    const needle = text.toLowerCase();
    const nodes = this.trace.nodes;
    let found = new Int32Array(64);
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (!spanMatches(nodes[i]!, needle)) continue;
      if (count === found.length) {
        const grown = new Int32Array(count * 2);
        grown.set(found);
        found = grown;
      }
      found[count++] = i;
    }
    this.matches = found.slice(0, count);
    const current = this.spanAt(this.cursor) ?? 0;
    const at = firstAtOrAfter(this.matches, current);
    if (this.matches.length === 0) return { type: 'message', text: `no span matches '${text}'` };
    this.reveal(this.matches[at === this.matches.length ? 0 : at]!);
    return { type: 'message', text: `${this.matches.length} span${this.matches.length === 1 ? '' : 's'} match '${text}' (n / N: next / previous)` };
  }

  /** The screen's lines for this size: header, axis, the rows in view, the detail pane. */
  draw(width: number, height: number): string[] {
    const theme = this.theme;
    const columns = this.columnsFor(width);
    const whole = waterfallHead(this.trace, true);
    const view = whole.view;
    const head = waterfallHeader(whole, theme, width);
    const detail = this.showDetails ? this.detailLines(width) : [];
    const fixed = head.length + 2;
    const paneMax = Math.floor((height - fixed) * 0.45);
    const pane = detail.length === 0 || paneMax < 3 ? [] : [theme.dim('─'.repeat(width)), ...detail.slice(0, paneMax - 1)];
    const rowsRoom = Math.max(1, height - fixed - pane.length);
    this.pageRows = Math.max(1, rowsRoom - 1);
    if (this.cursor < this.top) this.top = this.cursor;
    if (this.cursor >= this.top + rowsRoom) this.top = this.cursor - rowsRoom + 1;
    if (this.top > Math.max(0, this.rowCount - rowsRoom)) this.top = Math.max(0, this.rowCount - rowsRoom);
    const lines = [...head, theme.dim(' '.repeat(CURSOR_W) + columns.axis[0]), theme.dim(' '.repeat(CURSOR_W) + columns.axis[1])];
    const guides = this.guides!;
    const end = Math.min(this.rowCount, this.top + rowsRoom);
    const nodes = this.trace.nodes;
    const matchSet = this.query === '' ? undefined : this.matches;
    for (let r = this.top; r < end; r++) {
      const i = this.spanAt(r)!;
      const node = nodes[i]!;
      const built = waterfallRow(node, this.trace, undefined);
      // As the waterfall marks them: a span reaching past the trace's window (a skewed clock, --no-adjust).
      const row = { ...built, critical: this.critical.has(i), clippedStart: built.startOffsetMs < view.startOffsetMs, clippedEnd: built.startOffsetMs + built.durationMs > view.endOffsetMs };
      const hidden = this.folded.has(i) ? this.foldEnd(i) - i - 1 : 0;
      const tag = hidden > 0 ? ` ▸${hidden}` : '';
      const matched = matchSet !== undefined && matchSet[firstAtOrAfter(matchSet, i)] === i;
      const first = waterfallRowLines(columns, guides, r, matched ? { ...row, matched: true } : row, theme, { tag })[0]!;
      const mark = r === this.cursor ? theme.accent('›') + ' ' : '  ';
      lines.push(r === this.cursor && theme.enabled ? `${mark}\x1b[7m${first}\x1b[27m` : mark + first);
    }
    for (let r = end - this.top; r < rowsRoom; r++) lines.push('');
    lines.push(...pane);
    return lines.slice(0, height);
  }

  private columnsFor(width: number): WaterfallColumns {
    if (this.layout === undefined || this.layout.width !== width) {
      const nodes = this.trace.nodes;
      // One object refilled for every span: the columns read a row and let it go, and a million short-lived rows are a million allocations.
      const scratch = measuredRow(nodes[0]!);
      const columns = waterfallColumns(waterfallHead(this.trace, true), { length: this.n, at: (i) => fillMeasured(scratch, nodes[i]!) }, width - CURSOR_W);
      this.layout = { width, columns };
      this.guides = this.guidesShown(columns);
    }
    return this.layout.columns;
  }

  private detailLines(width: number): string[] {
    const node = this.selected;
    if (node === undefined) return [];
    return renderSpanDetails({ traceId: this.trace.traceId, spans: [spanDetail(this.trace, node, selfTimeOf(node))] }, this.theme, width).map((l) => truncate(l, width));
  }

  private moveTo(row: number): void {
    this.cursor = Math.max(0, Math.min(this.rowCount - 1, row));
  }

  private hasChildren(i: number): boolean {
    return i + 1 < this.n && this.depths[i + 1]! > this.depths[i]!;
  }

  private toggleFold(): TraceAction {
    const i = this.spanAt(this.cursor);
    if (i === undefined || !this.hasChildren(i)) return { type: 'message', text: 'this span has no children' };
    if (this.folded.has(i)) this.folded.delete(i);
    else this.folded.add(i);
    this.rebuildKeeping();
    return undefined;
  }

  private expandOrDescend(): TraceAction {
    const i = this.spanAt(this.cursor);
    if (i === undefined || !this.hasChildren(i)) return undefined;
    if (this.folded.has(i)) {
      this.folded.delete(i);
      this.rebuildKeeping();
    } else this.moveTo(this.cursor + 1);
    return undefined;
  }

  private foldOrAscend(): TraceAction {
    const i = this.spanAt(this.cursor);
    if (i === undefined) return undefined;
    if (this.hasChildren(i) && !this.folded.has(i)) {
      this.folded.add(i);
      this.rebuildKeeping();
      return undefined;
    }
    const parent = this.trace.nodes[i]!.parent;
    if (parent !== undefined) this.reveal(parent.index);
    return undefined;
  }

  private jump(targets: Int32Array, direction: 1 | -1, what: string, none: string): TraceAction {
    if (targets.length === 0) return { type: 'message', text: none };
    const current = this.spanAt(this.cursor) ?? -1;
    let at: number;
    if (direction === 1) {
      at = firstAtOrAfter(targets, current + 1);
      if (at === targets.length) at = 0;
    } else {
      at = firstAtOrAfter(targets, current) - 1;
      if (at < 0) at = targets.length - 1;
    }
    this.reveal(targets[at]!);
    return { type: 'message', text: `${what} ${at + 1} of ${targets.length}` };
  }

  /** Puts the cursor on span i, unfolding its ancestors and leaving the critical-path view if it is off the path. */
  private reveal(i: number): void {
    let changed = false;
    if (this.criticalOnly && this.keep()[i] !== 1) {
      this.criticalOnly = false;
      changed = true;
    }
    // Walked only while something is folded: a million-deep chain has a million ancestors.
    for (let p = this.trace.nodes[i]!.parent; p !== undefined && this.folded.size > 0; p = p.parent) {
      if (this.folded.delete(p.index)) changed = true;
    }
    if (changed) this.rebuild();
    const row = this.rowOf(i);
    if (this.spanAt(row) === i) this.cursor = row;
  }

  /** Rebuilds the rows shown, keeping the cursor on its span or the nearest shown before it. */
  private rebuildKeeping(): void {
    const current = this.spanAt(this.cursor) ?? 0;
    this.rebuild();
    const at = this.rowOf(current);
    this.cursor = this.spanAt(at) === current ? at : Math.max(0, at - 1);
  }

  private rebuild(): void {
    const keep = this.criticalOnly ? this.keep() : undefined;
    const folded = this.folded.size > 0 ? this.folded : undefined;
    if (keep === undefined && folded === undefined) this.visible = undefined;
    else {
      // Counted, then filled: an array as long as the trace for each fold would soon have V8
      // collect the whole heap (see the class comment).
      const walk = (shown: Int32Array | undefined): number => {
        let count = 0;
        for (let i = 0; i < this.n; ) {
          if (keep !== undefined && keep[i] !== 1) {
            i = this.subtreeEnd(i);
            continue;
          }
          if (shown !== undefined) shown[count] = i;
          count++;
          i = folded !== undefined && folded.has(i) ? this.foldEnd(i) : i + 1;
        }
        return count;
      };
      const shown = new Int32Array(walk(undefined));
      walk(shown);
      this.visible = shown;
    }
    if (this.layout !== undefined) this.guides = this.guidesShown(this.layout.columns);
    this.moveTo(this.cursor);
  }

  private get rowCount(): number {
    return this.visible?.length ?? this.n;
  }

  /** The span on row r. */
  private spanAt(r: number): number | undefined {
    if (this.visible !== undefined) return this.visible[r];
    return r >= 0 && r < this.n ? r : undefined;
  }

  /** The first row showing span i or a later one. */
  private rowOf(i: number): number {
    return this.visible === undefined ? Math.max(0, Math.min(i, this.n)) : firstAtOrAfter(this.visible, i);
  }

  /** The row after span i's subtree: the next span no deeper than it (the spans are in depth-first order). */
  private subtreeEnd(i: number): number {
    const d = this.depths[i]!;
    let j = i + 1;
    while (j < this.n && this.depths[j]! > d) j++;
    return j;
  }

  /** `subtreeEnd` of a folded span, kept: frames ask for it to say how many spans the fold hides. */
  private foldEnd(i: number): number {
    let end = this.ends.get(i);
    if (end === undefined) this.ends.set(i, (end = this.subtreeEnd(i)));
    return end;
  }

  /** The guides of the rows shown: the layout's own when every row is (the columns measured them all). */
  private guidesShown(columns: WaterfallColumns): TreeGuideModel {
    const visible = this.visible;
    if (visible === undefined) return columns.guides;
    const depths = new Int32Array(visible.length);
    for (let r = 0; r < visible.length; r++) depths[r] = this.depths[visible[r]!]!;
    return new TreeGuideModel(depths, columns.guideMax);
  }

  /** Rows of the error spans, found on the first jump. */
  private errors(): Int32Array {
    if (this.errorRows !== undefined) return this.errorRows;
    const errors: number[] = [];
    const nodes = this.trace.nodes;
    for (let i = 0; i < this.n; i++) if (nodes[i]!.span.status === 'error') errors.push(i);
    this.errorRows = Int32Array.from(errors);
    return this.errorRows;
  }

  /** 1 for spans on the critical path and their ancestors (each span walked up once at most). */
  private keep(): Uint8Array {
    if (this.criticalKeep !== undefined) return this.criticalKeep;
    const keep = new Uint8Array(this.n);
    const nodes = this.trace.nodes;
    for (const i of criticalPath(this.trace).onPath) {
      for (let node: SpanNode | undefined = nodes[i]; node !== undefined && keep[node.index] !== 1; node = node.parent) keep[node.index] = 1;
    }
    this.criticalKeep = keep;
    return keep;
  }
}

/** The first position in the sorted array holding a value ≥ v. */
function firstAtOrAfter(sorted: Int32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Measured = { -readonly [K in keyof MeasuredRow]: MeasuredRow[K] };

/** What the columns measure of a span's row, without the rest of the row. */
function measuredRow(node: SpanNode): Measured {
  const span = node.span;
  return {
    depth: node.depth,
    service: span.service,
    operation: span.operation,
    kind: span.kind,
    durationMs: nsToMs(node.durationNs),
    error: span.status === 'error',
    flags: node.flags,
    async: node.async,
    links: span.refs,
  };
}

function fillMeasured(row: Measured, node: SpanNode): MeasuredRow {
  const span = node.span;
  row.depth = node.depth;
  row.service = span.service;
  row.operation = span.operation;
  row.kind = span.kind;
  row.durationMs = nsToMs(node.durationNs);
  row.error = span.status === 'error';
  row.flags = node.flags;
  row.async = node.async;
  row.links = span.refs;
  return row;
}

function spanMatches(node: SpanNode, needle: string): boolean {
  const span = node.span;
  if (contains(span.service, needle) || contains(span.operation, needle) || contains(span.spanId, needle)) return true;
  if (span.statusMessage !== undefined && span.statusMessage !== null && contains(span.statusMessage, needle)) return true;
  for (const key in span.attributes) {
    if (contains(String(span.attributes[key]), needle)) return true;
  }
  return false;
}

/** Text that lower-casing leaves as it is: no capital, nothing past ASCII. */
const LOWER_ASCII = /^[^A-Z\u0080-\uffff]*$/;

/**
 * Whether the text, lower-cased, contains the (lower-cased) needle. Lower-casing a million spans'
 * strings to search them costs more than the search: text that contains the needle as it is, or that
 * lower-casing would not change, is answered without a copy.
 */
function contains(text: string, needle: string): boolean {
  if (text.includes(needle)) return true;
  return !LOWER_ASCII.test(text) && text.toLowerCase().includes(needle);
}
