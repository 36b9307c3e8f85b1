/**
 * The page's entry: reads the embedded document and draws the page it describes — a report
 * (summary, and one trace at #trace=…), a diff or a check. The address is the state: links,
 * back/forward and reloads all go through `route`.
 */
import type { ReportDocument } from '../../src/report/report-data.js';
import { readDocument } from './decode.js';
import { h } from './dom.js';
import { serviceColours } from './palette.js';
import { checkView, diffView } from './result-views.js';
import { parseRoute, traceHash } from './route.js';
import { summaryView } from './summary-view.js';
import { TraceView } from './trace-view.js';

class ReportApp {
  private readonly colour: (service: string) => string;
  private readonly traces: Map<string, ReportDocument['traces'][number]>;
  private summary: HTMLElement | undefined;
  private trace: TraceView | undefined;
  private readonly nav: HTMLElement;
  private readonly summaryLink: HTMLAnchorElement;
  private readonly traceLabel: HTMLElement;
  private readonly content: HTMLElement;

  constructor(
    private readonly doc: ReportDocument,
    private readonly root: HTMLElement,
  ) {
    this.colour = serviceColours(doc.summary.services);
    this.traces = new Map(doc.traces.map((t) => [t.traceId, t]));
    this.summaryLink = h('a', { href: '#' }, 'Summary');
    this.traceLabel = h('span', { class: 'meta' });
    this.nav = h('nav', { class: 'top', 'aria-label': 'Report' }, h('strong', null, 'tracectl'), this.summaryLink, h('a', { href: '#traces' }, 'Traces'), this.traceLabel);
    this.content = h('div', null);
    root.replaceChildren(this.nav, this.content);
    window.addEventListener('hashchange', () => this.route());
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  route(): void {
    const r = parseRoute(location.hash);
    if (r.trace === undefined) {
      this.showSummary(r.section);
      return;
    }
    const payload = this.traces.get(r.trace) ?? this.traces.get(r.trace.toLowerCase());
    if (payload === undefined) {
      this.showSummary();
      this.content.prepend(h('p', { class: 'banner fail', role: 'alert' }, `This page does not hold trace ${r.trace}: it embeds ${this.doc.traces.length} of ${this.doc.summary.traces} traces.`));
      return;
    }
    if (this.trace?.payload !== payload) {
      this.trace = new TraceView(payload, {
        colour: this.colour,
        changed: (span, view) => history.replaceState(null, '', `#${traceHash(payload.traceId, span, view)}`),
      });
    }
    const view = this.trace;
    this.content.replaceChildren(view.element);
    this.summaryLink.removeAttribute('aria-current');
    this.traceLabel.textContent = `Trace ${payload.traceId}`;
    document.title = `${payload.row.rootService}: ${payload.row.rootOperation} · ${this.doc.title}`;
    view.show(r.view ?? view.view);
    if (r.span !== undefined && !view.selectById(r.span)) {
      view.element.prepend(h('p', { class: 'banner fail', role: 'alert' }, `Trace ${payload.traceId} has no span ${r.span}.`));
    }
    if (r.span === undefined) view.select(-1, false, false);
    view.focusView();
  }

  private showSummary(section?: string): void {
    this.summary ??= summaryView(this.doc, this.colour);
    this.content.replaceChildren(this.summary);
    this.summaryLink.setAttribute('aria-current', 'page');
    this.traceLabel.textContent = '';
    document.title = this.doc.title;
    if (section !== undefined) document.getElementById(section)?.scrollIntoView();
    else window.scrollTo(0, 0);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || this.trace === undefined || !this.content.contains(this.trace.element)) return;
    const target = e.target as HTMLElement | null;
    if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    e.preventDefault();
    this.trace.focusSearch();
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const doc = await readDocument();
    if (doc.kind === 'report') new ReportApp(doc, root).route();
    else root.replaceChildren(doc.kind === 'diff' ? diffView(doc) : checkView(doc));
  } catch (err) {
    root.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, `This page could not be shown: ${err instanceof Error ? err.message : String(err)}`));
  } finally {
    root.setAttribute('aria-busy', 'false');
  }
}

void start();
