/**
 * The OTLP protobuf decoder: hand-built wire bytes for every field of the trace messages (field
 * numbers from opentelemetry-proto), malformed bodies, and a cross-check against the real
 * OpenTelemetry JS serializers: the same spans sent as protobuf and as JSON decode to the same
 * normalized spans.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../src/formats/otlp/decoder.js';
import { decodeTraceRequest } from '../../src/formats/otlp/protobuf/decode-trace-request.js';
import { bytes, concat, double, fixed32, fixed64, hexBytes, keyValue, message, varint } from './helpers/proto-writer.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';

/** ExportTraceServiceRequest { resource_spans = 1 { resource = 1, scope_spans = 2 { scope = 1, spans = 2 } } } */
function request(span: Buffer, extraResourceSpans: Buffer[] = []): Buffer {
  return message(
    1,
    message(1, keyValue(1, 'service.name', bytes(1, 'checkout')), varint(2, 3)),
    message(2, message(1, bytes(1, 'my.library'), bytes(2, '1.0.0')), message(2, span), bytes(3, 'https://opentelemetry.io/schemas/1.21.0')),
    bytes(3, 'https://opentelemetry.io/schemas/1.20.0'),
    ...extraResourceSpans,
  );
}

describe('decodeTraceRequest: every field', () => {
  it('maps a fully populated span to OTLP JSON (hex ids, string int64, numeric enums)', () => {
    const span = concat(
      hexBytes(1, TRACE),
      hexBytes(2, SPAN),
      bytes(3, 'vendor=1'),
      hexBytes(4, PARENT),
      bytes(5, 'GET /cart'),
      varint(6, 2),
      fixed64(7, 1700000000123456789n),
      fixed64(8, 1700000000223456789n),
      keyValue(9, 'http.method', bytes(1, 'GET')),
      keyValue(9, 'retry', varint(2, 1)),
      keyValue(9, 'bytes', varint(3, -5)),
      keyValue(9, 'ratio', double(4, 0.25)),
      keyValue(9, 'tags', message(5, message(1, bytes(1, 'a')), message(1, varint(3, 9007199254740993n)))),
      keyValue(9, 'nested', message(6, keyValue(1, 'inner', varint(2, 0)))),
      keyValue(9, 'raw', bytes(7, Buffer.from([0xde, 0xad]))),
      varint(10, 2),
      message(11, fixed64(1, 1700000000150000000n), bytes(2, 'exception'), keyValue(3, 'exception.message', bytes(1, 'boom')), varint(4, 1)),
      varint(12, 4),
      message(13, hexBytes(1, 'aa'.repeat(16)), hexBytes(2, 'bb'.repeat(8)), bytes(3, 'k=v'), keyValue(4, 'link.kind', bytes(1, 'batch')), varint(5, 1), fixed32(6, 0x301)),
      varint(14, 5),
      message(15, bytes(2, 'card declined'), varint(3, 2)),
      fixed32(16, 0x101),
    );
    expect(decodeTraceRequest(request(span))).toEqual({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }], droppedAttributesCount: 3 },
          scopeSpans: [
            {
              scope: { name: 'my.library', version: '1.0.0' },
              schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
              spans: [
                {
                  traceId: TRACE,
                  spanId: SPAN,
                  traceState: 'vendor=1',
                  parentSpanId: PARENT,
                  flags: 0x101,
                  name: 'GET /cart',
                  kind: 2,
                  startTimeUnixNano: '1700000000123456789',
                  endTimeUnixNano: '1700000000223456789',
                  attributes: [
                    { key: 'http.method', value: { stringValue: 'GET' } },
                    { key: 'retry', value: { boolValue: true } },
                    { key: 'bytes', value: { intValue: '-5' } },
                    { key: 'ratio', value: { doubleValue: 0.25 } },
                    { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '9007199254740993' }] } } },
                    { key: 'nested', value: { kvlistValue: { values: [{ key: 'inner', value: { boolValue: false } }] } } },
                    { key: 'raw', value: { bytesValue: '3q0=' } },
                  ],
                  droppedAttributesCount: 2,
                  events: [
                    {
                      timeUnixNano: '1700000000150000000',
                      name: 'exception',
                      attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }],
                      droppedAttributesCount: 1,
                    },
                  ],
                  droppedEventsCount: 4,
                  links: [
                    {
                      traceId: 'aa'.repeat(16),
                      spanId: 'bb'.repeat(8),
                      traceState: 'k=v',
                      attributes: [{ key: 'link.kind', value: { stringValue: 'batch' } }],
                      droppedAttributesCount: 1,
                      flags: 0x301,
                    },
                  ],
                  droppedLinksCount: 5,
                  status: { message: 'card declined', code: 2 },
                },
              ],
            },
          ],
          schemaUrl: 'https://opentelemetry.io/schemas/1.20.0',
        },
      ],
    });
  });

  it('leaves proto3 defaults out and keeps a root without parentSpanId', () => {
    const span = concat(hexBytes(1, TRACE), hexBytes(2, SPAN), bytes(4, ''), varint(10, 0));
    const decoded = decodeTraceRequest(request(span));
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      name: '',
      kind: 0,
      startTimeUnixNano: '0',
      endTimeUnixNano: '0',
      attributes: [],
      events: [],
      links: [],
      status: {},
    });
  });

  it('writes int64 extremes exactly and non-finite doubles as protobuf JSON strings', () => {
    const span = concat(
      hexBytes(1, TRACE),
      hexBytes(2, SPAN),
      keyValue(9, 'max', varint(3, 9223372036854775807n)),
      keyValue(9, 'min', varint(3, -9223372036854775808n)),
      keyValue(9, 'nan', double(4, Number.NaN)),
      keyValue(9, 'inf', double(4, Number.NEGATIVE_INFINITY)),
      keyValue(9, 'empty'),
    );
    const attrs = decodeTraceRequest(request(span)).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes;
    expect(attrs).toEqual([
      { key: 'max', value: { intValue: '9223372036854775807' } },
      { key: 'min', value: { intValue: '-9223372036854775808' } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'inf', value: { doubleValue: '-Infinity' } },
      { key: 'empty', value: {} },
    ]);
  });

  it('skips fields it does not know, of every wire type (newer senders still decode)', () => {
    const span = concat(hexBytes(1, TRACE), varint(99, 7), fixed64(98, 1n), bytes(97, 'x'), fixed32(96, 1), hexBytes(2, SPAN), bytes(5, 'op'));
    const req = concat(request(span), varint(2, 1));
    const decoded = decodeTraceRequest(req);
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({ traceId: TRACE, spanId: SPAN, name: 'op' });
  });

  it('reads pre-0.15 senders (instrumentation_library_spans = 1000) into instrumentationLibrarySpans, which the OTLP decoder reads', () => {
    const legacy = message(1, message(1000, message(1, bytes(1, 'old.lib')), message(2, hexBytes(1, TRACE), hexBytes(2, SPAN), bytes(5, 'legacy-op'))));
    const json = decodeTraceRequest(legacy);
    expect(json).toEqual({
      resourceSpans: [
        {
          scopeSpans: [],
          instrumentationLibrarySpans: [
            {
              instrumentationLibrary: { name: 'old.lib' },
              spans: [{ traceId: TRACE, spanId: SPAN, name: 'legacy-op', kind: 0, startTimeUnixNano: '0', endTimeUnixNano: '0', attributes: [], events: [], links: [], status: {} }],
            },
          ],
        },
      ],
    });
    const spans = otlpDecoder.decode(json.resourceSpans[0], { file: 't' }).spans;
    expect(spans.map((s) => [s.operation, s.attributes['otel.scope.name']])).toEqual([['legacy-op', 'old.lib']]);
  });

  it('an empty body is an empty request', () => {
    expect(decodeTraceRequest(Buffer.alloc(0))).toEqual({ resourceSpans: [] });
  });
});

describe('decodeTraceRequest: malformed bodies fail with the byte offset', () => {
  const cases: [string, Buffer, string][] = [
    ['a length running past the end', Buffer.from([0x0a, 0x05, 0x0a]), 'length 5 runs past the end of the message at byte 1'],
    ['a truncated varint', Buffer.from([0x0a, 0x80]), 'truncated varint at byte 1'],
    ['a varint longer than 10 bytes', Buffer.from([0x10, ...Array(11).fill(0xff)]), 'varint longer than 10 bytes at byte 1'],
    ['field number 0', Buffer.from([0x02, 0x00]), 'field number 0 at byte 0'],
    ['a group (wire type 3)', Buffer.from([0x13]), 'unsupported wire type 3 at byte 1'],
    ['a known field with the wrong wire type', Buffer.from([0x08, 0x01]), 'ExportTraceServiceRequest.resource_spans has wire type 0, expected 2 at byte 1'],
    ['a truncated fixed64', concat(message(1, message(2, message(2, Buffer.from([0x39, 0x01, 0x02]))))), 'truncated 8-byte value at byte 7'],
    ['text (JSON posted as protobuf)', Buffer.from('{"resourceSpans":[]}'), 'unsupported wire type 3 at byte 1'],
  ];
  it.each(cases)('%s', (_name, body, message) => {
    expect(() => decodeTraceRequest(body)).toThrow(message);
  });

  it('attribute values nested deeper than 64 levels', () => {
    let value = bytes(1, 'leaf');
    for (let i = 0; i < 70; i++) value = message(5, message(1, value));
    const body = request(concat(hexBytes(1, TRACE), hexBytes(2, SPAN), keyValue(9, 'deep', value)));
    expect(() => decodeTraceRequest(body)).toThrow(/attribute values nested deeper than 64 levels at byte \d+/);
  });
});

describe('decodeTraceRequest against the OpenTelemetry JS serializers', () => {
  it('the same spans as protobuf and as JSON decode to the same tracectl spans', () => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'cart', 'service.version': '1.2.3', 'host.name': 'ci-7', 'process.pid': 4242 }),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const tracer = provider.getTracer('cart-lib', '0.9.0');
    const root = tracer.startSpan('POST /cart', { kind: SpanKind.SERVER, attributes: { 'http.status_code': 500, 'http.route': '/cart', ok: false, ratio: 0.5, list: ['a', 'b'] } });
    root.addEvent('exception', { 'exception.message': 'out of stock' });
    root.setStatus({ code: SpanStatusCode.ERROR, message: 'out of stock' });
    const child = tracer.startSpan('SELECT stock', { kind: SpanKind.CLIENT, links: [{ context: { traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), traceFlags: 1 }, attributes: { why: 'batch' } }] }, trace.setSpan(context.active(), root));
    child.end();
    root.end();
    const finished = memory.getFinishedSpans();
    expect(finished).toHaveLength(2);

    const protobuf = Buffer.from(ProtobufTraceSerializer.serializeRequest(finished) as Uint8Array);
    const json = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(finished))) as unknown;
    const fromProtobuf = otlpDecoder.decode(decodeTraceRequest(protobuf), { file: 'x' });
    const fromJson = otlpDecoder.decode(json, { file: 'x' });
    expect(fromProtobuf.warnings).toEqual([]);
    expect(fromProtobuf.spans).toEqual(fromJson.spans);
    expect(fromProtobuf.spans.map((s) => [s.service, s.operation, s.kind, s.status, s.parentId === undefined])).toEqual([
      ['cart', 'SELECT stock', 'client', 'unset', false],
      ['cart', 'POST /cart', 'server', 'error', true],
    ]);
  });
});
