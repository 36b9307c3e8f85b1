/**
 * The critical path, case by case. Diagrams: one column per ms, `|` edges, the span id on the left;
 * expected sections read left to right as `span start-end` (ms from the trace start).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/analyses/critical-path.js';
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { expectPartition } from '../helpers/critical-path-partition.js';
import { makeSpan, makeTrace, type SpanSpec } from '../helpers/make-span.js';

const id = (spanId: string): string => spanId.replace(/^0+/, '');

/** Sections as `id start-end` in ms. */
function path(trace: Trace): string[] {
  return criticalPath(trace).sections.map((s) => `${id(s.node.span.spanId)} ${s.startNs / 1e6}-${s.endNs / 1e6}`);
}

function onPath(trace: Trace): string[] {
  const cp = criticalPath(trace);
  return trace.nodes.filter((n) => cp.onPath.has(n.index)).map((n) => id(n.span.spanId));
}


const t = (specs: SpanSpec[]): Trace => makeTrace(specs);

describe('criticalPath', () => {
  it('a span without children owns its whole interval', () => {
    expect(path(t([{ id: 'r', start: 0, dur: 10 }]))).toEqual(['r 0-10']);
  });

  it('sequential children: the parent owns the gaps', () => {
    // r |0-------------------10|
    // a   |1---4|
    // b           |5----8|
    // → r 0-1, a 1-4, r 4-5, b 5-8, r 8-10
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 1, dur: 3 },
      { id: 'b', parent: 'r', start: 5, dur: 3 },
    ]);
    expect(path(trace)).toEqual(['r 0-1', 'a 1-4', 'r 4-5', 'b 5-8', 'r 8-10']);
    expect(onPath(trace)).toEqual(['r', 'a', 'b']);
  });

  it('back-to-back children: the earlier one does not end strictly before the later one starts (as in Jaeger UI)', () => {
    // r |0-------------------10|
    // a   |1------5|
    // b           |5----8|
    // → returning to r at 5, a ends at 5, not before: r owns 0-5
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 1, dur: 4 },
      { id: 'b', parent: 'r', start: 5, dur: 3 },
    ]);
    expect(path(trace)).toEqual(['r 0-5', 'b 5-8', 'r 8-10']);
  });

  it('overlapping children: the later-finishing wins, the overlapping earlier sibling is skipped', () => {
    // r |0-------------------10|
    // a   |1---------6|
    // b       |3---------8|
    // → b ends last; back at b's start (3) a has not ended yet, so r owns 0-3
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 1, dur: 5 },
      { id: 'b', parent: 'r', start: 3, dur: 5 },
    ]);
    expect(path(trace)).toEqual(['r 0-3', 'b 3-8', 'r 8-10']);
    expect(onPath(trace)).toEqual(['r', 'b']);
  });

  it('an earlier sibling that did end before the winner started is picked next', () => {
    // r |0-----------------------------20|
    // a   |2-------------10|
    // c       |4--6|                         (child of a)
    // b                     |12------18|
    // → r 0-2, a 2-4, c 4-6, a 6-10, r 10-12, b 12-18, r 18-20
    const trace = t([
      { id: 'r', start: 0, dur: 20 },
      { id: 'a', parent: 'r', start: 2, dur: 8 },
      { id: 'c', parent: 'a', start: 4, dur: 2 },
      { id: 'b', parent: 'r', start: 12, dur: 6 },
    ]);
    expect(path(trace)).toEqual(['r 0-2', 'a 2-4', 'c 4-6', 'a 6-10', 'r 10-12', 'b 12-18', 'r 18-20']);
  });

  it('children ending together: the earlier-starting one wins', () => {
    // r |0----------10|
    // a   |1--------10|
    // b        |5---10|
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 1, dur: 9 },
      { id: 'b', parent: 'r', start: 5, dur: 5 },
    ]);
    expect(path(trace)).toEqual(['r 0-1', 'a 1-10']);
  });

  it('a child ending exactly at its parent\'s end is entered (the entry point is not strict)', () => {
    // r |0----------10|
    // a       |5----10|
    expect(path(t([{ id: 'r', start: 0, dur: 10 }, { id: 'a', parent: 'r', start: 5, dur: 5 }]))).toEqual(['r 0-5', 'a 5-10']);
  });

  it('a child starting at or after its parent ends is dropped with its subtree', () => {
    // r |0------5|
    // a          |5---8|        starts at r's end: dropped
    // c            |6-7|        (child of a): dropped with it
    // b              |7---9|    starts after r's end: dropped
    const trace = t([
      { id: 'r', start: 0, dur: 5 },
      { id: 'a', parent: 'r', start: 5, dur: 3 },
      { id: 'c', parent: 'a', start: 6, dur: 1 },
      { id: 'b', parent: 'r', start: 7, dur: 2 },
    ]);
    expect(path(trace)).toEqual(['r 0-5']);
    expect(onPath(trace)).toEqual(['r']);
  });

  it('a child overflowing its parent\'s end is clipped, and its own children with it', () => {
    // r |0---------10|
    // a        |6-----------14|     clipped to 6-10
    // c           |8-----12|        (child of a) clipped to 8-10
    // d                |11-13|      (child of a) starts after a's clipped end: dropped
    // → r 0-6, a 6-8, c 8-10
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 6, dur: 8 },
      { id: 'c', parent: 'a', start: 8, dur: 4 },
      { id: 'd', parent: 'a', start: 11, dur: 2 },
    ]);
    expect(path(trace)).toEqual(['r 0-6', 'a 6-8', 'c 8-10']);
    expect(onPath(trace)).toEqual(['r', 'a', 'c']);
  });

  it('a child starting before its parent is clipped to the parent\'s start', () => {
    //    r    |3--------10|
    //    a  |1-----6|          clipped to 3-6
    // → a 3-6, r 6-10; shown as offsets from the trace start, a's start at 1 ms: a 2-5, r 5-9
    const trace = t([
      { id: 'r', start: 3, dur: 7 },
      { id: 'a', parent: 'r', start: 1, dur: 5 },
    ]);
    expect(path(trace)).toEqual(['a 2-5', 'r 5-9']);
  });

  it('a child covering more than its parent owns all of the parent\'s interval', () => {
    // r     |2------8|
    // a  |0--------------10|   clipped to 2-8
    const trace = t([
      { id: 'r', start: 2, dur: 6 },
      { id: 'a', parent: 'r', start: 0, dur: 10 },
    ]);
    expect(path(trace)).toEqual(['a 2-8']);
    expectPartition(criticalPath(trace));
  });

  it('a child ending at or before its parent starts is dropped', () => {
    // r        |4------10|
    // a  |0--3|
    // b    |2-4|
    const trace = t([
      { id: 'r', start: 4, dur: 6 },
      { id: 'a', parent: 'r', start: 0, dur: 3 },
      { id: 'b', parent: 'r', start: 2, dur: 2 },
    ]);
    expect(path(trace)).toEqual(['r 4-10']);
  });

  it('a FOLLOWS_FROM child is left out with its subtree', () => {
    // r |0----------10|
    // b   |1--4|                 child of
    // a       |3---------12|     follows from r
    // c          |5--9|          child of a
    // → without a: r 0-1, b 1-4, r 4-10
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'b', parent: 'r', start: 1, dur: 3 },
      { id: 'a', parent: 'r', parentType: 'follows_from', start: 3, dur: 9 },
      { id: 'c', parent: 'a', start: 5, dur: 4 },
    ]);
    expect(path(trace)).toEqual(['r 0-1', 'b 1-4', 'r 4-10']);
    expect(onPath(trace)).toEqual(['r', 'b']);
  });

  it('a CONSUMER child of a PRODUCER is left out; the producer itself blocks', () => {
    // r |0----------10|             server
    // p   |1-3|                     producer
    // c     |2--------9|            consumer of p
    // → r 0-1, p 1-3, r 3-10
    const trace = t([
      { id: 'r', start: 0, dur: 10, kind: 'server' },
      { id: 'p', parent: 'r', start: 1, dur: 2, kind: 'producer' },
      { id: 'c', parent: 'p', start: 2, dur: 7, kind: 'consumer' },
    ]);
    expect(path(trace)).toEqual(['r 0-1', 'p 1-3', 'r 3-10']);
  });

  it('several roots: only trace.root is walked; other roots are not on the path', () => {
    // r |0----------10|
    // a    |2--5|               child of r
    // x         |5-------------20|   a second parentless span
    // o  |1-----------------18|      an orphan (its parent is not in the trace)
    const trace = t([
      { id: 'r', start: 0, dur: 10 },
      { id: 'a', parent: 'r', start: 2, dur: 3 },
      { id: 'x', start: 5, dur: 15 },
      { id: 'o', parent: 'f', start: 1, dur: 17 },
    ]);
    expect(trace.roots.map((n) => id(n.span.spanId))).toEqual(['r', 'o', 'x']);
    expect(path(trace)).toEqual(['r 0-2', 'a 2-5', 'r 5-10']);
    expect(onPath(trace)).toEqual(['r', 'a']);
  });

  it('an orphan that starts first is not the root: the genuine root is walked', () => {
    // o |0----5|        orphan
    // r    |2---------10|
    const trace = t([
      { id: 'o', parent: 'f', start: 0, dur: 5 },
      { id: 'r', start: 2, dur: 8 },
    ]);
    expect(path(trace)).toEqual(['r 2-10']);
  });

  it('a root lasting 0 ns has no sections (and nothing divides by its duration)', () => {
    // r |0|   with a child at the same instant
    const trace = t([
      { id: 'r', start: 0, dur: 0 },
      { id: 'a', parent: 'r', start: 0, dur: 0 },
    ]);
    const cp = criticalPath(trace);
    expect(cp.sections).toEqual([]);
    expect(cp.onPath.size).toBe(0);
    expect(cp.root.span.spanId).toBe('000000000000000r');
  });

  it('zero-length children are skipped over without stalling the walk', () => {
    // r |0------6|
    // a    |3|          0 ms at 3
    // b    |3--5|
    const trace = t([
      { id: 'r', start: 0, dur: 6 },
      { id: 'a', parent: 'r', start: 3, dur: 0 },
      { id: 'b', parent: 'r', start: 3, dur: 2 },
    ]);
    expect(path(trace)).toEqual(['r 0-3', 'b 3-5', 'r 5-6']);
  });

  it('works on nanosecond precision without rounding', () => {
    const spans: Span[] = [makeSpan({ id: 'r', start: 0, dur: 0.000007 }), makeSpan({ id: 'a', parent: 'r', start: 0.000002, dur: 0.000003 })];
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: false }).result;
    expect(criticalPath(trace).sections.map((s) => [id(s.node.span.spanId), s.startNs, s.endNs])).toEqual([
      ['r', 0, 2],
      ['a', 2, 5],
      ['r', 5, 7],
    ]);
  });

  it('property: on random trees the sections partition the root exactly, and only blocking spans own time', () => {
    const spec = fc.array(
      fc.record({ parent: fc.nat(), start: fc.integer({ min: -20, max: 120 }), dur: fc.integer({ min: 0, max: 80 }), async: fc.boolean(), orphan: fc.boolean() }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), spec, (rootDur, rest) => {
        const specs: SpanSpec[] = [{ id: 'r0', start: 0, dur: rootDur }];
        rest.forEach((s, i) => {
          const parent = s.orphan && i % 7 === 0 ? 'ffff' : `r${s.parent % (i + 1)}`;
          specs.push({ id: `r${i + 1}`, parent, start: s.start, dur: s.dur, ...(s.async ? { parentType: 'follows_from' as const } : {}) });
        });
        const trace = makeTrace(specs);
        const cp = criticalPath(trace);
        expectPartition(cp);
        for (const s of cp.sections) {
          // every owner is the root or hangs off it through blocking links only
          for (let n = s.node; n !== cp.root; n = n.parent!) expect(n.async).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
