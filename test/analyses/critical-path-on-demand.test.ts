/**
 * The critical path asked span by span must be the whole walk's: on every bundled fixture trace, on
 * random trees (async children, children outside their parent, ties, zero lengths, orphans), asked
 * in any order, and on a chain deeper than any recursion could go.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CriticalPathOnDemand } from '../../src/analyses/critical-path-on-demand.js';
import { criticalPath } from '../../src/analyses/critical-path.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';
import { fixture } from '../helpers/cli.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

/** Every span's answer, asked in the given order of indices. */
function answers(trace: Trace, order: readonly number[]): boolean[] {
  const lazy = new CriticalPathOnDemand(trace);
  const out = new Array<boolean>(trace.nodes.length);
  for (const i of order) out[i] = lazy.has(i);
  return out;
}

function expected(trace: Trace): boolean[] {
  const onPath = criticalPath(trace).onPath;
  return trace.nodes.map((n) => onPath.has(n.index));
}

describe('CriticalPathOnDemand', () => {
  it('agrees with criticalPath on every span of every fixture trace, asked top-down and bottom-up', async () => {
    let traces = 0;
    let onPath = 0;
    for (const dir of ['critical-path', 'waterfall', 'errors', 'trees', 'why']) {
      for (const file of readdirSync(fixture(dir)).filter((f) => f.endsWith('.json'))) {
        for (const trace of buildTraces(await readGroupsFromFile(join(fixture(dir), file)))) {
          const want = expected(trace);
          const indices = trace.nodes.map((n) => n.index);
          expect(answers(trace, indices)).toEqual(want);
          expect(answers(trace, [...indices].reverse())).toEqual(want);
          traces++;
          onPath += want.filter(Boolean).length;
        }
      }
    }
    expect(traces).toBeGreaterThan(20);
    expect(onPath).toBeGreaterThan(50);
  });

  it('property: agrees with criticalPath on random trees, asked in a random order', () => {
    const spec = fc.array(
      fc.record({ parent: fc.nat(), start: fc.integer({ min: -20, max: 120 }), dur: fc.integer({ min: 0, max: 80 }), async: fc.boolean(), orphan: fc.boolean() }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), spec, fc.integer(), (rootDur, rest, seed) => {
        const specs: SpanSpec[] = [{ id: 'r0', start: 0, dur: rootDur }];
        rest.forEach((s, i) => {
          const parent = s.orphan && i % 7 === 0 ? 'ffff' : `r${s.parent % (i + 1)}`;
          // Coarse times make equal ends (ties) and children at their parent's edges common.
          specs.push({ id: `r${i + 1}`, parent, start: s.start - (s.start % 10), dur: s.dur - (s.dur % 10), ...(s.async ? { parentType: 'follows_from' as const } : {}) });
        });
        const trace = makeTrace(specs);
        const order = trace.nodes.map((n) => n.index);
        let x = seed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          const j = x % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        expect(answers(trace, order)).toEqual(expected(trace));
      }),
      { numRuns: 500 },
    );
  });

  it('a chain 50,000 deep: the deepest span first, then the rest', () => {
    const n = 50_000;
    const specs: SpanSpec[] = [];
    // Each span ends a little before its parent: every span owns that last stretch.
    for (let i = 0; i < n; i++) specs.push({ id: `c${i}`, ...(i > 0 ? { parent: `c${i - 1}` } : {}), start: i * 0.001, dur: (n - i) * 0.002 });
    const trace = makeTrace(specs);
    const lazy = new CriticalPathOnDemand(trace);
    expect(lazy.has(n - 1)).toBe(true);
    let count = 0;
    for (let i = 0; i < n; i++) if (lazy.has(i)) count++;
    expect(count).toBe(criticalPath(trace).onPath.size);
    expect(count).toBe(n);
  });
});
