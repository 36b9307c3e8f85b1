/**
 * The trace as a flame graph (an icicle: the root on top, children below their parent, on the
 * trace's time axis), drawn on a canvas the size of the view so any number of spans costs only
 * what is visible. Each box wide enough to read gets its name as a DOM label above the canvas, so
 * the names stay text; a click selects the span (details in the side panel), a double click zooms
 * the axis to it, and a hover shows its name and duration.
 */
import { h } from './dom.js';
import { flameRows } from './flame-rows.js';
import { fmtNs } from './format.js';
import { textOn } from './palette.js';
import type { TraceModel } from './trace-model.js';

const LEVEL = 22;
/** Browsers cap an element's height: past this, the scroll position is scaled onto the levels. */
const MAX_SCROLL_PX = 8_000_000;
const LABEL_MIN_PX = 36;

export interface FlameHost {
  colour(service: string): string;
  select(i: number, options: { readonly focusPanel?: boolean }): void;
}

export class FlameGraph {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;
  private readonly scroller: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly labels: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly tooltip: HTMLDivElement;
  /** Each span's row (flame-rows.ts), the last row, and the spans by row: byDepth[depthStart[r]..depthStart[r+1]). */
  private readonly row: Int32Array;
  private readonly maxRow: number;
  private readonly byDepth: Int32Array;
  private readonly depthStart: Int32Array;
  private x0 = 0;
  private x1: number;
  private selected = -1;
  private frame = 0;
  private hatch: CanvasPattern | null = null;

  constructor(
    private readonly model: TraceModel,
    private readonly host: FlameHost,
  ) {
    const m = model;
    this.x1 = m.durationNs > 0 ? m.durationNs : 1;
    this.row = flameRows(m.parent, m.start, m.duration);
    let maxRow = 0;
    for (let i = 0; i < m.n; i++) if (this.row[i]! > maxRow) maxRow = this.row[i]!;
    this.maxRow = maxRow;
    const levels = maxRow + 1;
    this.depthStart = new Int32Array(levels + 1);
    for (let i = 0; i < m.n; i++) this.depthStart[this.row[i]! + 1]!++;
    for (let d = 0; d < levels; d++) this.depthStart[d + 1]! += this.depthStart[d]!;
    this.byDepth = new Int32Array(m.n);
    const fill = this.depthStart.slice(0, levels);
    for (let i = 0; i < m.n; i++) this.byDepth[fill[this.row[i]!]!++] = i;

    this.canvas = h('canvas', { 'aria-hidden': 'true' });
    this.labels = h('div', { class: 'labels' });
    this.spacer = h('div', { class: 'spacer' });
    this.spacer.style.height = `${Math.min(levels * LEVEL, MAX_SCROLL_PX)}px`;
    this.scroller = h('div', { class: 'flame', role: 'region', 'aria-label': 'Flame graph of the trace (names of the wider boxes as text; every span is in the waterfall)' }, this.canvas, this.labels, this.spacer);
    this.tooltip = h('div', { class: 'tooltip', role: 'status' });
    this.tooltip.hidden = true;
    this.note = h('div', { class: 'flame-note' });
    const reset = h('button', { type: 'button' }, 'Reset zoom');
    reset.addEventListener('click', () => this.zoom(0, this.model.durationNs > 0 ? this.model.durationNs : 1));
    this.element = h('div', { class: 'trace-main', id: 'flame' }, h('div', { class: 'flame-note' }, 'Click a box for its details, double-click to zoom to it. ', reset, ' ', this.note), this.scroller, this.tooltip);
    this.scroller.addEventListener('scroll', () => this.schedule());
    this.canvas.addEventListener('click', (e) => {
      const i = this.hit(e);
      if (i >= 0) this.host.select(i, {});
    });
    this.canvas.addEventListener('dblclick', (e) => {
      const i = this.hit(e);
      if (i >= 0) this.zoom(m.start[i]!, m.start[i]! + Math.max(m.duration[i]!, 1));
    });
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.describeZoom();
  }

  setSelected(i: number): void {
    this.selected = i;
    this.schedule();
  }

  renderNow(): void {
    this.draw();
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private zoom(from: number, to: number): void {
    this.x0 = from;
    this.x1 = to > from ? to : from + 1;
    this.describeZoom();
    this.draw();
  }

  private describeZoom(): void {
    const total = this.model.durationNs;
    this.note.textContent = this.x0 === 0 && this.x1 >= total ? `Showing the whole trace (${fmtNs(total)}).` : `Showing ${fmtNs(this.x0)} to ${fmtNs(this.x1)} of ${fmtNs(total)}.`;
  }

  /** The scroll position in the levels' own pixels (scaled when they are taller than the cap). */
  private levelTop(): number {
    const real = (this.maxRow + 1) * LEVEL;
    const top = this.scroller.scrollTop;
    if (real <= MAX_SCROLL_PX) return top;
    const view = this.scroller.clientHeight;
    return (top / Math.max(1, MAX_SCROLL_PX - view)) * Math.max(0, real - view);
  }

  private hit(e: MouseEvent): number {
    const rect = this.canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const d = Math.floor((e.clientY - rect.top + this.levelTop()) / LEVEL);
    if (d < 0 || d > this.maxRow) return -1;
    const width = rect.width;
    const m = this.model;
    const t = this.x0 + (x / width) * (this.x1 - this.x0);
    const slack = ((this.x1 - this.x0) / width) * 2;
    let best = -1;
    for (let k = this.depthStart[d]!; k < this.depthStart[d + 1]!; k++) {
      const i = this.byDepth[k]!;
      if (t >= m.start[i]! - slack && t <= m.start[i]! + m.duration[i]! + slack) {
        if (best < 0 || m.duration[i]! < m.duration[best]!) best = i;
      }
    }
    return best;
  }

  private hover(e: MouseEvent): void {
    const i = this.hit(e);
    if (i < 0) {
      this.tooltip.hidden = true;
      return;
    }
    const m = this.model;
    this.tooltip.textContent = `${m.service(i)}: ${m.operation(i)} — ${fmtNs(m.duration[i]!)}${m.isError(i) ? ' (error)' : ''}${m.isCritical(i) ? ' (critical path)' : ''}`;
    this.tooltip.style.left = `${e.clientX + 12}px`;
    this.tooltip.style.top = `${e.clientY + 12}px`;
    this.tooltip.hidden = false;
  }

  private draw(): void {
    const m = this.model;
    const width = this.scroller.clientWidth;
    const height = this.scroller.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.style.top = `${this.scroller.scrollTop}px`;
    this.labels.style.width = `${width}px`;
    this.labels.style.height = `${height}px`;
    this.labels.style.top = `${this.scroller.scrollTop}px`;
    this.labels.style.left = '0px';
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    this.hatch ??= hatchPattern(ctx);
    const scrollTop = this.levelTop();
    const firstDepth = Math.max(0, Math.floor(scrollTop / LEVEL));
    const lastDepth = Math.min(this.maxRow, Math.ceil((scrollTop + height) / LEVEL));
    const scale = width / (this.x1 - this.x0);
    const labels: HTMLElement[] = [];
    const errorStroke = getComputedStyle(this.scroller).getPropertyValue('--error').trim() || '#b3261e';
    const critical = getComputedStyle(this.scroller).getPropertyValue('--critical').trim() || '#000';
    for (let d = firstDepth; d <= lastDepth; d++) {
      const y = d * LEVEL - scrollTop;
      let lastPixel = -1;
      for (let k = this.depthStart[d]!; k < this.depthStart[d + 1]!; k++) {
        const i = this.byDepth[k]!;
        const x = (m.start[i]! - this.x0) * scale;
        const w = m.duration[i]! * scale;
        if (x + w < 0 || x > width) continue;
        // Boxes under a pixel wide that land on a pixel already drawn add nothing visible.
        if (w < 1 && Math.floor(x) === lastPixel) continue;
        lastPixel = Math.floor(x);
        const left = Math.max(0, x);
        const right = Math.min(width, x + Math.max(w, 1));
        const colour = this.host.colour(m.service(i));
        ctx.fillStyle = colour;
        ctx.fillRect(left, y + 1, right - left, LEVEL - 2);
        if (m.isError(i)) {
          if (this.hatch !== null) {
            ctx.fillStyle = this.hatch;
            ctx.fillRect(left, y + 1, right - left, LEVEL - 2);
          }
          ctx.strokeStyle = errorStroke;
          ctx.lineWidth = 2;
          ctx.strokeRect(left + 1, y + 2, Math.max(0, right - left - 2), LEVEL - 4);
        }
        if (m.isCritical(i)) {
          ctx.fillStyle = critical;
          ctx.fillRect(left, y + LEVEL - 4, right - left, 3);
        }
        if (i === this.selected) {
          ctx.strokeStyle = critical;
          ctx.lineWidth = 2;
          ctx.strokeRect(left + 1, y + 1, Math.max(0, right - left - 2), LEVEL - 2);
        }
        if (right - left >= LABEL_MIN_PX) {
          const label = h('div', { class: 'label' }, `${m.service(i)}: ${m.operation(i)} ${fmtNs(m.duration[i]!)}`);
          label.style.left = `${left}px`;
          label.style.top = `${y + 1}px`;
          label.style.width = `${right - left}px`;
          label.style.color = textOn(colour);
          labels.push(label);
        }
      }
    }
    this.labels.replaceChildren(...labels);
  }
}

function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const t = tile.getContext('2d');
  if (t === null) return null;
  t.strokeStyle = 'rgba(0,0,0,0.45)';
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}
