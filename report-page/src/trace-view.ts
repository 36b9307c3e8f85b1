/**
 * One trace: its header, the waterfall or the flame graph, `/` search, and the span details panel.
 * The selection lives here and both views show it; the address follows it
 * (#trace=…&span=…&view=…), so any state can be linked to.
 */
import type { TracePayload } from '../../src/report/report-data.js';
import { h } from './dom.js';
import { FlameGraph } from './flame-graph.js';
import { fmtCount, fmtNs, shortTime } from './format.js';
import { SearchIndex } from './search-index.js';
import { spanPanel } from './span-panel.js';
import { TraceModel } from './trace-model.js';
import { Waterfall } from './waterfall.js';

export interface TraceViewHost {
  colour(service: string): string;
  /** The selection or view changed: the address should say so. */
  changed(span: string | undefined, view: 'waterfall' | 'flame'): void;
}

export class TraceView {
  readonly element: HTMLElement;
  readonly model: TraceModel;
  private readonly waterfall: Waterfall;
  private flame: FlameGraph | undefined;
  private readonly main: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly search: SearchIndex;
  private readonly searchInput: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly tabs: Record<'waterfall' | 'flame', HTMLButtonElement>;
  private matches: number[] = [];
  private matchAt = -1;
  private selected = -1;
  view: 'waterfall' | 'flame' = 'waterfall';

  constructor(
    readonly payload: TracePayload,
    private readonly host: TraceViewHost,
  ) {
    this.model = new TraceModel(payload);
    this.search = new SearchIndex(payload);
    const select = (i: number, options: { focusPanel?: boolean }): void => this.select(i, true, options.focusPanel === true);
    this.waterfall = new Waterfall(this.model, { colour: host.colour, select });
    const r = payload.row;
    const services = [...new Set(payload.spans.service.map((s) => payload.strings[s]!))].sort();
    const legend = h(
      'div',
      { class: 'legend', 'aria-label': 'Service colours' },
      ...services.map((s) => {
        const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        sw.style.background = host.colour(s);
        return h('span', null, sw, s);
      }),
      h('span', null, h('span', { class: 'badge err' }, 'error'), ' failed span (hatched bar)'),
      h('span', null, h('span', { class: 'badge cp' }, 'critical'), ' on the critical path (stripe under the bar)'),
    );
    const head = h(
      'div',
      { class: 'trace-head' },
      h('h1', null, `${r.rootService}: ${r.rootOperation}`),
      h(
        'p',
        { class: 'meta', id: 'trace-facts' },
        'Trace ',
        h('span', { class: 'mono', id: 'trace-id' }, payload.traceId),
        ` · ${shortTime(r.startTime)} · ${fmtNs(payload.durationNs)} · ${fmtCount(r.spans)} spans · ${fmtCount(r.services)} services · ${fmtCount(r.errors)} errors · embedded as ${payload.reason === 'sample' ? 'a sample' : `one of the ${payload.reason}`}`,
      ),
      legend,
    );
    const tab = (view: 'waterfall' | 'flame', label: string): HTMLButtonElement => {
      const b = h('button', { type: 'button', role: 'tab', 'aria-selected': 'false', 'aria-controls': view }, label);
      b.addEventListener('click', () => this.show(view, true));
      return b;
    };
    this.tabs = { waterfall: tab('waterfall', 'Waterfall'), flame: tab('flame', 'Flame graph') };
    const expand = h('button', { type: 'button' }, 'Expand all');
    expand.addEventListener('click', () => {
      this.model.setAll(false);
      this.waterfall.relayout();
    });
    const collapse = h('button', { type: 'button' }, 'Collapse all');
    collapse.addEventListener('click', () => {
      this.model.setAll(true);
      this.waterfall.relayout();
    });
    this.searchInput = h('input', { type: 'search', placeholder: 'Search spans (press /)', 'aria-label': 'Search spans by any text' });
    this.count = h('span', { class: 'count', role: 'status' });
    const prev = h('button', { type: 'button', 'aria-label': 'Previous match' }, '↑');
    const next = h('button', { type: 'button', 'aria-label': 'Next match' }, '↓');
    prev.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    this.searchInput.addEventListener('input', () => this.runSearch());
    this.searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.focusView();
      }
    });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      h('span', { role: 'tablist', 'aria-label': 'View' }, this.tabs.waterfall, ' ', this.tabs.flame),
      expand,
      collapse,
      this.searchInput,
      prev,
      next,
      this.count,
    );
    this.panel = h('aside', { class: 'panel', 'aria-label': 'Span details', tabindex: -1 });
    this.panel.hidden = true;
    this.main = h('div', { class: 'trace-main' });
    this.element = h('div', { class: 'trace-view' }, head, toolbar, h('div', { class: 'trace-body' }, this.main, this.panel));
  }

  show(view: 'waterfall' | 'flame', fromUser = false): void {
    this.view = view;
    this.tabs.waterfall.setAttribute('aria-selected', String(view === 'waterfall'));
    this.tabs.flame.setAttribute('aria-selected', String(view === 'flame'));
    if (view === 'flame') {
      this.flame ??= new FlameGraph(this.model, { colour: this.host.colour, select: (i, o) => this.select(i, true, o.focusPanel === true) });
      this.main.replaceChildren(this.flame.element);
      this.flame.setSelected(this.selected);
      this.flame.renderNow();
    } else {
      this.main.replaceChildren(this.waterfall.element);
      this.waterfall.renderNow();
      if (this.selected >= 0) this.waterfall.setSelected(this.selected);
    }
    if (fromUser) this.host.changed(this.selected >= 0 ? this.model.spanId(this.selected) : undefined, view);
  }

  focusView(): void {
    if (this.view === 'waterfall') this.waterfall.focus();
  }

  focusSearch(): void {
    this.searchInput.focus();
    this.searchInput.select();
  }

  /** Selects a span by id (from the address); false when the trace has no such span. */
  selectById(spanId: string): boolean {
    let i = this.model.indexOf(spanId);
    if (i < 0) i = this.model.indexOf(spanId.toLowerCase());
    if (i < 0) return false;
    this.select(i, false, false);
    return true;
  }

  select(i: number, fromUser: boolean, focusPanel: boolean): void {
    this.selected = i;
    this.waterfall.setSelected(i);
    this.flame?.setSelected(i);
    if (i < 0) {
      this.panel.hidden = true;
      this.panel.replaceChildren();
    } else {
      this.panel.replaceChildren(
        spanPanel(this.model, i, () => {
          this.select(-1, true, false);
          this.focusView();
        }),
      );
      this.panel.hidden = false;
      if (focusPanel) this.panel.focus();
    }
    if (fromUser) this.host.changed(i >= 0 ? this.model.spanId(i) : undefined, this.view);
  }

  private runSearch(): void {
    this.matches = this.search.search(this.searchInput.value);
    this.matchAt = -1;
    this.waterfall.setMatches(this.matches);
    const q = this.searchInput.value.trim();
    this.count.textContent = q === '' ? '' : this.matches.length === 0 ? 'no match' : `${fmtCount(this.matches.length)} ${this.matches.length === 1 ? 'match' : 'matches'}`;
  }

  private step(by: number): void {
    if (this.matches.length === 0) return;
    this.matchAt = (this.matchAt + by + this.matches.length) % this.matches.length;
    this.count.textContent = `${fmtCount(this.matchAt + 1)} of ${fmtCount(this.matches.length)}`;
    this.select(this.matches[this.matchAt]!, true, false);
  }
}
