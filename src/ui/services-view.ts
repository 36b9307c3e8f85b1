/**
 * The Services screen's lines: the latency table as `tracectl latency` prints it (by service, or by
 * service and operation as `--by operation`), the error signatures as `tracectl errors` lists them
 * first, and `tracectl deps` whole, each drawn by that command's renderer, one section after the
 * other. Each line the cursor can stop on carries a key that names what it is (so the cursor finds
 * its row again when the figures change) and the traces it stands for.
 *
 * The renderers write one line per table row after one header line, so a row's line is found by
 * position: latency group i is line i + 1, deps tree row i is line i + 1 (no header when no service
 * calls another), edge i follows the tree, a blank line and the edge table's header.
 */
import type { LatencyResult } from '../analyses/latency.js';
import { renderDeps } from '../render/deps.js';
import { renderErrorGroup } from '../render/error-group.js';
import { renderLatency } from '../render/latency.js';
import type { Theme } from '../render/theme.js';
import type { ServicesData } from './catalog.js';
import { edgeFacet, operationFacet, serviceFacet, signatureFacet, type TraceFacet } from './trace-facet.js';

export type ServicesSection = 'latency' | 'errors' | 'deps';
export type LatencyGrouping = 'service' | 'operation';

export interface ServicesRow {
  readonly text: string;
  readonly section: ServicesSection;
  /** Set on the lines the cursor stops on: section titles and the tables' rows. */
  readonly key?: string;
  /** The traces the row stands for (not on titles). */
  readonly facet?: TraceFacet;
  /** A latency row's service, for keeping the cursor near it when the grouping changes. */
  readonly service?: string;
}

export function servicesView(data: ServicesData, by: LatencyGrouping, theme: Theme, width: number): ServicesRow[] {
  const rows: ServicesRow[] = [];
  latencyRows(rows, by === 'service' ? data.byService : data.byOperation, by, theme, width);
  rows.push({ text: '', section: 'latency' });
  errorRows(rows, data, theme, width);
  rows.push({ text: '', section: 'errors' });
  depsRows(rows, data, theme, width);
  return rows;
}

function title(section: ServicesSection, text: string, hint: string, theme: Theme): ServicesRow {
  return { text: `${theme.bold(text)}${hint === '' ? '' : theme.dim(`  ${hint}`)}`, section, key: `section:${section}` };
}

function latencyRows(rows: ServicesRow[], result: LatencyResult, by: LatencyGrouping, theme: Theme, width: number): void {
  const other = by === 'service' ? 'operation' : 'service';
  rows.push(title('latency', `Latency by ${by}`, `(o: by ${other})`, theme));
  const lines = renderLatency(result, theme, width);
  const section = 'latency';
  lines.forEach((text, i) => {
    const group = result.groups.length > 0 && i >= 1 ? result.groups[i - 1] : undefined;
    if (group === undefined) {
      rows.push({ text, section });
      return;
    }
    const operation = group.operation;
    rows.push(
      by === 'operation' && operation !== null
        ? { text, section, key: `latency:operation:${group.service}\0${operation}`, facet: operationFacet(group.service, operation), service: group.service }
        : { text, section, key: `latency:service:${group.service}`, facet: serviceFacet(group.service), service: group.service },
    );
  });
}

function errorRows(rows: ServicesRow[], data: ServicesData, theme: Theme, width: number): void {
  const section = 'errors';
  rows.push(title(section, 'Error signatures', '', theme));
  if (data.errorGroups.length === 0) {
    rows.push({ text: `no error chains in ${data.traces} trace${data.traces === 1 ? '' : 's'}`, section });
    return;
  }
  for (const group of data.errorGroups) {
    const [head, ...rest] = renderErrorGroup(group, theme, width);
    const label = `${group.origin.service} ${group.origin.operation}: ${group.reason}`;
    rows.push({ text: head!, section, key: `errors:${group.signature}`, facet: signatureFacet(group.signature, label) });
    for (const text of rest) rows.push({ text, section });
  }
}

function depsRows(rows: ServicesRow[], data: ServicesData, theme: Theme, width: number): void {
  const section = 'deps';
  rows.push(title(section, 'Dependencies', '', theme));
  const { deps, depsTree: tree } = data;
  const lines = renderDeps(deps, tree, data.traces, theme, width);
  const keyed = new Map<number, ServicesRow>();
  if (deps.services.length > 0) {
    const treeAt = deps.edges.length === 0 ? 0 : 1;
    const path: string[] = [];
    const seen = new Set<string>();
    tree.forEach((row, i) => {
      path.length = row.depth;
      path.push(row.service);
      let key = `deps:tree:${path.join('\0')}`;
      for (let n = 2; seen.has(key); n++) key = `deps:tree:${path.join('\0')}#${n}`;
      seen.add(key);
      const facet = row.edge === null ? serviceFacet(row.service) : edgeFacet(row.edge.from, row.edge.to);
      keyed.set(treeAt + i, { text: '', section, key, facet });
    });
    if (deps.edges.length > 0) {
      const edgesAt = treeAt + tree.length + 2;
      deps.edges.forEach((edge, i) => {
        keyed.set(edgesAt + i, { text: '', section, key: `deps:edge:${edge.from}\0${edge.to}`, facet: edgeFacet(edge.from, edge.to) });
      });
    }
  }
  lines.forEach((text, i) => {
    const row = keyed.get(i);
    rows.push(row === undefined ? { text, section } : { ...row, text });
  });
}
