import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromeEncoder } from '../../../src/formats/chrome/encode.js';
import { buildTraces, encodeAll, readGroups } from '../../helpers/convert.js';
import { makeTrace } from '../../helpers/make-span.js';
import { fixture } from '../../helpers/cli.js';
import { chromeProblems } from '../../helpers/view-checks.js';

const US = 1_700_000_000_000_000; // BASE_NS in µs

interface Doc {
  traceEvents: Record<string, unknown>[];
  displayTimeUnit: string;
  otherData: Record<string, unknown>;
}

//  0    10   20   30   40   50   60   70   80   90  100 ms
//  [root GET /checkout ...................................]  frontend
//       [a POST /pay ......................]                 frontend
//         [c cache ...........................]              frontend: overlaps a without nesting
//          [b Charge ...............]                        payments (child of a)
const trace = makeTrace([
  { id: '1', start: 0, dur: 100, service: 'frontend', operation: 'GET /checkout', kind: 'server' },
  { id: '2', parent: '1', start: 10, dur: 40, service: 'frontend', operation: 'POST /pay', kind: 'client' },
  { id: '3', parent: '2', start: 15, dur: 30, service: 'payments', operation: 'Charge', kind: 'server', status: 'error', statusMessage: 'declined' },
  { id: '4', parent: '1', start: 12, dur: 48, service: 'frontend', operation: 'cache', attributes: { 'cache.hit': false } },
]);

function convert(): Doc {
  return JSON.parse(encodeAll(chromeEncoder({ exporter: 'tracectl test' }), [trace])) as Doc;
}

describe('chrome encoder', () => {
  it('names a process per service and a thread per lane, before their first span', () => {
    const meta = convert().traceEvents.filter((e) => e.ph === 'M');
    expect(meta).toEqual([
      { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: 'frontend' } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'spans' } },
      { name: 'thread_sort_index', ph: 'M', pid: 1, tid: 1, args: { sort_index: 1 } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'spans (lane 2)' } },
      { name: 'thread_sort_index', ph: 'M', pid: 1, tid: 2, args: { sort_index: 2 } },
      { name: 'process_name', ph: 'M', pid: 2, tid: 0, args: { name: 'payments' } },
      { name: 'thread_name', ph: 'M', pid: 2, tid: 1, args: { name: 'spans' } },
      { name: 'thread_sort_index', ph: 'M', pid: 2, tid: 1, args: { sort_index: 1 } },
    ]);
  });

  it('writes every span as a complete event in whole microseconds, the overlapping one on its own lane', () => {
    const slices = convert().traceEvents.filter((e) => e.ph === 'X');
    expect(slices.map((e) => [e.name, e.cat, e.pid, e.tid, (e.ts as number) - US, e.dur, e.cname])).toEqual([
      ['GET /checkout', 'server', 1, 1, 0, 100_000, undefined],
      ['POST /pay', 'client', 1, 1, 10_000, 40_000, undefined],
      ['cache', 'internal', 1, 2, 12_000, 48_000, undefined],
      ['Charge', 'server', 2, 1, 15_000, 30_000, 'terrible'],
    ]);
    expect(slices[3]!.args).toEqual({
      traceId: 'aaaaaaaaaaaaaaaa',
      spanId: '0000000000000003',
      parentId: '0000000000000002',
      service: 'payments',
      kind: 'server',
      status: 'error',
      statusMessage: 'declined',
      attributes: {},
      resource: {},
    });
  });

  it('draws a flow arrow from each parent to a child on another row', () => {
    const flows = convert().traceEvents.filter((e) => e.ph === 's' || e.ph === 'f');
    expect(flows.map((e) => [e.ph, e.id, e.pid, e.tid, (e.ts as number) - US])).toEqual([
      ['s', 1, 1, 1, 15_000],
      ['f', 1, 2, 1, 15_000],
      ['s', 2, 1, 1, 12_000],
      ['f', 2, 1, 2, 12_000],
    ]);
  });

  it('has every field the Trace Event format requires, on every event of every fixture', async () => {
    for (const name of ['convert/rich.otlp.json', 'convert/rich.jaeger.json', 'convert/rich.zipkin.json', 'equivalent/checkout.jaeger.json']) {
      const traces = buildTraces(await readGroups(readFileSync(fixture(name))));
      const doc = JSON.parse(encodeAll(chromeEncoder({ exporter: 'x' }), traces)) as Doc;
      expect(chromeProblems(doc), name).toEqual([]);
      expect(doc.traceEvents.filter((e) => e.ph === 'X')).toHaveLength(traces.reduce((n, t) => n + t.nodes.length, 0));
    }
    expect(chromeProblems(convert())).toEqual([]);
  });

  it('turns span events into instant events on the span row and closes the document with its totals', async () => {
    const traces = buildTraces(await readGroups(readFileSync(fixture('convert/rich.zipkin.json'))));
    const text = encodeAll(chromeEncoder({ exporter: 'tracectl 0.1.0' }), traces);
    const doc = JSON.parse(text) as Doc;
    expect(doc.traceEvents.filter((e) => e.ph === 'i').map((e) => [e.name, e.s, (e.ts as number) - US])).toEqual([
      ['ws', 't', 79_000],
      ['stored', 't', 91_000],
    ]);
    expect(doc.displayTimeUnit).toBe('ms');
    expect(doc.otherData).toEqual({ exporter: 'tracectl 0.1.0', traces: 1, spans: 6 });
    expect(text.endsWith('\n],"displayTimeUnit":"ms","otherData":{"exporter":"tracectl 0.1.0","traces":1,"spans":6}}\n')).toBe(true);
  });
});
