/**
 * Chains a million spans deep (legal: nothing limits the depth of a trace), through the pieces that
 * walk the tree: building it, its critical path, its tree guides. Every walk must use an explicit
 * stack. In the slow tier (`npm run test:slow`); chains 100,000 and 200,000 deep run in `npm test`
 * (test/analyses/error-chains.test.ts, test/diff/diff-traces.test.ts, test/analyses/waterfall.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/analyses/critical-path.js';
import type { Span } from '../../src/model/span.js';
import { buildTrace } from '../../src/model/tree.js';
import { treeGuides } from '../../src/render/tree-guides.js';
import { expectPartition } from '../helpers/critical-path-partition.js';
import { makeSpan } from '../helpers/make-span.js';

const id = (spanId: string): string => spanId.replace(/^0+/, '');

describe('buildTrace', () => {
  it('builds a chain 1,000,000 spans deep without recursion', () => {
    const n = 1_000_000;
    const spans: Span[] = [];
    const base = makeSpan({ id: '1', start: 0, dur: n });
    for (let i = 1; i <= n; i++) {
      spans.push({ ...base, spanId: i.toString(16).padStart(16, '0'), parentId: i === 1 ? undefined : (i - 1).toString(16).padStart(16, '0'), startNs: base.startNs + BigInt(i), durationNs: n - i });
    }
    const { result } = buildTrace(base.traceId, spans);
    expect(result.nodes).toHaveLength(n);
    expect(result.nodes[n - 1]!.depth).toBe(n - 1);
    expect(result.roots).toHaveLength(1);
  });
});

describe('criticalPath', () => {
  it('walks a 1,000,000-deep chain without recursion', () => {
    // s0 |0------------------------------2N|
    // s1  |1--------------------------2N-1|
    // ...   each span owns 1 ms at each end; the deepest owns its 2 ms
    const N = 1_000_000;
    const spans: Span[] = new Array<Span>(N);
    for (let i = 0; i < N; i++) {
      spans[i] = makeSpan({ id: i.toString(16), ...(i > 0 ? { parent: (i - 1).toString(16) } : {}), start: i, dur: 2 * (N - i) });
    }
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: false }).result;
    const cp = criticalPath(trace);
    expect(cp.sections.length).toBe(2 * N - 1);
    expect(cp.onPath.size).toBe(N);
    const first = cp.sections[0]!;
    const middle = cp.sections[N - 1]!;
    const last = cp.sections[2 * N - 2]!;
    expect([id(first.node.span.spanId), first.startNs, first.endNs]).toEqual(['', 0, 1e6]);
    expect([id(middle.node.span.spanId), middle.startNs, middle.endNs]).toEqual([(N - 1).toString(16), (N - 1) * 1e6, (N + 1) * 1e6]);
    expect([id(last.node.span.spanId), last.startNs, last.endNs]).toEqual(['', (2 * N - 1) * 1e6, 2 * N * 1e6]);
    expectPartition(cp);
  });
});

describe('treeGuides', () => {
  it('draws a 1,000,000-deep chain (no recursion, no per-row walk up)', () => {
    const depths = Array.from({ length: 1_000_000 }, (_, i) => i);
    const g = treeGuides(depths, 20);
    expect(g.row[999_999]!.length).toBeLessThanOrEqual(20);
  });
});
