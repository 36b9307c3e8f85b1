import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LossTally } from '../../../src/formats/encode/losses.js';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import { encodeOtlpTrace, otlpEncoder, otlpJsonlEncoder } from '../../../src/formats/otlp/encode.js';
import type { Span } from '../../../src/model/span.js';
import { encodeAll, readGroups } from '../../helpers/convert.js';
import { BASE_NS, makeSpan } from '../../helpers/make-span.js';
import { fixture } from '../../helpers/cli.js';

const TRACE = 'aaaaaaaaaaaaaaaa';

function encode(spans: Span[], losses = new LossTally()) {
  return encodeOtlpTrace({ traceId: TRACE, spans }, losses);
}

function decode(spans: Span[]): Span[] {
  return otlpDecoder.decode(JSON.parse(JSON.stringify({ resourceSpans: encode(spans) })), { file: 't' }).spans;
}

describe('otlp encoder: one span from Jaeger', () => {
  // A Jaeger span: kind and status live in tags, the scope in otel.scope.* tags, the parent is FOLLOWS_FROM.
  const span = makeSpan({
    id: '2',
    parent: '1',
    parentType: 'follows_from',
    start: 0,
    dur: 0,
    format: 'jaeger',
    service: 'worker',
    operation: 'process order',
    kind: 'consumer',
    status: 'error',
    statusMessage: 'timeout',
    startNs: BASE_NS + 40_000_000n,
    durationNs: 30_000_001,
    attributes: { 'span.kind': 'consumer', error: true, 'otel.status_description': 'timeout', 'otel.scope.name': 'kafkajs', 'db.rows': 3 },
    resource: { hostname: 'worker-1' },
    events: [{ timeNs: BASE_NS + 69_000_000n, name: 'error', attributes: { event: 'error', message: 'timeout' } }],
    refs: [{ type: 'follows_from', traceId: 'bbbbbbbbbbbbbbbb', spanId: '00000000000000b1' }],
  });

  it('moves kind, status and scope into their fields, pads the trace id to 16 bytes and keeps nanoseconds', () => {
    const losses = new LossTally();
    expect(encode([span], losses)).toEqual([
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'worker' } },
            { key: 'hostname', value: { stringValue: 'worker-1' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'kafkajs' },
            spans: [
              {
                traceId: '0000000000000000aaaaaaaaaaaaaaaa',
                spanId: '0000000000000002',
                parentSpanId: '0000000000000001',
                name: 'process order',
                kind: 5,
                startTimeUnixNano: '1700000000040000000',
                endTimeUnixNano: '1700000000070000001',
                attributes: [{ key: 'db.rows', value: { intValue: '3' } }],
                events: [{ timeUnixNano: '1700000000069000000', name: 'error', attributes: [{ key: 'message', value: { stringValue: 'timeout' } }] }],
                links: [
                  {
                    traceId: '0000000000000000aaaaaaaaaaaaaaaa',
                    spanId: '0000000000000001',
                    attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
                  },
                  {
                    traceId: '0000000000000000bbbbbbbbbbbbbbbb',
                    spanId: '00000000000000b1',
                    attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
                  },
                ],
                status: { code: 2, message: 'timeout' },
              },
            ],
          },
        ],
      },
    ]);
    expect(losses.entries().map((e) => [e.code, e.count])).toEqual([['follows-from-as-link', 1]]);
  });

  it('reads back with the same ids, times, parent type, kind, status, host and scope attribute', () => {
    expect(decode([span])[0]).toMatchObject({
      traceId: TRACE,
      parentId: '0000000000000001',
      parentType: 'follows_from',
      kind: 'consumer',
      status: 'error',
      statusMessage: 'timeout',
      startNs: BASE_NS + 40_000_000n,
      durationNs: 30_000_001,
      host: 'worker-1',
      attributes: { 'db.rows': 3, 'otel.scope.name': 'kafkajs' },
    });
  });
});

describe('otlp encoder: values and grouping', () => {
  it('writes every attribute type the model holds', () => {
    const span = makeSpan({ id: '1', start: 0, dur: 1, attributes: { s: 'x', b: true, i: 7, d: 0.5, big: 2 ** 60, n: null, a: [1, 'y'], m: { k: false } } });
    expect(encode([span])[0]!.scopeSpans[0]!.spans[0]!.attributes).toEqual([
      { key: 's', value: { stringValue: 'x' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'i', value: { intValue: '7' } },
      { key: 'd', value: { doubleValue: 0.5 } },
      { key: 'big', value: { doubleValue: 2 ** 60 } },
      { key: 'n', value: {} },
      { key: 'a', value: { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'y' }] } } },
      { key: 'm', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
    ]);
  });

  it('groups a trace by resource and scope, and counts Zipkin halves that share a span id', () => {
    const client = makeSpan({ id: '2', parent: '1', start: 0, dur: 10, kind: 'client', service: 'a' });
    const server = makeSpan({ id: '2', parent: '1', start: 1, dur: 8, kind: 'server', service: 'b', shared: true });
    const other = makeSpan({ id: '3', parent: '2', start: 2, dur: 1, service: 'a' });
    const losses = new LossTally();
    const out = encode([client, server, other], losses);
    expect(out.map((r) => [r.resource.attributes[0]!.value, r.scopeSpans[0]!.spans.map((s) => s.spanId)])).toEqual([
      [{ stringValue: 'a' }, ['0000000000000002', '0000000000000003']],
      [{ stringValue: 'b' }, ['0000000000000002']],
    ]);
    expect(losses.get('shared-span-ids')).toBe(1);
    expect(losses.get('shared-flag')).toBe(0);
  });

  it('leaves out a FOLLOWS_FROM reference to the CHILD_OF parent, which would read back as a FOLLOWS_FROM parent', () => {
    const span = makeSpan({ id: '4', parent: '2', start: 0, dur: 1, refs: [{ type: 'follows_from', traceId: TRACE, spanId: '0000000000000002' }] });
    const losses = new LossTally();
    expect(encode([span], losses)[0]!.scopeSpans[0]!.spans[0]!.links).toEqual([]);
    expect(losses.get('redundant-reference')).toBe(1);
  });
});

describe('otlp encoder: an OTLP dump', () => {
  it('reads back as exactly the spans it was written from', async () => {
    const original = await readGroups(readFileSync(fixture('convert/rich.otlp.json')));
    const encoder = otlpEncoder();
    const text = encodeAll(encoder, original);
    expect(await readGroups(text)).toEqual(original);
    expect(encoder.losses.entries()).toEqual([]);
    // The envelope's first line, one ResourceSpans per line (frontend, payments, inventory), its last line.
    expect(text.split('\n').map((l) => l.slice(0, 48))).toEqual([
      '{"resourceSpans":[',
      '{"resource":{"attributes":[{"key":"service.name"',
      '{"resource":{"attributes":[{"key":"service.name"',
      '{"resource":{"attributes":[{"key":"service.name"',
      ']}',
      '',
    ]);
  });

  it('as JSON lines: one export request per trace', async () => {
    const original = await readGroups(readFileSync(fixture('convert/rich.otlp.json')));
    const text = encodeAll(otlpJsonlEncoder(), original);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((l) => (JSON.parse(l) as { resourceSpans: unknown[] }).resourceSpans.length)).toEqual([2, 1]);
    expect(await readGroups(text)).toEqual(original);
  });
});
