/**
 * Where each format keeps a span's tracestate and sampling, and that they survive the trip through
 * the encoders and the compact batches: OTLP `traceState` and the Collector's scope attribute
 * `tailsampling.policy`; Jaeger's `w3c.tracestate` tag and the root's `sampler.type`/`sampler.param`
 * tags, which speak for the whole trace; Zipkin, which has no place for them (a counted loss).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchEncoder, spanFromWords } from '../../src/input/compact-batch.js';
import { SpanStore } from '../../src/input/span-store.js';
import { zipkinEncoder } from '../../src/formats/zipkin/encode.js';
import { encodeAll, encodeWire, readGroups } from '../helpers/convert.js';
import { fixture } from '../helpers/cli.js';
import { makeSpan } from '../helpers/make-span.js';

const otlp = (spans: string, scope = '{"name":"lib"}'): string =>
  `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"scope":${scope},"spans":[${spans}]}]}]}`;
const span = (id: string, extra = ''): string =>
  `{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"${id}","name":"op","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"${extra}}`;

describe('OTLP', () => {
  it('reads traceState and its ot=th: probability, and the scope attribute tailsampling.policy', async () => {
    const [group] = await readGroups(
      otlp(`${span('00f067aa0ba902b7', ',"traceState":"vendor=gold,ot=th:c"')},${span('00f067aa0ba902b8', ',"parentSpanId":"00f067aa0ba902b7"')}`, '{"name":"lib","attributes":[{"key":"tailsampling.policy","value":{"stringValue":"errors"}}]}'),
    );
    expect(group!.spans.map((s) => [s.traceState, s.sampling])).toEqual([
      ['vendor=gold,ot=th:c', { probability: 0.25, method: 'consistent', tailPolicy: 'errors' }],
      [undefined, { tailPolicy: 'errors' }],
    ]);
  });

  it('writes them back where it read them, and a second read gives the same spans', async () => {
    const once = await readGroups(otlp(span('00f067aa0ba902b7', ',"traceState":"ot=th:8;rv:abcdefabcdefab"'), '{"name":"lib","attributes":[{"key":"tailsampling.policy","value":{"stringValue":"slow"}}]}'));
    const text = encodeWire('otlp', once);
    expect(text).toContain('"traceState":"ot=th:8;rv:abcdefabcdefab"');
    expect(text).toContain('"scope":{"name":"lib","attributes":[{"key":"tailsampling.policy","value":{"stringValue":"slow"}}]}');
    expect(await readGroups(text)).toEqual(once);
  });
});

describe('Jaeger', () => {
  it("the root's probabilistic sampler tags give every span of the trace its probability; const gives none", async () => {
    const groups = await readGroups(readFileSync(fixture('sample/jaeger-probabilistic.json')));
    expect(groups.map((g) => g.spans.map((s) => s.sampling))).toEqual([
      [{ probability: 0.25, method: 'probabilistic' }, { probability: 0.25, method: 'probabilistic' }],
      [{ probability: 0.25, method: 'probabilistic' }, { probability: 0.25, method: 'probabilistic' }],
      [undefined],
    ]);
  });

  it('keeps tracestate in the w3c.tracestate tag both ways, where a threshold in it wins over the sampler tags', async () => {
    const groups = await readGroups(otlp(span('00f067aa0ba902b7', ',"traceState":"ot=th:c"'), '{"name":"lib","attributes":[{"key":"tailsampling.policy","value":{"stringValue":"vip"}}]}'));
    const jaeger = encodeWire('jaeger', groups);
    expect(jaeger).toContain('{"key":"w3c.tracestate","type":"string","value":"ot=th:c"}');
    expect(jaeger).toContain('{"key":"tailsampling.policy","type":"string","value":"vip"}');
    const back = await readGroups(jaeger);
    expect(back[0]!.spans[0]!.traceState).toBe('ot=th:c');
    expect(back[0]!.spans[0]!.sampling).toEqual({ probability: 0.25, method: 'consistent', tailPolicy: 'vip' });
    const tagged = jaeger.replace('"tags":[', '"tags":[{"key":"sampler.type","type":"string","value":"probabilistic"},{"key":"sampler.param","type":"float64","value":0.5},');
    expect((await readGroups(tagged))[0]!.spans[0]!.sampling).toEqual({ probability: 0.25, method: 'consistent', tailPolicy: 'vip' });
  });

  it('rate limiting samplers give no probability', async () => {
    const doc = readFileSync(fixture('sample/jaeger-probabilistic.json'), 'utf8').replaceAll('"probabilistic"', '"ratelimiting"');
    expect((await readGroups(doc))[0]!.spans[0]!.sampling).toEqual({ method: 'rate-limiting' });
  });
});

describe('Zipkin', () => {
  it('cannot carry them: counted as a loss', async () => {
    const groups = await readGroups(otlp(span('00f067aa0ba902b7', ',"traceState":"ot=th:c"')));
    const encoder = zipkinEncoder();
    encodeAll(encoder, groups);
    expect(encoder.losses.entries().map((e) => e.message)).toContain('1 span lost their W3C tracestate or sampling information (Zipkin has no place for them)');
  });
});

describe('compact batches', () => {
  it('carry sampling in a column only batches with a sampled span have, through the span store', () => {
    const encoder = new BatchEncoder();
    encoder.add(makeSpan({ id: '1', start: 0, dur: 1 }));
    const plain = encoder.take();
    expect(plain.sampling).toBeUndefined();
    encoder.add(makeSpan({ id: '2', start: 0, dur: 1, sampling: { probability: 0.1, method: 'consistent' } }));
    encoder.add(makeSpan({ id: '3', start: 0, dur: 1 }));
    encoder.add(makeSpan({ id: '4', start: 0, dur: 1, sampling: { tailPolicy: 'errors' } }));
    const sampled = encoder.take();
    expect([...sampled.sampling!].map((id) => id > 0)).toEqual([true, false, true]);
    // A first batch names all its strings itself, so its spans read back directly.
    const fresh = new BatchEncoder();
    fresh.add(makeSpan({ id: '5', start: 0, dur: 1, sampling: { probability: 0.5, method: 'probabilistic' } }));
    const first = fresh.take();
    expect(spanFromWords('aaaaaaaaaaaaaaaa', first.words, 0, first.starts[0]!, first.durations[0]!, first.strings, first.local, first.sampling![0]!).sampling).toEqual({ probability: 0.5, method: 'probabilistic' });
    const store = new SpanStore();
    store.add(plain, 0);
    store.add(sampled, 0);
    const spans = [...store.byTrace()][0]![1];
    expect(spans!.map((s) => s.sampling)).toEqual([undefined, { probability: 0.1, method: 'consistent' }, undefined, { tailPolicy: 'errors' }]);
  });
});
