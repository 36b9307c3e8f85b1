import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import type { Span } from '../../../src/model/span.js';
import { decodeAccepted, decodeFixture, frame, readFixture } from './frame.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('otlp decoder: documents and wrappers', () => {
  it('reads the pre-0.15 instrumentationLibrarySpans with its library name and version', () => {
    expect(decodeFixture('instrumentation-library-spans.json')).toStrictEqual({
      spans: [
        {
          traceId: TRACE,
          spanId: '00f067aa0ba902b7',
          refs: [],
          service: 'lb',
          operation: 'HTTP Client',
          kind: 'client',
          startNs: 1_626_717_505_784_699_000n,
          durationNs: 49_175_000,
          timing: 'exact',
          status: 'unset',
          attributes: { 'otel.scope.name': 'jaeger-go', 'otel.scope.version': '2.22.1' },
          resource: { 'service.name': 'lb' },
          events: [],
          format: 'otlp',
        },
      ],
      warnings: [],
    });
  });

  it('reads scopeSpans only when a sender double-publishes instrumentationLibrarySpans', () => {
    const { spans, warnings } = decodeFixture('double-published-scope-spans.json');
    expect(warnings).toStrictEqual([]);
    expect(spans).toStrictEqual([
      {
        traceId: TRACE,
        spanId: '00f067aa0ba902b7',
        refs: [],
        service: 'bridge',
        operation: 'once',
        kind: 'unspecified',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 1000,
        timing: 'exact',
        status: 'unset',
        attributes: { 'otel.scope.name': 'new-name' },
        resource: { 'service.name': 'bridge' },
        events: [],
        format: 'otlp',
      },
    ]);
  });

  it('falls back to instrumentationLibrarySpans when scopeSpans is an empty array', () => {
    const [old] = readFixture('instrumentation-library-spans.json') as [{ resourceSpans: Record<string, unknown>[] }];
    const record = { ...old.resourceSpans[0], scopeSpans: [] };
    const { spans, warnings } = otlpDecoder.decode(record, { file: 'x.json' });
    expect(warnings).toStrictEqual([]);
    expect(spans.map((s) => [s.operation, s.attributes])).toStrictEqual([
      ['HTTP Client', { 'otel.scope.name': 'jaeger-go', 'otel.scope.version': '2.22.1' }],
    ]);
  });

  it('reads every ResourceSpans of a Tempo v1 `batches` response', () => {
    const common = { traceId: TRACE, refs: [], timing: 'exact', status: 'unset', attributes: {}, events: [], format: 'otlp' } as const;
    expect(decodeFixture('tempo-batches.json')).toStrictEqual({
      spans: [
        {
          ...common,
          spanId: '00f067aa0ba902b7',
          service: 'frontend',
          operation: 'GET /',
          kind: 'server',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 100_000_000,
          resource: { 'service.name': 'frontend' },
        },
        {
          ...common,
          spanId: '53995c3f42cd8ad8',
          parentId: '00f067aa0ba902b7',
          parentType: 'child_of',
          service: 'backend',
          operation: 'load',
          kind: 'internal',
          startNs: 1_700_000_000_020_000_000n,
          durationNs: 60_000_000,
          resource: { 'service.name': 'backend' },
        },
      ],
      warnings: [],
    });
  });

  it('reads the Jaeger api_v3 {"result":{...}} wrapper', () => {
    expect(decodeFixture('apiv3-result-wrapper.json')).toStrictEqual({
      spans: [
        {
          traceId: '0000000000000001',
          spanId: '0000000000000002',
          refs: [],
          service: 'api',
          operation: 'foobar',
          kind: 'server',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 500_000,
          timing: 'exact',
          status: 'unset',
          attributes: {},
          resource: { 'service.name': 'api' },
          events: [],
          format: 'otlp',
        },
      ],
      warnings: [],
    });
  });

  it('reads the Tempo v2 {"trace":{...},"status":...} wrapper', () => {
    expect(decodeFixture('tempo-v2-trace-wrapper.json')).toStrictEqual({
      spans: [
        {
          traceId: TRACE,
          spanId: '00f067aa0ba902b7',
          refs: [],
          service: 'shop',
          operation: 'GET /cart',
          kind: 'server',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 3_000_000,
          timing: 'exact',
          status: 'ok',
          attributes: {},
          resource: { 'service.name': 'shop' },
          events: [],
          format: 'otlp',
        },
      ],
      warnings: [],
    });
  });

  it('reads the resourceSpans lines of a Collector file export and leaves logs and metrics lines alone', () => {
    const records = readFixture('collector-export.jsonl').flatMap(frame);
    const { spans, warnings, rejected } = decodeAccepted(records, 'collector-export.jsonl');
    expect(rejected.map((r) => Object.keys(r.record as object))).toStrictEqual([['resourceLogs'], ['resourceMetrics']]);
    expect(warnings).toStrictEqual([]);
    //   GET /api/cart  |==============================|   0 .. 30 ms   frontend
    //   GetCart             |====================|        5 .. 25 ms   cart (error)
    const expected: Span[] = [
      {
        traceId: TRACE,
        spanId: '00f067aa0ba902b7',
        refs: [],
        service: 'frontend',
        operation: 'GET /api/cart',
        kind: 'server',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 30_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: { 'otel.scope.name': '@opentelemetry/instrumentation-http', 'otel.scope.version': '0.45.1' },
        resource: { 'service.name': 'frontend' },
        events: [],
        format: 'otlp',
      },
      {
        traceId: TRACE,
        spanId: '53995c3f42cd8ad8',
        parentId: '00f067aa0ba902b7',
        parentType: 'child_of',
        refs: [],
        service: 'cart',
        operation: 'GetCart',
        kind: 'server',
        startNs: 1_700_000_000_005_000_000n,
        durationNs: 20_000_000,
        timing: 'exact',
        status: 'error',
        statusMessage: 'redis timeout',
        attributes: { 'otel.scope.name': 'cart' },
        resource: { 'service.name': 'cart' },
        events: [],
        format: 'otlp',
      },
    ];
    expect(spans).toStrictEqual(expected);
  });

  it('warns non-trace-record when a logs or metrics line is decoded anyway (forced format)', () => {
    const [, logsLine, , metricsLine] = readFixture('collector-export.jsonl');
    expect(otlpDecoder.decode(logsLine, { file: 'x.jsonl' })).toStrictEqual({
      spans: [],
      warnings: [{ code: 'non-trace-record', message: 'OTLP resourceLogs record: skipped', file: 'x.jsonl' }],
    });
    expect(otlpDecoder.decode(metricsLine, { file: 'x.jsonl' })).toStrictEqual({
      spans: [],
      warnings: [{ code: 'non-trace-record', message: 'OTLP resourceMetrics record: skipped', file: 'x.jsonl' }],
    });
  });

  it('warns skipped-record for values that are not OTLP at all', () => {
    for (const record of [null, 'text', 7, [], { traceID: 'abc', spans: [] }]) {
      expect(otlpDecoder.decode(record, { file: 'f.json' })).toStrictEqual({
        spans: [],
        warnings: [{ code: 'skipped-record', message: 'not an OTLP traces record: skipped', file: 'f.json' }],
      });
    }
  });

  it.each([
    'scope-spans-hex.json',
    'base64-ids.json',
    'instrumentation-library-spans.json',
    'tempo-batches.json',
    'apiv3-result-wrapper.json',
    'tempo-v2-trace-wrapper.json',
    'garbage-spans.json',
    'links.json',
  ])('decodes the whole document %s exactly as its framed records', (name) => {
    const [doc] = readFixture(name);
    const framed = decodeAccepted(frame(doc), name);
    const whole = otlpDecoder.decode(doc, { file: name });
    expect(whole.spans).toStrictEqual(framed.spans);
    // A record the framer hands to no decoder is reported by the decoder only when it sees the document.
    expect(whole.warnings.filter((w) => !w.message.startsWith('resourceSpans['))).toStrictEqual(framed.warnings);
    expect(whole.spans.length).toBeGreaterThan(0);
  });

  it('decodes resourceSpans and batches side by side, and an array inside each wrapper', () => {
    const [tempo] = readFixture('tempo-batches.json') as [{ batches: unknown[] }];
    const [hex] = readFixture('scope-spans-hex.json') as [{ resourceSpans: unknown[] }];
    const doc = { resourceSpans: hex.resourceSpans, batches: tempo.batches, result: { resourceSpans: hex.resourceSpans } };
    const { spans, warnings } = otlpDecoder.decode(doc, { file: 'mix.json' });
    expect(warnings).toStrictEqual([]);
    expect(spans.map((s) => `${s.service}/${s.operation}`)).toStrictEqual([
      'checkout/POST /checkout',
      'checkout/charge',
      'frontend/GET /',
      'backend/load',
      'checkout/POST /checkout',
      'checkout/charge',
    ]);
  });
});
