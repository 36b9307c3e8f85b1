/**
 * A layered ("Sugiyama") layout of the service graph, left to right, written here rather than taken
 * from a library: the graphs are small (tens of services), the steps are short, and the page then
 * carries no third-party code. Steps:
 * 1. cycles are broken by reversing the edges a depth-first search finds going back (iterative);
 * 2. each node's layer is its longest path from a node without callers;
 * 3. an edge spanning several layers gets a waypoint in each layer between, so it is routed
 *    around the nodes instead of through them;
 * 4. nodes are ordered within layers by the barycentre of their neighbours, sweeping down and up a
 *    few times, which removes most crossings;
 * 5. layers are placed side by side and centred vertically.
 * Deterministic: the same graph gives the same picture (ties keep the input order).
 */

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode extends LayoutNode {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly layer: number;
}

export interface RoutedEdge extends LayoutEdge {
  /** From the caller's right side to the callee's left side (or back, for a reversed edge). */
  readonly points: Point[];
  /** The edge closes a cycle and was laid out against the flow. */
  readonly reversed: boolean;
}

export interface Layout {
  readonly nodes: PlacedNode[];
  readonly edges: RoutedEdge[];
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  readonly layerGap?: number;
  readonly nodeGap?: number;
  readonly margin?: number;
  readonly sweeps?: number;
}

interface Item {
  /** Index in `nodes`, or -1 for a waypoint. */
  readonly node: number;
  readonly height: number;
  order: number;
  y: number;
}

export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayoutOptions = {}): Layout {
  const layerGap = options.layerGap ?? 90;
  const nodeGap = options.nodeGap ?? 18;
  const margin = options.margin ?? 16;
  const sweeps = options.sweeps ?? 6;
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  const links = edges
    .map((e, k) => ({ k, from: index.get(e.from), to: index.get(e.to) }))
    .filter((e): e is { k: number; from: number; to: number } => e.from !== undefined && e.to !== undefined && e.from !== e.to);

  // 1. Break cycles: a DFS from nodes without callers first; an edge to a node on the stack goes back.
  const out: number[][] = nodes.map(() => []);
  const indegree = new Int32Array(n);
  for (const e of links) {
    out[e.from]!.push(e.to);
    indegree[e.to]!++;
  }
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<string>();
  const starts = [...nodes.keys()].sort((a, b) => (indegree[a] === 0 ? 0 : 1) - (indegree[b] === 0 ? 0 : 1) || a - b);
  for (const s of starts) {
    if (state[s] !== 0) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, at] = top;
      if (at < out[v]!.length) {
        top[1]++;
        const w = out[v]![at]!;
        if (state[w] === 1) back.add(`${v} ${w}`);
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  const dag = links.map((e) => {
    const reversed = back.has(`${e.from} ${e.to}`);
    return { ...e, reversed, a: reversed ? e.to : e.from, b: reversed ? e.from : e.to };
  });

  // 2. Layers: longest path from the sources, in topological order (Kahn).
  const succ: number[][] = nodes.map(() => []);
  const inDag = new Int32Array(n);
  for (const e of dag) {
    succ[e.a]!.push(e.b);
    inDag[e.b]!++;
  }
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (inDag[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (const w of succ[v]!) {
      if (layer[v]! + 1 > layer[w]!) layer[w] = layer[v]! + 1;
      if (--inDag[w]! === 0) queue.push(w);
    }
  }
  const layerCount = n === 0 ? 0 : Math.max(...layer) + 1;

  // 3. Items per layer: the nodes, and a waypoint where an edge crosses a layer.
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  const nodeItem: Item[] = nodes.map((node, i) => {
    const item = { node: i, height: node.height, order: 0, y: 0 };
    layers[layer[i]!]!.push(item);
    return item;
  });
  const chains = dag.map((e) => {
    const chain: Item[] = [nodeItem[e.a]!];
    for (let l = layer[e.a]! + 1; l < layer[e.b]!; l++) {
      const way = { node: -1, height: 0, order: 0, y: 0 };
      layers[l]!.push(way);
      chain.push(way);
    }
    chain.push(nodeItem[e.b]!);
    return chain;
  });
  const up = new Map<Item, Item[]>();
  const down = new Map<Item, Item[]>();
  const push = (m: Map<Item, Item[]>, k: Item, v: Item): void => {
    const list = m.get(k);
    if (list === undefined) m.set(k, [v]);
    else list.push(v);
  };
  for (const chain of chains) {
    for (let i = 0; i + 1 < chain.length; i++) {
      push(down, chain[i]!, chain[i + 1]!);
      push(up, chain[i + 1]!, chain[i]!);
    }
  }

  // 4. Order by barycentre, sweeping down and up.
  for (const items of layers) items.forEach((it, i) => (it.order = i));
  const reorder = (items: Item[], neighbours: Map<Item, Item[]>): void => {
    const keyed = items.map((it) => {
      const ns = neighbours.get(it);
      const key = ns === undefined || ns.length === 0 ? it.order : ns.reduce((s, x) => s + x.order, 0) / ns.length;
      return { it, key };
    });
    keyed.sort((a, b) => a.key - b.key || a.it.order - b.it.order);
    keyed.forEach(({ it }, i) => (it.order = i));
    items.sort((a, b) => a.order - b.order);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < layerCount; l++) reorder(layers[l]!, up);
    for (let l = layerCount - 2; l >= 0; l--) reorder(layers[l]!, down);
  }

  // 5. Coordinates.
  const layerWidth = layers.map((items) => Math.max(0, ...items.map((it) => (it.node >= 0 ? nodes[it.node]!.width : 0))));
  const layerX: number[] = [];
  let x = margin;
  for (let l = 0; l < layerCount; l++) {
    layerX.push(x);
    x += layerWidth[l]! + layerGap;
  }
  const span = (items: Item[]): number => items.reduce((s, it) => s + (it.node >= 0 ? it.height : 6), 0) + nodeGap * Math.max(0, items.length - 1);
  const tallest = Math.max(0, ...layers.map(span));
  for (const items of layers) {
    let y = margin + (tallest - span(items)) / 2;
    for (const it of items) {
      it.y = y;
      y += (it.node >= 0 ? it.height : 6) + nodeGap;
    }
  }
  const placed: PlacedNode[] = nodes.map((node, i) => ({ ...node, x: layerX[layer[i]!]!, y: nodeItem[i]!.y, layer: layer[i]! }));
  const routed: RoutedEdge[] = [];
  dag.forEach((e, k) => {
    const chain = chains[k]!;
    const points: Point[] = chain.map((it, i) => {
      const l = layer[e.a]! + i;
      if (it.node >= 0) {
        const p = placed[it.node]!;
        const right = i === 0;
        return { x: right ? p.x + p.width : p.x, y: p.y + p.height / 2 };
      }
      return { x: layerX[l]! + layerWidth[l]! / 2, y: it.y + 3 };
    });
    routed.push({ from: edges[e.k]!.from, to: edges[e.k]!.to, points: e.reversed ? points.reverse() : points, reversed: e.reversed });
  });
  return { nodes: placed, edges: routed, width: Math.max(x - layerGap + margin, 2 * margin), height: tallest + 2 * margin };
}
