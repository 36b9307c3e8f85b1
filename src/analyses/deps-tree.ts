/**
 * The service topology as a tree for reading: starting from the entry services, each service's
 * callees under it (most calls first). A topology is a graph, not a tree, so a callee already on the
 * way down from the root is a cycle (marked, not followed) and a service already shown elsewhere is
 * marked as such instead of repeating its whole subtree. Services no entry service reaches (callers
 * whose own caller is missing from the dump) start trees of their own, so every service and edge
 * appears. Walked with an explicit stack.
 */
import type { DepsEdge, ServiceDeps } from './deps.js';

export interface DepsTreeRow {
  readonly service: string;
  readonly depth: number;
  /** The call into this service from the row's parent; null on a tree's first row. */
  readonly edge: DepsEdge | null;
  /** `cycle`: the service is already on the path from the root; `seen`: its callees are listed above (not again). */
  readonly mark: 'cycle' | 'seen' | null;
  readonly entry: boolean;
}

interface Frame {
  readonly service: string;
  readonly depth: number;
  readonly edge: DepsEdge | null;
}

export function depsTree(deps: ServiceDeps): DepsTreeRow[] {
  const callees = new Map<string, DepsEdge[]>();
  const called = new Set<string>();
  for (const edge of deps.edges) {
    // deps.edges is ordered by calls (most first): each service's callees keep that order.
    let list = callees.get(edge.from);
    if (list === undefined) callees.set(edge.from, (list = []));
    list.push(edge);
    called.add(edge.to);
  }
  const entry = new Set(deps.services.filter((s) => s.entry).map((s) => s.name));
  const rows: DepsTreeRow[] = [];
  const expanded = new Set<string>();
  const path: string[] = [];

  const walk = (root: string): void => {
    const stack: Frame[] = [{ service: root, depth: 0, edge: null }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      path.length = frame.depth;
      const onPath = path.includes(frame.service);
      // "Seen" only matters when there are callees to look up; a leaf is shown as itself.
      const hasCallees = (callees.get(frame.service)?.length ?? 0) > 0;
      const mark = onPath ? 'cycle' : expanded.has(frame.service) && hasCallees ? 'seen' : null;
      rows.push({ service: frame.service, depth: frame.depth, edge: frame.edge, mark, entry: entry.has(frame.service) });
      if (mark !== null) continue;
      expanded.add(frame.service);
      path.push(frame.service);
      const next = callees.get(frame.service) ?? [];
      for (let i = next.length - 1; i >= 0; i--) stack.push({ service: next[i]!.to, depth: frame.depth + 1, edge: next[i]! });
    }
  };

  const names = deps.services.map((s) => s.name);
  for (const name of names) if (entry.has(name) && !expanded.has(name)) walk(name);
  // Then callers nobody seen calls, then whatever is left (services only reachable through a cycle).
  for (const name of names) if (!expanded.has(name) && !called.has(name)) walk(name);
  for (const name of names) if (!expanded.has(name)) walk(name);
  return rows;
}
