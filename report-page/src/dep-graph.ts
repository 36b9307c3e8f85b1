/**
 * The service dependency graph as SVG: a box per service (its spans and errors), an arrow per
 * caller → callee pair labelled with calls, errors and p99, laid out by graph-layout.ts. Failing
 * services and edges are dashed as well as coloured. The same figures follow as a table.
 */
import type { ServiceDeps } from '../../src/analyses/deps.js';
import { svg } from './dom.js';
import { fmtCount, fmtMs } from './format.js';
import { layoutGraph, type Point } from './graph-layout.js';

const NODE_HEIGHT = 40;
/** Rough widths of a character at the graph's font sizes (names 12px, figures 11px). */
const NAME_CHAR = 7.2;
const SMALL_CHAR = 6.3;
export const MAX_LABELLED_EDGES = 40;

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function pathThrough(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${points[0]!.x.toFixed(1)},${points[0]!.y.toFixed(1)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const mx = (a.x + b.x) / 2;
    d += ` C${mx.toFixed(1)},${a.y.toFixed(1)} ${mx.toFixed(1)},${b.y.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
  }
  return d;
}

export function depGraph(deps: ServiceDeps, colour: (service: string) => string): SVGSVGElement {
  const labels = new Map(deps.services.map((s) => [s.name, truncate(s.name, 40)]));
  const subs = new Map(deps.services.map((s) => [s.name, `${fmtCount(s.spans)} spans${s.errors > 0 ? ` · ${fmtCount(s.errors)} errors` : ''}${s.entry ? ' · entry' : ''}`]));
  const nodes = deps.services.map((s) => ({ id: s.name, width: Math.max(labels.get(s.name)!.length * NAME_CHAR, subs.get(s.name)!.length * SMALL_CHAR) + 30, height: NODE_HEIGHT }));
  const edgeLabels = new Map(deps.edges.map((e) => [`${e.from}\u0000${e.to}`, `${fmtCount(e.calls)} ${e.calls === 1 ? 'call' : 'calls'}${e.errors > 0 ? ` · ${fmtCount(e.errors)} err` : ''} · p99 ${fmtMs(e.p99Ms)}`]));
  // Layers far enough apart for the longest edge label to sit between them. A dense graph gets no
  // labels on its arrows (they would cover each other): its figures are in each arrow's title and the table.
  const labelled = deps.edges.length <= MAX_LABELLED_EDGES;
  const longest = labelled ? Math.max(0, ...[...edgeLabels.values()].map((l) => l.length * SMALL_CHAR)) : 0;
  const layout = layoutGraph(nodes, deps.edges.map((e) => ({ from: e.from, to: e.to })), { layerGap: Math.max(90, longest + 40) });
  const root = svg('svg', {
    class: 'graph',
    width: Math.ceil(layout.width),
    height: Math.ceil(layout.height),
    viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`,
    role: 'img',
    'aria-label': `Service dependency graph: ${deps.services.length} services, ${deps.edges.length} caller-callee pairs (listed in the table below)`,
  });
  root.append(
    svg('defs', null, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z' }))),
  );
  const byName = new Map(deps.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  // Each label sits just before its arrow's head, above the line; labels into one callee stack up.
  const into = new Map<string, number>();
  for (const routed of layout.edges) {
    const e = byName.get(`${routed.from}\u0000${routed.to}`)!;
    const label = edgeLabels.get(`${routed.from}\u0000${routed.to}`)!;
    const head = routed.points[routed.points.length - 1]!;
    const k = into.get(routed.to) ?? 0;
    into.set(routed.to, k + 1);
    const anchorEnd = !routed.reversed;
    const g = svg(
      'g',
      { class: e.errors > 0 ? 'edge failing' : 'edge' },
      svg('path', { d: pathThrough(routed.points), 'marker-end': 'url(#arrow)' }, svg('title', null, `${e.from} → ${e.to}: ${label}`)),
      labelled ? svg('text', { x: (head.x + (anchorEnd ? -10 : 10)).toFixed(1), y: (head.y - 5 - 13 * k).toFixed(1), 'text-anchor': anchorEnd ? 'end' : 'start' }, label) : null,
    );
    root.append(g);
  }
  const info = new Map(deps.services.map((s) => [s.name, s]));
  for (const node of layout.nodes) {
    const s = info.get(node.id)!;
    const classes = ['node', s.entry ? 'entry' : '', s.errors > 0 ? 'failing' : ''].filter((c) => c !== '').join(' ');
    root.append(
      svg(
        'g',
        { class: classes },
        svg('title', null, `${s.name}: ${fmtCount(s.spans)} spans, ${fmtCount(s.errors)} errors${s.entry ? ', entry service' : ''}`),
        svg('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: 5, class: 'box' }),
        svg('rect', { x: node.x, y: node.y, width: 6, height: node.height, rx: 2, fill: colour(s.name) }),
        svg('text', { x: node.x + 14, y: node.y + 17 }, labels.get(s.name)!),
        svg('text', { x: node.x + 14, y: node.y + 32, class: 'sub' }, subs.get(s.name)!),
      ),
    );
  }
  return root;
}
