import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import type { Span } from '../../../src/model/span.js';
import { decodeFixture, frame, readFixture } from './frame.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The fields every span of the one-span fixtures below shares; each test spells out the rest. */
function oneSpan(service: string): Omit<Span, 'operation' | 'kind' | 'startNs' | 'durationNs' | 'attributes'> {
  return {
    traceId: TRACE,
    spanId: '00f067aa0ba902b7',
    refs: [],
    service,
    timing: 'exact',
    status: 'unset',
    resource: { 'service.name': service },
    events: [],
    format: 'otlp',
  };
}

describe('otlp decoder: enums', () => {
  const expectedKinds = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer', 'unspecified'];
  const expectedStatuses = ['unset', 'ok', 'error', 'unset', 'unset', 'unset', 'unset'];

  it.each(['enums-as-names.json', 'enums-as-numbers.json'])('maps kind and status codes in %s', (name) => {
    const { spans, warnings } = decodeFixture(name);
    expect(warnings).toStrictEqual([]);
    const expected: Span[] = expectedKinds.map((kind, i) => ({
      traceId: TRACE,
      spanId: `000000000000000${i + 1}`,
      refs: [],
      service: 'enums',
      operation: `op-${i + 1}`,
      kind: kind as Span['kind'],
      startNs: 1_700_000_000_000_000_000n,
      durationNs: 1000,
      timing: 'exact',
      status: expectedStatuses[i] as Span['status'],
      attributes: {},
      resource: { 'service.name': 'enums' },
      events: [],
      format: 'otlp',
    }));
    expect(spans).toStrictEqual(expected);
  });
});

describe('otlp decoder: times', () => {
  it('reads int64 times written as JSON numbers', () => {
    expect(decodeFixture('int64-as-numbers.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('numeric'),
          operation: 'numbers',
          kind: 'internal',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 1_048_576,
          attributes: { retries: 3 },
          events: [{ timeNs: 1_700_000_000_000_524_288n, name: 'halfway', attributes: {} }],
        },
      ],
      warnings: [],
    });
  });

  it('keeps nanosecond precision: a 250 ns span is 250 ns', () => {
    expect(decodeFixture('nanosecond-span.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('fast'),
          operation: 'cache hit',
          kind: 'internal',
          startNs: 1_700_000_000_000_000_001n,
          durationNs: 250,
          attributes: {},
        },
      ],
      warnings: [],
    });
  });

  it('marks missing times, clamps an end before the start and flags a start in the wrong unit', () => {
    const at = (n: number) => ({ file: 'timing-quirks.json', traceId: TRACE, spanId: `000000000000000${n}` });
    const base = {
      traceId: TRACE,
      refs: [],
      service: 'clock',
      kind: 'unspecified',
      status: 'unset',
      attributes: {},
      resource: { 'service.name': 'clock' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('timing-quirks.json')).toStrictEqual({
      spans: [
        { ...base, spanId: '0000000000000001', operation: 'no times', startNs: 0n, durationNs: 0, timing: 'missing' },
        {
          ...base,
          spanId: '0000000000000002',
          operation: 'start only',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 0,
          timing: 'no-duration',
        },
        //   start 2000 ns, end 1000 ns: |<-- end ... start -->|  clamped to 0
        {
          ...base,
          spanId: '0000000000000003',
          operation: 'end before start',
          startNs: 1_700_000_000_000_002_000n,
          durationNs: 0,
          timing: 'exact',
          flags: ['suspect-timestamp'],
        },
        // proto3: a zero start is an unset start, not 1970
        { ...base, spanId: '0000000000000004', operation: 'zero start', startNs: 0n, durationNs: 0, timing: 'missing' },
        { ...base, spanId: '0000000000000005', operation: 'seconds', startNs: 1_700_000_000n, durationNs: 1, timing: 'exact', flags: ['suspect-timestamp'] },
        { ...base, spanId: '0000000000000006', operation: 'garbage start', startNs: 0n, durationNs: 0, timing: 'missing' },
      ],
      warnings: [
        {
          code: 'suspect-timestamp',
          message: 'endTimeUnixNano is before startTimeUnixNano: duration set to 0',
          ...at(3),
        },
        {
          code: 'suspect-timestamp',
          message: 'startTimeUnixNano "1700000000" is not a plausible epoch time in nanoseconds',
          ...at(5),
        },
      ],
    });
  });
});

describe('otlp decoder: attributes, events, scope', () => {
  it('keeps integers beyond 2^53 as decimal strings', () => {
    expect(decodeFixture('big-int-attribute.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('ints'),
          operation: 'ints',
          kind: 'unspecified',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 1000,
          attributes: {
            beyond: '9007199254740993',
            'max.safe': 9_007_199_254_740_991,
            'int64.min': '-9223372036854775808',
            'as.number': 12,
            negative: -42,
          },
        },
      ],
      warnings: [],
    });
  });

  it('flattens array and kvlist values into arrays and objects (resource attributes too)', () => {
    expect(decodeFixture('array-kvlist-attributes.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('attrs'),
          resource: { 'service.name': 'attrs', 'process.command_args': ['node', 'server.js'] },
          operation: 'attrs',
          kind: 'unspecified',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 1000,
          attributes: {
            'mixed.list': ['a', 7, true, 2.5, null],
            'empty.list': [],
            request: { method: 'GET', headers: { accept: ['text/html'] } },
            ratio: 0.25,
            'not.a.number': 'NaN',
            payload: 'AAAwOQ==',
            sampled: false,
            empty: null,
            'no.value': null,
          },
        },
      ],
      warnings: [],
    });
  });

  it('keeps events, pins a timeless event to the span start, and does not read exception events as status', () => {
    expect(decodeFixture('events-exception.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('cart'),
          operation: 'GetCart',
          kind: 'server',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 5_000_000,
          attributes: {},
          status: 'unset',
          events: [
            { timeNs: 1_700_000_000_001_000_000n, name: 'message', attributes: { 'message.type': 'SENT' } },
            {
              timeNs: 1_700_000_000_004_000_000n,
              name: 'exception',
              attributes: {
                'exception.type': 'RedisTimeoutException',
                'exception.message': 'Timeout performing HGET',
                'exception.stacktrace': 'at Cart.Get()\n   at Server.Handle()',
              },
            },
            { timeNs: 1_700_000_000_000_000_000n, name: 'no time', attributes: {} },
          ],
        },
      ],
      warnings: [],
    });
  });

  it("keeps a span's own otel.scope.name and still adds the scope version", () => {
    expect(decodeFixture('scope-name-on-span.json')).toStrictEqual({
      spans: [
        {
          ...oneSpan('bridge'),
          operation: 'bridged',
          kind: 'unspecified',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 1000,
          attributes: { 'otel.scope.name': 'original-library', 'otel.scope.version': '1.30.0' },
        },
      ],
      warnings: [],
    });
  });
});

describe('otlp decoder: status', () => {
  it('sets error and its message from status only, never from HTTP status attributes', () => {
    const base = {
      traceId: TRACE,
      refs: [],
      service: 'payments',
      startNs: 1_700_000_000_000_000_000n,
      durationNs: 1000,
      timing: 'exact',
      resource: { 'service.name': 'payments' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('status-error-message.json')).toStrictEqual({
      spans: [
        {
          ...base,
          spanId: '0000000000000001',
          operation: 'charge card',
          kind: 'client',
          status: 'error',
          statusMessage: 'card processor unavailable',
          attributes: { 'http.response.status_code': 503 },
        },
        { ...base, spanId: '0000000000000002', operation: 'error without message', kind: 'unspecified', status: 'error', attributes: {} },
        { ...base, spanId: '0000000000000003', operation: 'ok with message', kind: 'unspecified', status: 'ok', attributes: {} },
        {
          ...base,
          spanId: '0000000000000004',
          operation: 'http 500 but status unset',
          kind: 'server',
          status: 'unset',
          attributes: { 'http.status_code': 500 },
        },
      ],
      warnings: [],
    });
  });

  it('reads an old sender failure from deprecatedCode when code is unset', () => {
    const base = {
      traceId: '5b759b9624efee8b',
      refs: [],
      service: 'app',
      startNs: 1_626_717_505_784_699_000n,
      durationNs: 49_175_000,
      timing: 'exact',
      attributes: {},
      resource: { 'service.name': 'app' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('deprecated-status-code.json')).toStrictEqual({
      spans: [
        {
          ...base,
          spanId: 'b7ad6b7169203331',
          operation: 'old sender failure',
          kind: 'client',
          status: 'error',
          statusMessage: 'upstream reset',
        },
        { ...base, spanId: '53995c3f42cd8ad8', operation: 'old sender ok', kind: 'server', status: 'unset' },
        { ...base, spanId: '00f067aa0ba902b7', operation: 'new code wins', kind: 'unspecified', status: 'ok' },
      ],
      warnings: [],
    });
  });
});

describe('otlp decoder: resource', () => {
  it('uses unknown_service when service.name is absent or empty, or there is no resource', () => {
    const base = {
      traceId: '83a9efd15c1c98a977e0711cc93ee28b',
      refs: [],
      service: 'unknown_service',
      timing: 'exact',
      status: 'unset',
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('no-service-name.json')).toStrictEqual({
      spans: [
        {
          ...base,
          spanId: 'e127af99e3b3e074',
          operation: 'okey-dokey-0',
          kind: 'server',
          startNs: 1_706_678_909_209_712_000n,
          durationNs: 123_000,
          attributes: { 'otel.scope.name': 'telemetrygen' },
          resource: {},
        },
        {
          ...base,
          spanId: '909541b92cf05311',
          operation: 'empty name',
          kind: 'unspecified',
          startNs: 1_706_678_909_209_700_000n,
          durationNs: 200_000,
          attributes: {},
          resource: { 'service.name': '' },
        },
        {
          ...base,
          spanId: '0000000000000003',
          operation: 'no resource',
          kind: 'unspecified',
          startNs: 1_706_678_909_209_700_000n,
          durationNs: 200_000,
          attributes: {},
          resource: {},
        },
      ],
      warnings: [],
    });
  });

  it('takes the host from host.id, host.ip (every address of an array), host.name, hostname, ip, in that order (Jaeger\'s)', () => {
    const { spans, warnings } = decodeFixture('host-attributes.json');
    expect(warnings).toStrictEqual([]);
    const base = {
      traceId: TRACE,
      refs: [],
      operation: '',
      kind: 'unspecified',
      startNs: 1_700_000_000_000_000_000n,
      durationNs: 1000,
      timing: 'exact',
      status: 'unset',
      attributes: {},
      events: [],
      format: 'otlp',
    } as const;
    expect(spans).toStrictEqual([
      {
        ...base,
        spanId: '0000000000000001',
        service: 'a',
        resource: { 'service.name': 'a', ip: '10.0.0.1', 'host.ip': ['10.0.0.2'], hostname: 'box-a', 'host.name': 'node-a' },
        host: '10.0.0.2',
      },
      {
        ...base,
        spanId: '0000000000000002',
        service: 'b',
        resource: { 'service.name': 'b', ip: '10.0.0.3', 'host.ip': ['10.0.0.4'], hostname: 'box-b' },
        host: '10.0.0.4',
      },
      {
        ...base,
        spanId: '0000000000000003',
        service: 'c',
        resource: { 'service.name': 'c', ip: '10.0.0.5', 'host.ip': ['10.0.0.7', 'fe80::1'] },
        host: '10.0.0.7 fe80::1',
      },
      {
        ...base,
        spanId: '0000000000000004',
        service: 'd',
        resource: { 'service.name': 'd', 'host.name': '', ip: '10.0.0.9' },
        host: '10.0.0.9',
      },
    ]);
  });
});

describe('otlp decoder: garbage', () => {
  it('skips what is not a span, keeps spans with bad ids as written, and says so', () => {
    const name = 'garbage-spans.json';
    const records = readFixture(name).flatMap(frame);
    // The framer hands over resourceSpans[0] (null) too; accepts turns it down.
    expect(records.map((r) => otlpDecoder.accepts(r.record, r.hint))).toStrictEqual([false, true]);
    const decoded = otlpDecoder.decode(records[1]?.record, { file: name });
    const file = name;
    expect(decoded.warnings).toStrictEqual([
      { code: 'skipped-record', message: 'scopeSpans[0] is null, not an object: skipped', file },
      { code: 'skipped-span', message: 'scopeSpans[1].spans is "not a list", not an array: skipped', file },
      { code: 'skipped-span', message: 'OTLP span is null, not an object: skipped', file },
      { code: 'skipped-span', message: 'OTLP span is 42, not an object: skipped', file },
      { code: 'skipped-span', message: 'OTLP span is an array, not an object: skipped', file },
      { code: 'skipped-span', message: 'OTLP span without a spanId: skipped', file, traceId: TRACE },
      { code: 'skipped-span', message: 'OTLP span without a traceId: skipped', file, spanId: '00f067aa0ba902b7' },
      { code: 'skipped-span', message: 'OTLP span without a traceId: skipped', file, spanId: '00f067aa0ba902b7' },
      {
        code: 'invalid-id',
        message: 'invalid traceId "Not-A-Trace-Id!": kept as written',
        file,
        traceId: 'not-a-trace-id!',
        spanId: 'zz',
      },
      { code: 'invalid-id', message: 'invalid spanId "zz": kept as written', file, traceId: 'not-a-trace-id!', spanId: 'zz' },
      {
        code: 'invalid-id',
        message: 'invalid parentSpanId "parent?": kept as written',
        file,
        traceId: 'not-a-trace-id!',
        spanId: 'zz',
      },
      {
        code: 'invalid-id',
        message: 'invalid parentSpanId 17: span treated as a root',
        file,
        traceId: TRACE,
        spanId: '53995c3f42cd8ad8',
      },
    ]);
    const base = {
      refs: [],
      service: 'garbage',
      kind: 'unspecified',
      startNs: 1_700_000_000_000_000_000n,
      durationNs: 1000,
      timing: 'exact',
      status: 'unset',
      attributes: {},
      resource: { 'service.name': 'garbage' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decoded.spans).toStrictEqual([
      { ...base, traceId: 'not-a-trace-id!', spanId: 'zz', parentId: 'parent?', parentType: 'child_of', operation: 'bad ids kept', flags: ['invalid-id'] },
      { ...base, traceId: TRACE, spanId: '53995c3f42cd8ad8', operation: '', flags: ['invalid-id'] },
    ]);
  });

  it('reports a non-object ResourceSpans when it decodes the whole document', () => {
    const [doc] = readFixture('garbage-spans.json');
    const { warnings } = otlpDecoder.decode(doc, { file: 'g.json' });
    expect(warnings[0]).toStrictEqual({
      code: 'skipped-record',
      message: 'resourceSpans[0] is null, not an OTLP ResourceSpans: skipped',
      file: 'g.json',
    });
  });
});
