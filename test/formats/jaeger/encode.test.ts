import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LossTally } from '../../../src/formats/encode/losses.js';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';
import { encodeJaegerTrace, jaegerEncoder } from '../../../src/formats/jaeger/encode.js';
import type { Span } from '../../../src/model/span.js';
import { encodeAll, readGroups } from '../../helpers/convert.js';
import { fixture } from '../../helpers/cli.js';
import { BASE_NS, makeSpan } from '../../helpers/make-span.js';

const TRACE = 'aaaaaaaaaaaaaaaa';

function encode(spans: Span[], losses = new LossTally()) {
  return encodeJaegerTrace({ traceId: TRACE, spans }, losses);
}

function decode(spans: Span[]): Span[] {
  const wire = JSON.parse(JSON.stringify(encode(spans)));
  return jaegerDecoder.decode(wire, { file: 't' }).spans;
}

describe('jaeger encoder: one span', () => {
  // An OTLP span with everything Jaeger has a place for, and some it has not.
  const span = makeSpan({
    id: '1',
    start: 0,
    dur: 12.5,
    service: 'checkout',
    operation: 'Charge',
    kind: 'server',
    status: 'error',
    statusMessage: 'card declined',
    startNs: BASE_NS + 1_234n,
    durationNs: 12_500_000,
    attributes: { 'http.status_code': 502, ratio: 0.25, 'cache.keys': ['a', 'b'], ok: false },
    resource: { 'service.name': 'checkout', 'host.name': 'pay-1' },
    events: [{ timeNs: BASE_NS + 5_000_999n, name: 'exception', attributes: { 'exception.type': 'Declined' } }],
    refs: [{ type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '00000000000000b1', attributes: { reason: 'retry' } }],
  } as never);

  it('writes ids, µs times (start and end rounded down), tags with kind and status, logs, references and the process', () => {
    const losses = new LossTally();
    expect(encode([span], losses)).toEqual({
      traceID: TRACE,
      spans: [
        {
          traceID: TRACE,
          spanID: '0000000000000001',
          operationName: 'Charge',
          references: [{ refType: 'FOLLOWS_FROM', traceID: 'bbbbbbbbbbbbbbbb', spanID: '00000000000000b1' }],
          startTime: 1_700_000_000_000_001,
          duration: 12_500,
          tags: [
            { key: 'http.status_code', type: 'int64', value: 502 },
            { key: 'ratio', type: 'float64', value: 0.25 },
            { key: 'cache.keys', type: 'string', value: '["a","b"]' },
            { key: 'ok', type: 'bool', value: false },
            { key: 'span.kind', type: 'string', value: 'server' },
            { key: 'error', type: 'bool', value: true },
            { key: 'otel.status_description', type: 'string', value: 'card declined' },
          ],
          logs: [
            {
              timestamp: 1_700_000_000_005_000,
              fields: [
                { key: 'event', type: 'string', value: 'exception' },
                { key: 'exception.type', type: 'string', value: 'Declined' },
              ],
            },
          ],
          processID: 'p1',
          warnings: null,
        },
      ],
      processes: { p1: { serviceName: 'checkout', tags: [{ key: 'host.name', type: 'string', value: 'pay-1' }] } },
      warnings: null,
    });
    expect(losses.entries().map((e) => [e.code, e.count])).toEqual([
      ['link-attributes', 1],
      ['links-as-follows-from', 1],
      ['structured-attributes', 1],
      ['sub-microsecond', 1],
    ]);
  });

  it('reads back as the same kind, status, message, host and event, at microsecond precision', () => {
    const [back] = decode([span]);
    expect(back).toMatchObject({
      spanId: '0000000000000001',
      service: 'checkout',
      operation: 'Charge',
      kind: 'server',
      status: 'error',
      statusMessage: 'card declined',
      startNs: BASE_NS + 1_000n,
      durationNs: 12_500_000,
      host: 'pay-1',
      resource: { 'host.name': 'pay-1' },
      events: [{ timeNs: BASE_NS + 5_000_000n, name: 'exception', attributes: { event: 'exception', 'exception.type': 'Declined' } }],
      refs: [{ type: 'follows_from', traceId: 'bbbbbbbbbbbbbbbb', spanId: '00000000000000b1' }],
    });
  });

  it('leaves out the start of a span without time and the duration of one without an end', () => {
    const missing = makeSpan({ id: '2', start: 0, dur: 3, timing: 'missing', startNs: 0n } as never);
    const open = makeSpan({ id: '3', start: 1, dur: 0, timing: 'no-duration' });
    const [a, b] = encode([missing, open]).spans;
    expect(a).not.toHaveProperty('startTime');
    expect(a!.duration).toBe(3000);
    expect(b!.startTime).toBe(1_700_000_000_001_000);
    expect(b).not.toHaveProperty('duration');
    const [ra, rb] = decode([missing, open]);
    expect([ra!.timing, rb!.timing]).toEqual(['missing', 'no-duration']);
  });
});

describe('jaeger encoder: parents and references', () => {
  it('writes a FOLLOWS_FROM parent first, so it reads back as the async parent', () => {
    const child = makeSpan({ id: '2', parent: '1', start: 5, dur: 1, parentType: 'follows_from' });
    expect(encode([child]).spans[0]!.references).toEqual([{ refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: '0000000000000001' }]);
    expect(decode([child])[0]).toMatchObject({ parentId: '0000000000000001', parentType: 'follows_from', refs: [] });
  });

  it('turns a parent back into FOLLOWS_FROM when an OTLP link with opentracing.ref_type says so', () => {
    const child = makeSpan({
      id: '2',
      parent: '1',
      start: 5,
      dur: 1,
      refs: [{ type: 'link', traceId: TRACE, spanId: '0000000000000001', attributes: { 'opentracing.ref_type': 'follows_from' } }],
    });
    expect(encode([child]).spans[0]!.references).toEqual([{ refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: '0000000000000001' }]);
  });

  it('drops a link of a parentless span into its own trace, which Jaeger would read as its parent', () => {
    const root = makeSpan({ id: '1', start: 0, dur: 1, refs: [{ type: 'link', traceId: TRACE, spanId: '0000000000000009' }] });
    const losses = new LossTally();
    expect(encode([root], losses).spans[0]!.references).toEqual([]);
    expect(losses.get('root-links')).toBe(1);
    expect(decode([root])[0]!.parentId).toBeUndefined();
  });
});

describe('jaeger encoder: status and kind tags', () => {
  it("replaces a Zipkin error tag holding the message by Jaeger's error=true and otel.status_description", () => {
    const zipkin = makeSpan({ id: '1', start: 0, dur: 1, format: 'zipkin', status: 'error', statusMessage: '404', attributes: { error: '404', 'http.path': '/x' } });
    const losses = new LossTally();
    expect(encode([zipkin], losses).spans[0]!.tags).toEqual([
      { key: 'http.path', type: 'string', value: '/x' },
      { key: 'span.kind', type: 'string', value: 'internal' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_description', type: 'string', value: '404' },
    ]);
    expect(losses.entries()).toEqual([]);
    expect(decode([zipkin])[0]).toMatchObject({ status: 'error', statusMessage: '404' });
  });

  it('drops an error=true attribute on a span that did not fail, and says so', () => {
    const span = makeSpan({ id: '1', start: 0, dur: 1, status: 'unset', attributes: { error: true } });
    const losses = new LossTally();
    expect(encode([span], losses).spans[0]!.tags).toEqual([{ key: 'span.kind', type: 'string', value: 'internal' }]);
    expect(losses.get('conflicting-attributes')).toBe(1);
    expect(decode([span])[0]!.status).toBe('unset');
  });

  it('says OK with otel.status_code and writes no span.kind for an unspecified kind', () => {
    const span = makeSpan({ id: '1', start: 0, dur: 1, status: 'ok', kind: 'unspecified' });
    expect(encode([span]).spans[0]!.tags).toEqual([{ key: 'otel.status_code', type: 'string', value: 'OK' }]);
    expect(decode([span])[0]).toMatchObject({ status: 'ok', kind: 'unspecified' });
  });
});

describe('jaeger encoder: a Jaeger dump', () => {
  it('is written back with the same spans, tags, logs, references and processes', async () => {
    const original = JSON.parse(readFileSync(fixture('convert/rich.jaeger.json'), 'utf8')) as { data: { spans: Record<string, unknown>[]; processes: unknown }[] };
    const groups = await readGroups(readFileSync(fixture('convert/rich.jaeger.json')));
    const encoder = jaegerEncoder();
    const written = JSON.parse(encodeAll(encoder, groups)) as typeof original & { total: number };
    expect(written.total).toBe(1);
    expect(written.data[0]!.processes).toEqual(original.data[0]!.processes);
    expect(written.data[0]!.spans.map(({ warnings: _w, ...rest }) => rest)).toEqual(original.data[0]!.spans);
    expect(encoder.losses.entries()).toEqual([]);
  });

  it('streams a dump trace by trace inside one query-API envelope', () => {
    const encoder = jaegerEncoder();
    const a = makeSpan({ id: '1', start: 0, dur: 1, traceId: '000000000000000a' });
    const b = makeSpan({ id: '2', start: 0, dur: 1, traceId: '000000000000000b' });
    const text = encoder.head() + encoder.trace({ traceId: a.traceId, spans: [a] }) + encoder.trace({ traceId: b.traceId, spans: [b] }) + encoder.tail();
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect([lines[0], lines[1]!.slice(0, 30), lines[2]!.slice(0, 30), lines[3], lines[4]]).toEqual([
      '{"data":[',
      '{"traceID":"000000000000000a",',
      '{"traceID":"000000000000000b",',
      '],"total":2,"limit":0,"offset":0,"errors":null}',
      '',
    ]);
    expect(lines[1]!.endsWith('},')).toBe(true);
    expect(encodeAll(jaegerEncoder(), [])).toBe('{"data":[],"total":0,"limit":0,"offset":0,"errors":null}\n');
  });
});
