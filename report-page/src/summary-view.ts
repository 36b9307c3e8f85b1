/**
 * The summary: what the input holds (traces, spans, services, time range), the slowest and failing
 * traces, latency per service and per operation with histograms, error signatures, the service
 * graph and the aggregated critical path — each the result of the tracectl command named in its
 * heading, as embedded.
 */
import type { LatencyResult } from '../../src/analyses/latency.js';
import type { ReportDocument } from '../../src/report/report-data.js';
import { depGraph, MAX_LABELLED_EDGES } from './dep-graph.js';
import { h, type Child } from './dom.js';
import { fmtBytes, fmtCount, fmtMs, fmtPercent, shortTime } from './format.js';
import { histogramSvg } from './histogram.js';
import { count, ms, num, table, traceLink, traceRowsTable, type Cell, type CellLike } from './tables.js';

function section(id: string, title: string, source: string | null, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    source === null ? null : h('p', { class: 'note' }, 'As ', h('code', null, source), ' computes it.'),
    ...children,
  );
}

/** A <details> whose content is made when it is first opened (a dump's operations can be many). */
function lazyDetails(open: boolean, title: string, make: () => Node): HTMLDetailsElement {
  const details = h('details', { open }, h('summary', null, title));
  if (open) details.append(make());
  else {
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1) details.append(make());
    });
  }
  return details;
}

/** Rows past the first `limit` go into a <details> made on opening: a big dump has thousands. */
const ROW_LIMIT = 50;
function cappedTable<T>(id: string, headers: readonly CellLike[], items: readonly T[], row: (item: T) => CellLike[]): HTMLElement {
  if (items.length <= ROW_LIMIT) return table(headers, items.map(row), { id });
  return h(
    'div',
    null,
    table(headers, items.slice(0, ROW_LIMIT).map(row), { id }),
    lazyDetails(false, `${fmtCount(items.length - ROW_LIMIT)} more`, () => table(headers, items.slice(ROW_LIMIT).map(row), { id: `${id}-more` })),
  );
}

function shareCell(share: number): Cell {
  const bar = h('span', { class: 'sharebar', 'aria-hidden': 'true' });
  bar.style.width = `${Math.round(share * 120)}px`;
  return { content: [bar, fmtPercent(share)], value: share, num: true };
}

function swatch(colour: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.backgroundColor = colour;
  return el;
}

function plural(n: number, one: string): string {
  return `${fmtCount(n)} ${n === 1 ? one : `${one}s`}`;
}

function card(label: string, value: string, exact?: number | string): HTMLElement {
  return h('div', { class: 'card' }, h('div', { class: 'value', 'data-value': exact === undefined ? null : String(exact) }, value), h('div', { class: 'label' }, label));
}

export function metaLines(doc: { tracectl: string; inputs: ReportDocument['inputs'] }): HTMLElement {
  const inputs = doc.inputs.map((i) => `${i.name} (${fmtBytes(i.bytes)}${i.formats.length > 0 ? `, ${i.formats.join(', ')}` : ''}, ${fmtCount(i.spans)} spans)`);
  return h('p', { class: 'meta' }, `tracectl ${doc.tracectl} · ${inputs.length === 1 ? 'input' : 'inputs'}: ${inputs.join('; ')}`);
}

function latencyTable(result: LatencyResult, byOperation: boolean, id: string): HTMLElement {
  const ps = result.percentiles.map(String);
  const headers: CellLike[] = [
    'Service',
    ...(byOperation ? ['Operation'] : []),
    num(null, 'Requests'),
    num(null, 'Errors'),
    num(null, 'Error rate'),
    ...ps.map((p) => num(null, `p${p}`)),
    num(null, 'Max'),
    'Distribution',
  ];
  const rows = result.groups.map((g) => [
    g.service,
    ...(byOperation ? [g.operation ?? ''] : []),
    count(g.count),
    { ...count(g.errors), className: g.errors > 0 ? 'status-error' : '' },
    num(g.errorRate, fmtPercent(g.errorRate)),
    ...ps.map((p) => ms(g.percentilesMs[p])),
    ms(g.maxMs),
    histogramSvg(g.histogram ?? []),
  ]);
  return table(headers, rows, { id, 'data-by': result.by });
}

export function summaryView(doc: ReportDocument, colour: (service: string) => string): HTMLElement {
  const embedded = new Set(doc.traces.map((t) => t.traceId));
  const s = doc.summary;
  const e = doc.embedded;
  const page = h(
    'div',
    { class: 'page', id: 'summary' },
    h('h1', null, doc.title),
    metaLines(doc),
    doc.options.where === null ? null : h('p', { class: 'meta' }, 'Only spans matching ', h('code', null, doc.options.where), ' (--where).'),
    doc.options.redacted ? h('p', { class: 'meta' }, 'Redacted with the rules of tracectl redact before anything was embedded.') : null,
    h(
      'div',
      { class: 'cards', id: 'totals' },
      card('traces', fmtCount(s.traces), s.traces),
      card('spans', fmtCount(s.spans), s.spans),
      card('services', fmtCount(s.services.length), s.services.length),
      card('failing traces', fmtCount(s.failingTraces), s.failingTraces),
      card('time range', fmtMs(s.durationMs), s.durationMs),
    ),
    h('p', { class: 'meta' }, `From ${shortTime(s.startTime)} to ${shortTime(s.endTime)}.`),
    h(
      'p',
      { class: 'note', id: 'embedded-note' },
      e.of <= e.maxTraces
        ? `Every trace is embedded (${fmtCount(doc.traces.length)}): open one from the tables below.`
        : `This page embeds ${fmtCount(doc.traces.length)} of ${fmtCount(e.of)} traces (--max-traces ${e.maxTraces}): the ${fmtCount(e.slowest)} slowest, ${fmtCount(e.failing)} failing and a sample of ${fmtCount(e.sample)}. The summary counts every trace and span.`,
    ),
  );

  page.append(
    section('slowest', 'Slowest traces', null, doc.slowest.length === 0 ? h('p', null, 'No traces.') : traceRowsTable(doc.slowest, embedded, { id: 'slowest-table' })),
    section(
      'failing',
      'Failing traces',
      null,
      doc.failing.length === 0
        ? h('p', null, 'No trace has a failed span.')
        : h('div', null, h('p', { class: 'note' }, `${fmtCount(s.failingTraces)} traces have a failed span; those whose failure reached a root first.`), traceRowsTable(doc.failing, embedded, { id: 'failing-table' })),
    ),
  );

  const lat = doc.latencyByService;
  page.append(
    section(
      'latency',
      'Latency per service',
      'tracectl latency --histogram',
      h('p', { class: 'note' }, `${lat.spans === 'entry' ? 'Entry spans (what callers of each service experienced)' : 'Every span'}; nearest-rank percentiles; ${fmtCount(lat.untimedSpans)} spans without a duration left out.`),
      latencyTable(lat, false, 'latency-service'),
      lazyDetails(
        doc.latencyByOperation.groups.length <= 40,
        `Per operation (${fmtCount(doc.latencyByOperation.groups.length)}) — tracectl latency --by operation`,
        () => latencyTable(doc.latencyByOperation, true, 'latency-operation'),
      ),
    ),
  );

  const err = doc.errors;
  page.append(
    section(
      'errors',
      'Error signatures',
      'tracectl errors',
      h(
        'p',
        { class: 'note', id: 'error-totals', 'data-error-spans': err.totals.errorSpans, 'data-chains': err.totals.chains, 'data-recovered': err.totals.recovered },
        `${plural(err.totals.errorSpans, 'failed span')} in ${plural(err.totals.tracesWithErrors, 'trace')}; ${plural(err.totals.chains, 'error chain')} reached a root in ${plural(err.totals.tracesWithChains, 'trace')}; ${plural(err.totals.recovered, 'failure')} recovered (a caller succeeded anyway).`,
      ),
      err.groups.length === 0
        ? h('p', null, 'No error chains.')
        : cappedTable('error-groups', [num(null, 'Traces'), num(null, 'Chains'), 'Origin', 'Reason', 'Path', 'Examples'], err.groups, (g) => [
            count(g.count),
            count(g.chains),
            `${g.origin.service}: ${g.origin.operation}`,
            { content: g.reason, className: 'status-error' },
            g.path.join(' → '),
            h('span', null, ...g.traceIds.flatMap((id, i) => [i > 0 ? ' ' : null, traceLink(id, embedded)])),
          ]),
    ),
  );

  const deps = doc.deps;
  page.append(
    section(
      'deps',
      'Service dependencies',
      'tracectl deps',
      deps.services.length === 0 ? h('p', null, 'No services.') : h('div', { class: 'graph-wrap' }, depGraph(deps, colour)),
      h(
        'p',
        { class: 'note' },
        'Boxes are services (a thick border: requests enter there; dashed: some spans failed); arrows go from caller to callee',
        deps.edges.length > MAX_LABELLED_EDGES ? ' (point at one for its calls, errors and p99; every pair is in the table).' : ', labelled with calls, errors and p99.',
      ),
      lazyDetails(deps.edges.length <= 15, `As a table (${fmtCount(deps.edges.length)} caller → callee pairs)`, () =>
        h(
          'div',
          null,
          table(
            ['Caller', 'Callee', num(null, 'Calls'), num(null, 'Errors'), num(null, 'Error rate'), num(null, 'p50'), num(null, 'p99')],
            deps.edges.map((d) => [d.from, d.to, count(d.calls), { ...count(d.errors), className: d.errors > 0 ? 'status-error' : '' }, num(d.errorRate, fmtPercent(d.errorRate)), ms(d.p50Ms), ms(d.p99Ms)]),
            { id: 'deps-edges' },
          ),
          table(
            ['Service', num(null, 'Spans'), num(null, 'Errors'), 'Entry'],
            deps.services.map((d) => [h('span', null, swatch(colour(d.name)), d.name), count(d.spans), count(d.errors), d.entry ? 'yes' : '']),
            { id: 'deps-services' },
          ),
        ),
      ),
    ),
  );

  const cp = doc.criticalPath;
  page.append(
    section(
      'critical-path',
      'Where requests wait: the aggregated critical path',
      'tracectl critical-path',
      h('p', { class: 'note' }, `Over ${fmtCount(cp.traces)} traces, ${fmtMs(cp.totalCriticalMs)} of critical-path time: the share each operation owns, the traces it is on, and its time per trace.`),
      cp.operations.length === 0
        ? h('p', null, 'No critical-path time.')
        : cappedTable(
            'critical-table',
            ['Service', 'Operation', num(null, 'Critical time'), num(null, 'Share'), num(null, 'Traces'), num(null, 'p50'), num(null, 'p90'), num(null, 'p99')],
            cp.operations,
            (o) => [o.service, o.operation, ms(o.criticalMs), shareCell(o.share), count(o.traces), ms(o.p50Ms), ms(o.p90Ms), ms(o.p99Ms)],
          ),
    ),
  );
  page.append(
    section(
      'traces',
      'Embedded traces',
      null,
      doc.traces.length === 0
        ? h('p', null, 'No traces.')
        : table(
            ['Trace', 'Why', 'Root', 'Start', num(null, 'Duration'), num(null, 'Spans'), num(null, 'Errors')],
            [...doc.traces]
              .sort((a, b) => b.durationNs - a.durationNs)
              .map((t) => [traceLink(t.traceId, embedded), t.reason, `${t.row.rootService}: ${t.row.rootOperation}`, shortTime(t.row.startTime), ms(t.row.durationMs), count(t.row.spans), count(t.row.errors)]),
            { id: 'embedded-table' },
          ),
    ),
  );
  return page;
}
