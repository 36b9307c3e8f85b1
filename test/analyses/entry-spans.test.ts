import { describe, expect, it } from 'vitest';
import { isEntrySpan } from '../../src/analyses/entry-spans.js';
import { makeTrace } from '../helpers/make-span.js';

describe('isEntrySpan', () => {
  it('server, consumer, root and called-from-another-service spans are entries; internal and outgoing client spans are not', () => {
    // 1 frontend GET /cart   server    ├────────────────────────┤  entry: root, server
    // 2 frontend render      internal   ├─┤                          no: internal, same service
    // 3 frontend GetCart     client        ├───────────┤             no: client, parent in frontend
    // 4 cart GetCart         server         ├─────────┤              entry: server
    // 5 cart redis GET       client          ├─┤                     no: client, parent in cart
    // 6 redis GET            internal         ├┤                     entry: parent belongs to cart
    // 7 frontend publish     producer                 ├┤             no
    // 8 billing process      consumer                    ├────┤      entry: consumer
    // 9 frontend log         internal (orphan: parent not in trace)  entry: shown as a root
    const trace = makeTrace([
      { id: '1', start: 0, dur: 100, service: 'frontend', kind: 'server' },
      { id: '2', parent: '1', start: 2, dur: 8, service: 'frontend', kind: 'internal' },
      { id: '3', parent: '1', start: 10, dur: 50, service: 'frontend', kind: 'client' },
      { id: '4', parent: '3', start: 12, dur: 46, service: 'cart', kind: 'server' },
      { id: '5', parent: '4', start: 15, dur: 5, service: 'cart', kind: 'client' },
      { id: '6', parent: '5', start: 16, dur: 3, service: 'redis', kind: 'internal' },
      { id: '7', parent: '1', start: 60, dur: 2, service: 'frontend', kind: 'producer' },
      { id: '8', parent: '7', start: 65, dur: 30, service: 'billing', kind: 'consumer' },
      { id: '9', parent: 'ff', start: 70, dur: 1, service: 'frontend', kind: 'internal' },
    ]);
    const entries = trace.nodes.filter(isEntrySpan).map((n) => Number.parseInt(n.span.spanId, 16));
    expect(entries.sort()).toEqual([1, 4, 6, 8, 9]);
  });

  it('a client span at the root is its service entry (a load generator calling in)', () => {
    const trace = makeTrace([
      { id: '1', start: 0, dur: 120, service: 'loadgen', kind: 'client' },
      { id: '2', parent: '1', start: 5, dur: 105, service: 'frontend', kind: 'server' },
      { id: '3', parent: '2', start: 10, dur: 12, service: 'frontend', kind: 'unspecified' },
    ]);
    expect(trace.nodes.map(isEntrySpan)).toEqual([true, true, false]);
  });
});
