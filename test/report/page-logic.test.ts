/** The page's pure parts: graph layout, the address, number formats, axis steps. */
import { describe, expect, it } from 'vitest';
import { flameRows } from '../../report-page/src/flame-rows.js';
import { fmtCount, fmtMs, isoFromNs } from '../../report-page/src/format.js';
import { layoutGraph } from '../../report-page/src/graph-layout.js';
import { parseRoute, traceHash } from '../../report-page/src/route.js';
import { niceStep } from '../../report-page/src/waterfall.js';

const box = (id: string): { id: string; width: number; height: number } => ({ id, width: 100, height: 40 });

describe('layoutGraph', () => {
  it('puts callers left of callees, a layer per longest call path', () => {
    const l = layoutGraph(['web', 'api', 'db', 'cache'].map(box), [
      { from: 'web', to: 'api' },
      { from: 'api', to: 'db' },
      { from: 'web', to: 'db' },
      { from: 'api', to: 'cache' },
    ]);
    const layer = Object.fromEntries(l.nodes.map((n) => [n.id, n.layer]));
    expect(layer).toEqual({ web: 0, api: 1, db: 2, cache: 2 });
    const x = Object.fromEntries(l.nodes.map((n) => [n.id, n.x]));
    expect(x.web).toBeLessThan(x.api!);
    expect(x.api).toBeLessThan(x.db!);
    // web → db spans two layers: routed through a waypoint in api's layer.
    const long = l.edges.find((e) => e.from === 'web' && e.to === 'db')!;
    expect(long.points).toHaveLength(3);
    expect(long.points[0]).toEqual({ x: x.web! + 100, y: l.nodes.find((n) => n.id === 'web')!.y + 20 });
    expect(long.points[2]).toEqual({ x: x.db!, y: l.nodes.find((n) => n.id === 'db')!.y + 20 });
    // No two nodes of a layer overlap.
    const dbY = l.nodes.find((n) => n.id === 'db')!.y;
    const cacheY = l.nodes.find((n) => n.id === 'cache')!.y;
    expect(Math.abs(dbY - cacheY)).toBeGreaterThanOrEqual(40);
  });

  it('breaks cycles and still places every node', () => {
    const l = layoutGraph(['a', 'b', 'c'].map(box), [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
    ]);
    expect(l.nodes.map((n) => n.layer)).toEqual([0, 1, 2]);
    expect(l.edges.filter((e) => e.reversed).map((e) => `${e.from}>${e.to}`)).toEqual(['c>a']);
    // A reversed edge still starts at its caller.
    const back = l.edges.find((e) => e.reversed)!;
    expect(back.points[0]!.x).toBe(l.nodes[2]!.x);
  });

  it('is the same for the same graph, and copes with none', () => {
    const nodes = ['x', 'y', 'z', 'w'].map(box);
    const edges = [
      { from: 'x', to: 'z' },
      { from: 'y', to: 'w' },
      { from: 'x', to: 'w' },
    ];
    expect(layoutGraph(nodes, edges)).toEqual(layoutGraph(nodes, edges));
    expect(layoutGraph([], [])).toEqual({ nodes: [], edges: [], width: 32, height: 32 });
  });

  it('lays out a thousand services in a long chain without recursion', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `s${i}`);
    const l = layoutGraph(ids.map(box), ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })));
    expect(Math.max(...l.nodes.map((n) => n.layer))).toBe(999);
  });
});

describe('flameRows', () => {
  /*
   * 0    10   20   30
   * a ══════════════════   row 0
   *  b ═══════             row 1
   *   c ══                 row 2 (under b)
   *    d ════════          row 2: runs while b does, so below it (and c is not in its way)
   *     e ══               row 3, under d
   *              f ════    row 1: b has ended
   */
  it('stacks concurrent siblings, and their subtrees follow them down', () => {
    const parent = [-1, 0, 1, 0, 3, 0];
    const start = [0, 1, 2, 3, 4, 15];
    const duration = [30, 9, 1, 12, 2, 5];
    expect([...flameRows(parent, start, duration)]).toEqual([0, 1, 2, 2, 3, 1]);
  });

  it('gives spans one row per depth when nothing runs at the same time, and caps a crowd', () => {
    expect([...flameRows([-1, 0, 1, 0], [0, 0, 0, 5], [10, 5, 5, 5])]).toEqual([0, 1, 2, 1]);
    const n = 1000;
    const crowd = flameRows([-1, ...new Array<number>(n).fill(0)], [0, ...new Array<number>(n).fill(1)], [10, ...new Array<number>(n).fill(5)]);
    expect(Math.max(...crowd)).toBe(32);
  });
});

describe('the address', () => {
  it('opens a trace, a span and a view', () => {
    expect(parseRoute('#trace=abc&span=00f1&view=flame')).toEqual({ trace: 'abc', span: '00f1', view: 'flame' });
    expect(parseRoute('#trace=abc')).toEqual({ trace: 'abc' });
    expect(parseRoute('')).toEqual({});
    expect(parseRoute('#errors')).toEqual({ section: 'errors' });
    expect(traceHash('abc', '00f1', 'flame')).toBe('trace=abc&span=00f1&view=flame');
    expect(traceHash('abc')).toBe('trace=abc');
  });
});

describe('formats', () => {
  it('shows durations and counts the same in every locale', () => {
    expect([0, 0.0004, 0.25, 1, 12.345, 999, 1500, 90_000, 7_200_000].map(fmtMs)).toEqual(['0 ms', '0.4 µs', '250 µs', '1 ms', '12.3 ms', '999 ms', '1.5 s', '1.5 min', '2 h']);
    expect(fmtMs(null)).toBe('–');
    expect(fmtCount(1234567)).toBe('1,234,567');
    expect(isoFromNs('1700000000123456789')).toBe('2023-11-14T22:13:20.123456Z');
  });

  it('steps the time axis in 1-2-5 below a second and on the clock above', () => {
    expect(niceStep(3e6)).toBe(5e6);
    expect(niceStep(17e6)).toBe(20e6);
    expect(niceStep(40e9)).toBe(60e9);
    expect(niceStep(6e11)).toBe(600e9);
    expect(niceStep(7e11)).toBe(900e9);
  });
});
