/**
 * Every pair of formats on tracectl's own fixtures: a dump written as A, then as B, then read back,
 * gives the same `traces`, `critical-path` and `latency` results as the original, except for what the
 * formats on the way cannot carry (test/helpers/convert.ts expectedAfter): through Jaeger or Zipkin
 * every start and end is rounded down to the microsecond, and through Zipkin a FOLLOWS_FROM parent
 * becomes a plain parent. The results are compared exactly with those of the original so changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WireTarget } from '../../../src/formats/encode/contract.js';
import { analysisResults, encodeWire, expectedAfter, readGroups } from '../../helpers/convert.js';
import { fixture } from '../../helpers/cli.js';

const FIXTURES = ['convert/rich.otlp.json', 'convert/rich.jaeger.json', 'convert/rich.zipkin.json', 'equivalent/checkout.jaeger.json', 'otlp/opentracing-follows-from.json'];
const TARGETS: readonly WireTarget[] = ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl'];

describe.each(FIXTURES)('%s', (name) => {
  for (const first of TARGETS) {
    for (const second of TARGETS) {
      it(`as ${first}, then as ${second}`, async () => {
        const original = await readGroups(readFileSync(fixture(name)));
        const once = await readGroups(encodeWire(first, original));
        const twice = await readGroups(encodeWire(second, once));
        expect(analysisResults(once)).toEqual(analysisResults(expectedAfter(original, [first])));
        expect(analysisResults(twice)).toEqual(analysisResults(expectedAfter(original, [first, second])));
      });
    }
  }
});

describe('what may change, on the fixtures that have it', () => {
  it('the sub-microsecond OTLP fixture changes through Jaeger (durations rounded), not through OTLP', async () => {
    const original = await readGroups(readFileSync(fixture('convert/rich.otlp.json')));
    const viaJaeger = analysisResults(await readGroups(encodeWire('jaeger', original)));
    const viaOtlp = analysisResults(await readGroups(encodeWire('otlp-jsonl', original)));
    // The root starts at +123 ns and ends at +100 ms 456 ns.
    expect(analysisResults(original).traces[0]!.durationMs).toBe(100.000333);
    expect(viaJaeger.traces[0]!.durationMs).toBe(100);
    expect(viaOtlp).toEqual(analysisResults(original));
  });

  it('the Jaeger FOLLOWS_FROM fixture changes through Zipkin, where the async child becomes a synchronous one', async () => {
    const original = await readGroups(readFileSync(fixture('convert/rich.jaeger.json')));
    const back = await readGroups(encodeWire('jaeger', await readGroups(encodeWire('zipkin', original))));
    //  0    10   20   30   40   50   60   70 ms
    //  [GET /orders ..........]                 orders
    //       [enqueue]                           orders, 10..12
    //      [process order ......................] worker (clock behind), FOLLOWS_FROM enqueue, 9..69
    // process order starts 1 ms before its parent, on another host: async or (through Zipkin) not,
    // it is moved to its parent's start (+1 ms), and the trace ends at 70.
    expect(analysisResults(original).traces[0]!.durationMs).toBe(70);
    expect(analysisResults(back).traces[0]!.durationMs).toBe(70);
    const viaOtlp = await readGroups(encodeWire('jaeger', await readGroups(encodeWire('otlp', original))));
    expect(analysisResults(viaOtlp)).toEqual(analysisResults(original));
  });
});
