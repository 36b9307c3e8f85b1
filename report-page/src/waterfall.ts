/**
 * The waterfall, drawn as Jaeger UI draws it: one row per span in tree order, indented by depth,
 * with the service and operation as text and a bar on the trace's time axis; the critical path as a
 * stripe under the bars that are on it (and a "critical" badge), errors hatched and badged.
 *
 * Rows are virtualised: only those in view (plus a margin) exist in the DOM, reused as the view
 * scrolls, so a trace of 100,000 spans opens and scrolls like one of 100. A trace of up to
 * FULL_ROWS rows keeps every row in the DOM, so the browser's find-in-page sees every name; `/`
 * searches every span of any trace. The row list is an ARIA tree driven from the keyboard:
 * arrows move, Right/Left expand and collapse (or go to the child / parent), Enter toggles,
 * Escape closes the span's details.
 */
import { h } from './dom.js';
import { fmtNs } from './format.js';
import type { TraceModel } from './trace-model.js';

const ROW = 26;
const OVERSCAN = 12;
/** Traces with at most this many visible rows have them all in the DOM. */
export const FULL_ROWS = 1500;
/** Browsers cap an element's height (Firefox near 17.9 million px): beyond this, scroll is scaled. */
const MAX_SCROLL_PX = 8_000_000;
const INDENT = 14;
const MAX_INDENT_LEVELS = 30;

export interface WaterfallHost {
  colour(service: string): string;
  /** The user moved the selection to span i (or cleared it with -1). */
  select(i: number, options: { readonly focusPanel?: boolean }): void;
}

interface RowEls {
  readonly row: HTMLDivElement;
  readonly toggle: HTMLButtonElement;
  readonly indent: HTMLSpanElement;
  readonly svc: HTMLSpanElement;
  readonly op: HTMLSpanElement;
  readonly depth: HTMLSpanElement;
  readonly err: HTMLSpanElement;
  readonly cp: HTMLSpanElement;
  readonly bar: HTMLDivElement;
  readonly dur: HTMLSpanElement;
  /** What the row shows: span index, row number, and the stamp it was drawn at. */
  span: number;
  r: number;
  stamp: number;
  y: number;
}

export class Waterfall {
  readonly element: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private pool: RowEls[] = [];
  private selected = -1;
  private matches = new Set<number>();
  private frame = 0;
  /** Bumped whenever what rows show changes other than by scrolling (selection, collapse, matches). */
  private stamp = 0;

  constructor(
    private readonly model: TraceModel,
    private readonly host: WaterfallHost,
  ) {
    this.axis = h('div', { class: 'axis', 'aria-hidden': 'true' }, h('div', { class: 'name-col' }, 'Service and operation'), h('div', { class: 'ticks' }));
    this.spacer = h('div', { class: 'spacer' });
    this.viewport = h('div', { class: 'rows', role: 'tree', tabindex: 0, 'aria-label': 'Spans of the trace, in tree order', 'aria-multiselectable': 'false' }, this.spacer);
    this.element = h('div', { class: 'trace-main', id: 'waterfall' }, this.axis, this.viewport);
    // With every row in the DOM, scrolling changes nothing to draw.
    this.viewport.addEventListener('scroll', () => {
      if (this.rows > FULL_ROWS) this.schedule();
    });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('click', (e) => this.onClick(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** Draws now (the first paint of a trace should not wait for a frame). */
  renderNow(): void {
    this.stamp++;
    this.drawTicks();
    this.render();
  }

  focus(): void {
    this.viewport.focus({ preventScroll: true });
  }

  setMatches(matches: readonly number[]): void {
    this.matches = new Set(matches);
    this.stamp++;
    this.schedule();
  }

  /** Shows span i selected, scrolled into view (expanding its ancestors). */
  setSelected(i: number): void {
    this.selected = i;
    this.stamp++;
    if (i >= 0) {
      this.model.reveal(i);
      this.scrollToRow(this.model.rowOf[i]!);
    }
    this.render();
  }

  relayout(): void {
    this.stamp++;
    this.render();
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private get rows(): number {
    return this.model.visible.length;
  }

  private totalHeight(): number {
    return Math.min(this.rows * ROW, MAX_SCROLL_PX);
  }

  /** The (fractional) row at the top of the view. */
  private topRow(): number {
    const viewH = this.viewport.clientHeight;
    const real = this.rows * ROW;
    if (real <= MAX_SCROLL_PX) return this.viewport.scrollTop / ROW;
    const scrollable = MAX_SCROLL_PX - viewH;
    const fraction = scrollable <= 0 ? 0 : this.viewport.scrollTop / scrollable;
    return fraction * Math.max(0, this.rows - viewH / ROW);
  }

  private scrollToRow(row: number): void {
    const viewH = this.viewport.clientHeight || 600;
    const top = this.topRow();
    const inView = viewH / ROW;
    if (row >= top && row + 1 <= top + inView) return;
    const wantTop = row < top ? row : row + 1 - inView;
    const real = this.rows * ROW;
    if (real <= MAX_SCROLL_PX) this.viewport.scrollTop = Math.max(0, wantTop * ROW);
    else {
      const scrollable = MAX_SCROLL_PX - viewH;
      this.viewport.scrollTop = (Math.max(0, wantTop) / Math.max(1, this.rows - inView)) * scrollable;
    }
  }

  private makeRow(): RowEls {
    const toggle = h('button', { class: 'toggle', tabindex: -1, type: 'button' });
    const indent = h('span', { 'aria-hidden': 'true' });
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    const svc = h('span', { class: 'svc' });
    const op = h('span', { class: 'op' });
    const depth = h('span', { class: 'depth' });
    const err = h('span', { class: 'badge err' }, 'error');
    const cp = h('span', { class: 'badge cp', title: 'on the critical path' }, 'critical');
    const bar = h('div', { class: 'bar', 'aria-hidden': 'true' });
    const dur = h('span', { class: 'dur' });
    const row = h('div', { class: 'row', role: 'treeitem' }, h('div', { class: 'name' }, indent, toggle, swatch, svc, op, depth, err, cp), h('div', { class: 'timeline' }, bar, dur));
    row.hidden = true;
    return { row, toggle, indent, svc, op, depth, err, cp, bar, dur, span: -1, r: -1, stamp: -1, y: NaN };
  }

  private render(): void {
    const m = this.model;
    const rows = this.rows;
    this.spacer.style.height = `${this.totalHeight()}px`;
    const full = rows <= FULL_ROWS;
    const viewH = this.viewport.clientHeight || 600;
    const top = full ? 0 : this.topRow();
    const first = full ? 0 : Math.max(0, Math.floor(top) - OVERSCAN);
    const last = full ? rows - 1 : Math.min(rows - 1, Math.ceil(top + viewH / ROW) + OVERSCAN);
    const needed = Math.max(0, last - first + 1);
    // A pool as large as a screenful (plus margins) when virtual, so that its size does not change
    // while scrolling; each row keeps its slot (row number modulo the pool), so a scroll by a few
    // rows redraws only the rows that came into view.
    const poolSize = full ? rows : Math.max(needed, Math.ceil(viewH / ROW) + 2 * OVERSCAN + 2);
    if (this.pool.length !== poolSize) {
      while (this.pool.length < poolSize) {
        const els = this.makeRow();
        this.pool.push(els);
        this.viewport.append(els.row);
      }
      while (this.pool.length > poolSize) this.pool.pop()!.row.remove();
      for (const els of this.pool) els.span = -1;
    }
    const stamp = this.stamp;
    // Rows sit at their place relative to the scroll position (exact rows unless scaled).
    const scaled = rows * ROW > MAX_SCROLL_PX;
    const base = scaled ? this.viewport.scrollTop - (top - Math.floor(top)) * ROW - (Math.floor(top) - first) * ROW : first * ROW;
    const used = new Uint8Array(poolSize);
    let active: string | null = null;
    for (let r = first; r <= last; r++) {
      const slot = r % poolSize;
      used[slot] = 1;
      const i = m.visible[r]!;
      const els = this.pool[slot]!;
      if (els.row.hidden) els.row.hidden = false;
      // Unscaled, a row's place is fixed by its number: most rows keep theirs from frame to frame.
      const y = base + (r - first) * ROW;
      if (els.y !== y) {
        els.y = y;
        els.row.style.transform = `translateY(${y}px)`;
      }
      if (els.span !== i || els.stamp !== stamp || els.r !== r) this.fill(els, i, r, slot);
      if (i === this.selected) active = els.row.id;
    }
    for (let slot = 0; slot < poolSize; slot++) {
      if (used[slot] === 1 || this.pool[slot]!.span === -1) continue;
      this.pool[slot]!.row.hidden = true;
      this.pool[slot]!.span = -1;
    }
    if (active !== null) this.viewport.setAttribute('aria-activedescendant', active);
    else this.viewport.removeAttribute('aria-activedescendant');
  }

  /** Draws span i into a pooled row. */
  private fill(els: RowEls, i: number, r: number, slot: number): void {
    const m = this.model;
    els.span = i;
    els.r = r;
    els.stamp = this.stamp;
    const row = els.row;
    row.id = `span-row-${slot}`;
    row.dataset.index = String(i);
    row.dataset.spanId = m.spanId(i);
    row.setAttribute('aria-level', String(m.depth[i]! + 1));
    row.setAttribute('aria-setsize', String(this.rows));
    row.setAttribute('aria-posinset', String(r + 1));
    const hasChildren = m.childCount[i]! > 0;
    if (hasChildren) row.setAttribute('aria-expanded', m.collapsed[i] === 1 ? 'false' : 'true');
    else row.removeAttribute('aria-expanded');
    row.setAttribute('aria-selected', i === this.selected ? 'true' : 'false');
    row.classList.toggle('selected', i === this.selected);
    row.classList.toggle('match', this.matches.has(i));
    els.indent.style.width = `${Math.min(m.depth[i]!, MAX_INDENT_LEVELS) * INDENT}px`;
    els.indent.style.flex = '0 0 auto';
    els.toggle.textContent = hasChildren ? (m.collapsed[i] === 1 ? '▸' : '▾') : '';
    els.toggle.disabled = !hasChildren;
    els.toggle.setAttribute('aria-label', hasChildren ? (m.collapsed[i] === 1 ? `expand (${m.childCount[i]} children)` : 'collapse') : 'no children');
    const service = m.service(i);
    const colour = this.host.colour(service);
    (els.svc.previousElementSibling as HTMLElement).style.backgroundColor = colour;
    els.svc.textContent = service;
    els.op.textContent = m.operation(i);
    els.depth.textContent = m.depth[i]! > MAX_INDENT_LEVELS ? `depth ${m.depth[i]}` : '';
    els.err.hidden = !m.isError(i);
    els.cp.hidden = !m.isCritical(i);
    const total = m.durationNs > 0 ? m.durationNs : 1;
    const left = (m.start[i]! / total) * 100;
    const width = (m.duration[i]! / total) * 100;
    els.bar.style.left = `${left}%`;
    els.bar.style.width = `${width}%`;
    els.bar.style.backgroundColor = colour;
    els.bar.classList.toggle('err', m.isError(i));
    els.bar.classList.toggle('async', (m.flags[i]! & 4) !== 0);
    els.bar.replaceChildren();
    for (let c = m.critIndex[i]!; c < m.critIndex[i + 1]!; c++) {
      const seg = h('div', { class: 'cp-seg' });
      const span = m.duration[i]! > 0 ? m.duration[i]! : 1;
      seg.style.left = `${((m.critStart[c]! - m.start[i]!) / span) * 100}%`;
      seg.style.width = `${Math.max(0.5, ((m.critEnd[c]! - m.critStart[c]!) / span) * 100)}%`;
      els.bar.append(seg);
    }
    els.dur.textContent = fmtNs(m.duration[i]!);
    els.dur.style.left = `${Math.min(100, left + width)}%`;
  }

  private drawTicks(): void {
    const ticks = this.axis.querySelector('.ticks')!;
    ticks.replaceChildren();
    const total = this.model.durationNs;
    if (!(total > 0)) return;
    const step = niceStep(total / 6);
    for (let t = 0; t <= total + 1e-9; t += step) {
      const tick = h('div', { class: 'tick' }, fmtNs(t));
      tick.style.left = `${(t / total) * 100}%`;
      ticks.append(tick);
    }
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('.row');
    if (rowEl === null) return;
    const i = Number(rowEl.dataset.index);
    if (target.closest('.toggle') !== null) {
      this.toggle(i);
      return;
    }
    this.host.select(i, {});
    this.focus();
  }

  private toggle(i: number): void {
    if (this.model.childCount[i] === 0) return;
    this.model.setCollapsed(i, this.model.collapsed[i] !== 1);
    this.stamp++;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const m = this.model;
    const rows = this.rows;
    if (rows === 0) return;
    const current = this.selected >= 0 && m.rowOf[this.selected]! >= 0 ? m.rowOf[this.selected]! : -1;
    const page = Math.max(1, Math.floor((this.viewport.clientHeight || 600) / ROW) - 1);
    const go = (row: number): void => this.host.select(m.visible[Math.max(0, Math.min(rows - 1, row))]!, {});
    const i = this.selected;
    switch (e.key) {
      case 'ArrowDown':
        go(current + 1);
        break;
      case 'ArrowUp':
        go(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        go(current + page);
        break;
      case 'PageUp':
        go(current - page);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows - 1);
        break;
      case 'ArrowRight':
        if (i < 0) go(0);
        else if (m.childCount[i]! > 0 && m.collapsed[i] === 1) this.toggle(i);
        else if (m.childCount[i]! > 0) this.host.select(i + 1, {});
        break;
      case 'ArrowLeft':
        if (i < 0) go(0);
        else if (m.childCount[i]! > 0 && m.collapsed[i] !== 1) this.toggle(i);
        else if (m.parent[i]! >= 0) this.host.select(m.parent[i]!, {});
        break;
      case 'Enter':
        if (i >= 0 && m.childCount[i]! > 0) this.toggle(i);
        else if (i >= 0) this.host.select(i, { focusPanel: true });
        break;
      case 'Escape':
        if (i < 0) return;
        this.host.select(-1, {});
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}

const SECOND = 1e9;
/** Steps of a second and more that read well on a clock: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, ... min, hours. */
const CLOCK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * SECOND);

/** A step near `rough` (ns): 1-2-5 below a second, clock steps above. */
export function niceStep(rough: number): number {
  if (rough >= SECOND) return CLOCK_STEPS.find((s) => s >= rough) ?? Math.ceil(rough / (86400 * SECOND)) * 86400 * SECOND;
  const p = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= rough) return m * p;
  return 10 * p;
}
