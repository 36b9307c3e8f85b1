/**
 * One trace as the page carries it, and what the page makes of it (report-page/src/trace-model.ts):
 *
 *   0 ms        50        100
 *   a ═══════════════════════   root (error): 0-100
 *    b ═════════                5-45, with its child c 10-30
 *     c ═════
 *               d ══════════    50-100 (ends the root's wait)
 */
import { describe, expect, it } from 'vitest';
import { SPAN_FLAG_CRITICAL, SPAN_FLAG_ERROR } from '../../src/report/report-data.js';
import { tracePayload } from '../../src/report/trace-payload.js';
import { TraceModel } from '../../report-page/src/trace-model.js';
import { SearchIndex } from '../../report-page/src/search-index.js';
import { makeTrace } from '../helpers/make-span.js';

const trace = makeTrace([
  { id: 'a', start: 0, dur: 100, status: 'error', statusMessage: 'boom', service: 'front', attributes: { 'http.route': '/pay' }, resource: { 'host.name': 'h1' } },
  { id: 'b', parent: 'a', start: 5, dur: 40, service: 'front', resource: { 'host.name': 'h1' } },
  { id: 'c', parent: 'b', start: 10, dur: 20, service: 'db', attributes: { 'db.statement': 'SELECT 1' }, events: [{ timeNs: 1_700_000_000_015_000_000n, name: 'retry', attributes: {} }] },
  { id: 'd', parent: 'a', start: 50, dur: 50, service: 'pay' },
]);

describe('tracePayload', () => {
  const p = tracePayload(trace, 'failing');
  it('lays the tree out in depth-first columns', () => {
    expect(p.spans.id).toEqual(['a', 'b', 'c', 'd'].map((id) => id.padStart(16, '0')));
    expect(p.spans.parent).toEqual([-1, 0, 1, 0]);
    expect(p.spans.depth).toEqual([0, 1, 2, 1]);
    expect(p.spans.start).toEqual([0, 5e6, 10e6, 50e6]);
    expect(p.spans.duration).toEqual([100e6, 40e6, 20e6, 50e6]);
    expect(p.spans.service.map((i) => p.strings[i])).toEqual(['front', 'front', 'db', 'pay']);
    expect(p.spans.flags.map((f) => f & SPAN_FLAG_ERROR)).toEqual([SPAN_FLAG_ERROR, 0, 0, 0]);
  });

  it('marks the critical path: d the end, a the gap 45-50, b around c, a the start', () => {
    const sections = [];
    for (let k = 0; k < p.critical.length; k += 3) sections.push(p.critical.slice(k, k + 3).map((v, j) => (j === 0 ? v : v / 1e6)));
    expect(sections).toEqual([
      [0, 0, 5],
      [1, 5, 10],
      [2, 10, 30],
      [1, 30, 45],
      [0, 45, 50],
      [3, 50, 100],
    ]);
    expect(p.spans.flags.map((f) => (f & SPAN_FLAG_CRITICAL) !== 0)).toEqual([true, true, true, true]);
  });

  it('keeps details sparse and shares repeated sets', () => {
    expect(p.resources).toEqual([{ 'host.name': 'h1' }, {}]);
    expect(p.details[0]).toEqual({ r: 0, a: 0, m: 'boom' });
    expect(p.details[1]).toEqual({ r: 0 });
    expect(p.details[2]).toEqual({ r: 1, a: 1, e: [{ t: 5e6, n: 'retry', a: {} }] });
    expect(p.attributes).toEqual([{ 'http.route': '/pay' }, { 'db.statement': 'SELECT 1' }]);
    expect(p.reason).toBe('failing');
    expect(p.row.spans).toBe(4);
  });
});

describe('TraceModel', () => {
  const m = new TraceModel(tracePayload(trace, 'slowest'));
  it('knows subtrees, children, self and critical time', () => {
    expect([...m.end]).toEqual([3, 2, 2, 3]);
    expect([...m.childCount]).toEqual([2, 1, 0, 0]);
    expect(m.children(0)).toEqual([1, 3]);
    expect(m.selfTime(0)).toBe(10e6); // 100 minus the union of 5-45 and 50-100
    expect(m.selfTime(1)).toBe(20e6);
    expect(m.criticalTime(1)).toBe(20e6);
    expect(m.criticalTime(0)).toBe(10e6);
    expect(m.indexOf('000000000000000d')).toBe(3);
    expect(m.indexOf('nope')).toBe(-1);
  });

  it('collapses a subtree in one step and reveals a hidden span', () => {
    expect([...m.visible]).toEqual([0, 1, 2, 3]);
    m.setCollapsed(1, true);
    expect([...m.visible]).toEqual([0, 1, 3]);
    expect(m.rowOf[2]).toBe(-1);
    m.setCollapsed(0, true);
    expect([...m.visible]).toEqual([0]);
    m.reveal(2);
    expect([...m.visible]).toEqual([0, 1, 2, 3]);
    m.setAll(true);
    expect([...m.visible]).toEqual([0]);
    m.setAll(false);
    expect([...m.visible]).toEqual([0, 1, 2, 3]);
  });

  it('walks a chain 200,000 deep without recursion', () => {
    const n = 200_000;
    const payload = tracePayload(trace, 'sample');
    const deep = {
      ...payload,
      spans: {
        id: Array.from({ length: n }, (_, i) => i.toString(16).padStart(16, '0')),
        parent: Array.from({ length: n }, (_, i) => i - 1),
        depth: Array.from({ length: n }, (_, i) => i),
        service: new Array<number>(n).fill(0),
        operation: new Array<number>(n).fill(0),
        kind: new Array<number>(n).fill(0),
        start: Array.from({ length: n }, (_, i) => i),
        duration: Array.from({ length: n }, (_, i) => n - i),
        flags: new Array<number>(n).fill(0),
      },
      critical: [],
      details: [],
    };
    const model = new TraceModel(deep);
    expect(model.end[0]).toBe(n - 1);
    model.setCollapsed(1, true);
    expect(model.visible.length).toBe(2);
    model.reveal(n - 1);
    expect(model.visible.length).toBe(n);
  });
});

describe('SearchIndex', () => {
  const index = new SearchIndex(tracePayload(trace, 'slowest'));
  it('finds spans by any text, every word', () => {
    expect(index.search('select')).toEqual([2]);
    expect(index.search('H1')).toEqual([0, 1]);
    expect(index.search('front /pay')).toEqual([0]);
    expect(index.search('boom')).toEqual([0]);
    expect(index.search('retry')).toEqual([2]);
    expect(index.search('000000000000000d')).toEqual([3]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('nothing-like-this')).toEqual([]);
  });
});
