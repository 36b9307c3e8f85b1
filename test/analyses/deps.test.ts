import { describe, expect, it } from 'vitest';
import { DepsAggregator, serviceDeps } from '../../src/analyses/deps.js';
import { depsTree } from '../../src/analyses/deps-tree.js';
import { makeTrace } from '../helpers/make-span.js';
import { unsampled } from '../helpers/unsampled.js';

//  0    10   20   30   40   50   60   70   80   90  100 ms
//  [1 frontend GET / .......................................]
//       [2 frontend client ..............................]
//        [3 checkout server (same id as 2) ..............]     frontend → checkout
//            [4 payments charge ✗....]                         checkout → payments (failed)
//               [5 checkout confirm]                           payments → checkout
//                [6 checkout audit]                            checkout → checkout: same service, no edge
const one = makeTrace([
  { id: '1', start: 0, dur: 100, service: 'frontend', kind: 'server' },
  { id: '2', parent: '1', start: 10, dur: 80, service: 'frontend', kind: 'client' },
  { id: '2', parent: '1', start: 11, dur: 78, service: 'checkout', kind: 'server', shared: true },
  { id: '4', parent: '2', start: 20, dur: 20, service: 'payments', status: 'error' },
  { id: '5', parent: '4', start: 25, dur: 5, service: 'checkout' },
  { id: '6', parent: '5', start: 26, dur: 1, service: 'checkout' },
]);
// A second request: frontend → checkout in 20 ms, and one whose duration the dump did not give.
const two = makeTrace([
  { id: '1', start: 0, dur: 40, service: 'frontend', traceId: 'bbbbbbbbbbbbbbbb' },
  { id: '2', parent: '1', start: 10, dur: 20, service: 'checkout', traceId: 'bbbbbbbbbbbbbbbb' },
  { id: '3', parent: '1', start: 12, dur: 0, service: 'checkout', traceId: 'bbbbbbbbbbbbbbbb', timing: 'no-duration' },
]);
// A span whose parent is not in the dump calls from nowhere: no edge, and its service is no entry.
const orphan = makeTrace([
  { id: '2', parent: '9', start: 0, dur: 50, service: 'worker', traceId: 'cccccccccccccccc' },
  { id: '3', parent: '2', start: 10, dur: 10, service: 'inventory', traceId: 'cccccccccccccccc', status: 'error' },
]);

describe('serviceDeps', () => {
  it('counts calls per caller → callee pair, with errors and exact nearest-rank latency of the callee spans', () => {
    expect(serviceDeps([one, two, orphan])).toEqual({
      services: [
        { name: 'checkout', spans: 5, errors: 0, entry: false },
        { name: 'frontend', spans: 3, errors: 0, entry: true },
        { name: 'inventory', spans: 1, errors: 1, entry: false },
        { name: 'payments', spans: 1, errors: 1, entry: false },
        { name: 'worker', spans: 1, errors: 0, entry: false },
      ],
      edges: [
        // Three calls; the one without a duration counts, but not towards the percentiles (20, 78).
        { from: 'frontend', to: 'checkout', calls: 3, errors: 0, errorRate: 0, p50Ms: 20, p99Ms: 78 },
        { from: 'checkout', to: 'payments', calls: 1, errors: 1, errorRate: 1, p50Ms: 20, p99Ms: 20 },
        { from: 'payments', to: 'checkout', calls: 1, errors: 0, errorRate: 0, p50Ms: 5, p99Ms: 5 },
        { from: 'worker', to: 'inventory', calls: 1, errors: 1, errorRate: 1, p50Ms: 10, p99Ms: 10 },
      ],
      sampling: unsampled(11),
    });
  });

  it('gives null percentiles to an edge none of whose calls had a duration', () => {
    const agg = new DepsAggregator();
    agg.add(makeTrace([{ id: '1', start: 0, dur: 5, service: 'a' }, { id: '2', parent: '1', start: 0, dur: 0, service: 'b', timing: 'missing' }]));
    expect(agg.result().edges).toEqual([{ from: 'a', to: 'b', calls: 1, errors: 0, errorRate: 0, p50Ms: null, p99Ms: null }]);
  });

  it('is empty for no traces', () => {
    expect(serviceDeps([])).toEqual({ services: [], edges: [], sampling: unsampled(0) });
  });
});

describe('depsTree', () => {
  it('lists callees under their callers from the entry services, marking cycles and services shown above', () => {
    const rows = depsTree(serviceDeps([one, two, orphan]));
    expect(rows.map((r) => [r.depth, r.service, r.edge?.calls ?? null, r.mark, r.entry])).toEqual([
      [0, 'frontend', null, null, true],
      [1, 'checkout', 3, null, false],
      [2, 'payments', 1, null, false],
      [3, 'checkout', 1, 'cycle', false],
      [0, 'worker', null, null, false],
      [1, 'inventory', 1, null, false],
    ]);
  });

  it('shows a service called from two places once in full, then as seen', () => {
    //   a → b → d,  a → c → d
    const t = makeTrace([
      { id: '1', start: 0, dur: 10, service: 'a' },
      { id: '2', parent: '1', start: 1, dur: 3, service: 'b' },
      { id: '3', parent: '2', start: 2, dur: 1, service: 'd' },
      { id: '4', parent: '1', start: 5, dur: 3, service: 'c' },
      { id: '5', parent: '4', start: 6, dur: 1, service: 'd' },
      { id: '6', parent: '5', start: 6, dur: 1, service: 'e' },
    ]);
    expect(depsTree(serviceDeps([t])).map((r) => `${'  '.repeat(r.depth)}${r.service}${r.mark ? ` (${r.mark})` : ''}`)).toEqual([
      'a',
      '  b',
      '    d',
      '      e',
      '  c',
      '    d (seen)',
    ]);
  });

  it('starts a tree at a service reachable only through a cycle with no entry', () => {
    const loop = makeTrace([
      { id: '2', parent: '9', start: 0, dur: 10, service: 'x' },
      { id: '3', parent: '2', start: 1, dur: 5, service: 'y' },
      { id: '4', parent: '3', start: 2, dur: 1, service: 'x' },
    ]);
    expect(depsTree(serviceDeps([loop])).map((r) => [r.depth, r.service, r.mark])).toEqual([
      [0, 'x', null],
      [1, 'y', null],
      [2, 'x', 'cycle'],
    ]);
  });
});
