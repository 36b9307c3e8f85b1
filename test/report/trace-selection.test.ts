/** Which traces a report embeds: a third the slowest, a third the failing, a third a sample. */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/model/trace.js';
import { TraceSelector } from '../../src/report/trace-selection.js';
import { makeTrace } from '../helpers/make-span.js';

/** Trace n lasts n ms; every third fails. */
function traces(count: number): Trace[] {
  return Array.from({ length: count }, (_, i) => {
    const t = makeTrace([{ id: 'a', start: i, dur: i + 1, status: i % 3 === 0 ? 'error' : 'unset' }]);
    return { ...t, traceId: `t${String(i).padStart(3, '0')}` };
  });
}

describe('TraceSelector', () => {
  it('keeps every trace when there are few', () => {
    const s = new TraceSelector(10);
    for (const t of traces(4)) s.add(t, false);
    expect(s.chosen().map((c) => [c.trace.traceId, c.reason])).toEqual([
      ['t000', 'slowest'],
      ['t001', 'slowest'],
      ['t002', 'slowest'],
      ['t003', 'slowest'],
    ]);
  });

  it('takes a third of each kind, failures that reached a root first', () => {
    const s = new TraceSelector(6, 20);
    const all = traces(60);
    for (const t of all) s.add(t, t.traceId === 't030');
    const chosen = s.chosen();
    expect(chosen).toHaveLength(6);
    const of = (reason: string): string[] => chosen.filter((c) => c.reason === reason).map((c) => c.trace.traceId);
    expect(of('slowest').sort()).toEqual(['t058', 't059']);
    // t057 is the slowest failing trace; t030 has an error chain, so it comes first.
    expect(of('failing').sort()).toEqual(['t030', 't057']);
    expect(of('sample')).toHaveLength(2);
    // In start order.
    expect(chosen.map((c) => c.trace.traceId)).toEqual([...chosen.map((c) => c.trace.traceId)].sort());
    // The slowest twenty are listed, more than are embedded.
    expect(s.slowestTraces(20).map((t) => t.traceId)).toEqual(all.slice(40).reverse().map((t) => t.traceId));
    expect(s.failingTraces(3).map((t) => t.traceId)).toEqual(['t030', 't057', 't054']);
  });

  it('gives places a kind cannot fill to the others, and is the same whatever the order', () => {
    const all = traces(30).map((t) => ({ ...t, errorCount: 0 }));
    const pick = (list: Trace[]): string[] => {
      const s = new TraceSelector(9);
      for (const t of list) s.add(t, false);
      return s.chosen().map((c) => `${c.trace.traceId}:${c.reason}`);
    };
    const forward = pick(all);
    expect(forward).toHaveLength(9);
    expect(forward.filter((c) => c.endsWith(':failing'))).toEqual([]);
    expect(pick([...all].reverse())).toEqual(forward);
  });
});
