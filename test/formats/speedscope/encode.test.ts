import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { speedscopeEncoder } from '../../../src/formats/speedscope/encode.js';
import { buildTraces, encodeAll, readGroups } from '../../helpers/convert.js';
import { makeTrace } from '../../helpers/make-span.js';
import { fixture } from '../../helpers/cli.js';
import { speedscopeProblems } from '../../helpers/view-checks.js';

interface Doc {
  $schema: string;
  profiles: { type: string; name: string; unit: string; startValue: number; endValue: number; events: { type: string; frame: number; at: number }[] }[];
  shared: { frames: { name: string; file?: string }[] };
  name: string;
  activeProfileIndex: number;
  exporter: string;
}

const MS = 1_000_000;

//  0    10   20   30   40   50   60 ms
//  [root GET /checkout ..........]     frontend
//       [a POST /pay ........]         frontend
//         [c cache .............]      frontend: overlaps a without nesting → lane 2
//          [b Charge ....]             payments
const trace = makeTrace([
  { id: '1', start: 0, dur: 60, service: 'frontend', operation: 'GET /checkout' },
  { id: '2', parent: '1', start: 10, dur: 30, service: 'frontend', operation: 'POST /pay' },
  { id: '3', parent: '2', start: 15, dur: 20, service: 'payments', operation: 'Charge' },
  { id: '4', parent: '1', start: 12, dur: 40, service: 'frontend', operation: 'cache' },
]);

function convert(): Doc {
  return JSON.parse(encodeAll(speedscopeEncoder({ exporter: 'tracectl test', name: 'dump' }), [trace])) as Doc;
}

describe('speedscope encoder', () => {
  it('writes the schema, frames shared by service and operation (in order of first use), and one evented profile per lane', () => {
    const doc = convert();
    expect(doc.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(doc.shared.frames).toEqual([
      { name: 'frontend: GET /checkout', file: 'frontend' },
      { name: 'frontend: POST /pay', file: 'frontend' },
      { name: 'payments: Charge', file: 'payments' },
      { name: 'frontend: cache', file: 'frontend' },
    ]);
    expect(doc.profiles.map((p) => [p.type, p.name, p.unit, p.startValue, p.endValue])).toEqual([
      ['evented', 'frontend: GET /checkout · trace aaaaaaaaaaaaaaaa · lane 1/2', 'nanoseconds', 0, 60 * MS],
      ['evented', 'frontend: GET /checkout · trace aaaaaaaaaaaaaaaa · lane 2/2', 'nanoseconds', 0, 60 * MS],
    ]);
    expect([doc.name, doc.activeProfileIndex, doc.exporter]).toEqual(['dump', 0, 'tracectl test']);
  });

  it('opens and closes frames as one call stack per lane, in nanoseconds from the trace start', () => {
    const [first, second] = convert().profiles;
    expect(first!.events.map((e) => [e.type, e.frame, e.at / MS])).toEqual([
      ['O', 0, 0],
      ['O', 1, 10],
      ['O', 2, 15],
      ['C', 2, 35],
      ['C', 1, 40],
      ['C', 0, 60],
    ]);
    expect(second!.events.map((e) => [e.type, e.frame, e.at / MS])).toEqual([
      ['O', 3, 12],
      ['C', 3, 52],
    ]);
  });

  it('is a valid speedscope document for every fixture, async spans included', async () => {
    expect(speedscopeProblems(convert())).toEqual([]);
    for (const name of ['convert/rich.otlp.json', 'convert/rich.jaeger.json', 'convert/rich.zipkin.json']) {
      const traces = buildTraces(await readGroups(readFileSync(fixture(name))));
      const doc = JSON.parse(encodeAll(speedscopeEncoder({ exporter: 'x', name }), traces)) as Doc;
      expect(speedscopeProblems(doc), name).toEqual([]);
      const opened = doc.profiles.reduce((n, p) => n + p.events.filter((e) => e.type === 'O').length, 0);
      expect(opened, name).toBe(traces.reduce((n, t) => n + t.nodes.length, 0));
    }
  });
});
