/**
 * The OTLP decoder over the real dumps in ../shared/real-traces/otlp and ../shared/real-traces/tempo
 * (never copied into the project). Records are framed the way the input layer frames them; the span
 * and trace counts are those of SOURCES.md, and a few facts per file are checked exactly.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import type { TraceWarning } from '../../src/model/warnings.js';
import type { FramedRecord } from '../formats/otlp/frame.js';
import { decodeAccepted, frame } from '../formats/otlp/frame.js';
import { REAL as REAL_DIR } from '../helpers/real-dumps.js';

const REAL = pathToFileURL(REAL_DIR);

interface RealDecode {
  readonly spans: Span[];
  readonly warnings: TraceWarning[];
  readonly rejected: FramedRecord[];
  readonly traceIds: Set<string>;
  /** The one span with this id (fails when there is none or several). */
  one(spanId: string): Span;
}

function decodeReal(path: string): RealDecode {
  const text = readFileSync(new URL(path, REAL), 'utf8');
  const docs: unknown[] = path.endsWith('.jsonl')
    ? text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown)
    : [JSON.parse(text)];
  const { spans, warnings, rejected } = decodeAccepted(docs.flatMap(frame), path);
  return {
    spans,
    warnings,
    rejected,
    traceIds: new Set(spans.map((s) => s.traceId)),
    one(spanId: string): Span {
      const found = spans.filter((s) => s.spanId === spanId);
      expect(found).toHaveLength(1);
      return found[0] as Span;
    },
  };
}


/** The counts of SOURCES.md, and that every record was ours and decoded without a word. */
function expectCounts(d: RealDecode, spans: number, traces: number): void {
  expect(d.spans).toHaveLength(spans);
  expect(d.traceIds.size).toBe(traces);
  expect(d.warnings).toStrictEqual([]);
  for (const s of d.spans) expect(s.format).toBe('otlp');
}

const F1 = 'otlp/jaeger-ui__otlp2jaeger-in-error.json';
describe(F1, () => {
  it('has 1 span, no service.name: unknown_service, an absent parent kept', () => {
    const d = decodeReal(F1);
    expectCounts(d, 1, 1);
    const s = d.one('e127af99e3b3e074');
    expect(s.service).toBe('unknown_service');
    expect(s.resource).toStrictEqual({});
    expect(s.parentId).toBe('909541b92cf05311');
    expect(s.kind).toBe('server');
    expect(s.durationNs).toBe(123_000);
    expect(s.attributes).toStrictEqual({
      'net.peer.ip': '1.2.3.4',
      'peer.service': 'telemetrygen-client',
      'otel.scope.name': 'telemetrygen',
    });
  });
});

const F2 = 'otlp/jaeger-ui__otlp2jaeger-multi-in-combined.json';
describe(F2, () => {
  it('has 4 spans in 1 trace; parentSpanId "" is a root', () => {
    const d = decodeReal(F2);
    expectCounts(d, 4, 1);
    expect(new Set(d.spans.map((s) => s.service))).toStrictEqual(new Set(['example-trace']));
    expect(d.one('26f5ef9dbb885479').parentId).toBe('49b8e9efa1e8a3b1');
    expect(d.one('26f5ef9dbb885479').durationNs).toBe(46_460_625);
    const roots = d.spans.filter((s) => s.parentId === undefined);
    expect(roots.map((s) => s.spanId)).toStrictEqual(['eff3153be6b1fb93']);
  });
});

const F3 = 'otlp/jaeger__apiv3_GetTrace.json';
describe(F3, () => {
  it('unwraps {"result":...}; status code 2 is an error; no times at all', () => {
    const d = decodeReal(F3);
    expectCounts(d, 1, 1);
    expect(d.spans[0]).toStrictEqual({
      traceId: '0000000000000001',
      spanId: '0000000000000002',
      refs: [],
      service: 'unknown_service',
      operation: 'foobar',
      kind: 'server',
      startNs: 0n,
      durationNs: 0,
      timing: 'missing',
      status: 'error',
      attributes: {},
      resource: {},
      events: [],
      format: 'otlp',
    });
  });
});

const F4 = 'otlp/jaeger__link_attributes_trace.json';
describe(F4, () => {
  it('keeps span links with their attributes as link refs', () => {
    const d = decodeReal(F4);
    expectCounts(d, 1, 1);
    const s = d.one('0000000000000004');
    expect(s.service).toBe('query25-service');
    expect(s.durationNs).toBe(2000);
    expect(s.refs).toStrictEqual([
      {
        type: 'link',
        traceId: '00000000000000ff',
        spanId: '00000000000000ff',
        attributes: {
          'opentracing.ref_type': 'child_of',
          sameplacelinkattribute1: 'sameplacevalue',
          sameplacelinkattribute2: 123,
          sameplacelinkattribute4: true,
          sameplacelinkattribute3: 72.5,
          linkblob: 'AAAwOQ==', // bytesValue stays base64
        },
      },
      { type: 'link', traceId: '0000000000000001', spanId: '0000000000000002', attributes: { 'opentracing.ref_type': 'child_of' } },
      { type: 'link', traceId: '0000000000000001', spanId: '0000000000000002', attributes: { 'opentracing.ref_type': 'follows_from' } },
    ]);
  });
});

const F5 = 'otlp/jaeger__otlp2jaeger-in.json';
describe(F5, () => {
  it('keeps both spans that share a span id (the assembler decides about duplicates)', () => {
    const d = decodeReal(F5);
    expectCounts(d, 2, 1);
    expect(d.spans.map((s) => s.spanId)).toStrictEqual(['e127af99e3b3e074', 'e127af99e3b3e074']);
    expect(d.spans[0]?.service).toBe('telemetrygen');
  });
});

const F6 = 'otlp/opentelemetry-proto__trace.json';
describe(F6, () => {
  it('lower-cases the UPPERCASE hex ids of the official example', () => {
    const d = decodeReal(F6);
    expectCounts(d, 1, 1);
    const s = d.one('eee19b7ec3c1b174');
    expect(s.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(s.parentId).toBe('eee19b7ec3c1b173');
    expect(s.service).toBe('my.service');
    expect(s.startNs).toBe(1_544_712_660_000_000_000n);
    expect(s.durationNs).toBe(1_000_000_000);
    expect(s.attributes).toStrictEqual({
      'my.span.attr': 'some value',
      'otel.scope.name': 'my.library',
      'otel.scope.version': '1.0.0',
    });
  });
});

const F7 = 'otlp/otel-tui__test_data.filtered.jsonl';
describe(F7, () => {
  it('reads the 41 resourceSpans lines (547 spans, 141 traces) and leaves 22 logs/metrics lines to the framer', () => {
    const d = decodeReal(F7);
    expectCounts(d, 547, 141);
    const kinds = d.rejected.map((r) => Object.keys(r.record as object).join(','));
    expect(kinds.filter((k) => k === 'resourceLogs')).toHaveLength(16);
    expect(kinds.filter((k) => k === 'resourceMetrics')).toHaveLength(6);
    expect(kinds).toHaveLength(22);
    expect(new Set(d.spans.map((s) => s.service)).size).toBe(8);
    expect(d.spans.filter((s) => s.status === 'error')).toHaveLength(107);
  });

  it('keeps status messages, exception events (without reading them as status), links and hosts', () => {
    const d = decodeReal(F7);
    const cart = d.one('bf5dec14bef76c62');
    expect(cart.traceId).toBe('3fad8731d6cc2f1859c4bf61cdb09885');
    expect(cart.service).toBe('checkoutservice');
    expect(cart.operation).toBe('oteldemo.CartService/GetCart');
    expect(cart.status).toBe('error');
    expect(cart.statusMessage).toBe(
      'connection error: desc = "transport: Error while dialing: dial tcp: lookup cartservice on 127.0.0.11:53: server misbehaving"',
    );
    expect(cart.host).toBe('9b6c169f9e6b');

    const withException = d.one('84479f1032d979d7');
    expect(withException.service).toBe('frontend');
    expect(withException.events.map((e) => e.name)).toStrictEqual(['exception']);
    expect(withException.host).toBe('b1ebc66777d5');

    expect(d.one('f4b2e6a7f857c40c').refs).toStrictEqual([
      { type: 'link', traceId: '4621b4e54f744cfa75e786f8e5979f04', spanId: '0105bc1ddba97760' },
    ]);

    const flagSync = d.one('c0840114fe7c0667');
    expect(flagSync.service).toBe('flagd');
    expect(flagSync.parentId).toBeUndefined();
    expect(flagSync.durationNs).toBe(3_214_907);
  });
});

const F8 = 'otlp/tempo__trace-with-expired-edges.json';
describe(F8, () => {
  it('decodes base64 ids and string enums', () => {
    const d = decodeReal(F8);
    expectCounts(d, 5, 1);
    const root = d.one('da06579e57787587');
    expect(root.traceId).toBe('4290b5877a9930de79bb428365398ecc');
    expect(root.kind).toBe('server');
    expect(root.status).toBe('ok');
    expect(root.parentId).toBeUndefined();
    const client = d.one('d606579e57787587');
    expect(client.parentId).toBe('da06579e57787587');
    expect(client.kind).toBe('client');
    expect(new Set(d.spans.map((s) => s.service))).toStrictEqual(new Set(['mythical-server', 'mythical-requester']));
  });
});

const F9 = 'otlp/tempo__trace-with-failed-requests.json';
describe(F9, () => {
  it('has 3 errors from STATUS_CODE_ERROR, one with the database message', () => {
    const d = decodeReal(F9);
    expectCounts(d, 15, 1);
    expect(d.spans.filter((s) => s.status === 'error')).toHaveLength(3);
    const query = d.one('c1ae6cea39a8fc4b');
    expect(query.operation).toBe('pg.query:INSERT');
    expect(query.service).toBe('mythical-server');
    expect(query.parentId).toBe('2898383ecfa1a421');
    expect(query.status).toBe('error');
    expect(query.statusMessage).toBe('null value in column "name" of relation "illithid" violates not-null constraint');
    const requester = d.one('9007fea484554ad7');
    expect(requester.status).toBe('error');
    expect(requester.statusMessage).toBeUndefined();
    expect(requester.host).toBe('1.2.3.4'); // resource `ip`
  });
});

const F10 = 'otlp/tempo__trace-with-queue-database.json';
describe(F10, () => {
  it('has 19 spans over 3 services with producer and consumer kinds', () => {
    const d = decodeReal(F10);
    expectCounts(d, 19, 1);
    expect(new Set(d.spans.map((s) => s.service))).toStrictEqual(
      new Set(['mythical-requester', 'mythical-server', 'mythical-recorder']),
    );
    const kinds = new Set(d.spans.map((s) => s.kind));
    expect(kinds.has('producer') && kinds.has('consumer')).toBe(true);
    expect(d.one('9992968897f3c846').parentId).toBe('d606579e57787587');
    expect(d.spans.filter((s) => s.status === 'error')).toHaveLength(0);
  });
});

const F11 = 'otlp/tempo__trace-with-virtual-nodes.json';
describe(F11, () => {
  it('has 3 spans in 2 traces', () => {
    const d = decodeReal(F11);
    expectCounts(d, 3, 2);
    const consumer = d.one('4d9b38bfb7504f8d');
    expect(consumer.traceId).toBe('ab4a390ad2fe3b8534404c9f7223a390');
    expect(consumer.service).toBe('internal-consumer');
    expect(consumer.kind).toBe('consumer');
  });
});

const F12 = 'otlp/tempo__vulture_trace.json';
describe(F12, () => {
  it('has 6 spans with events and no kind', () => {
    const d = decodeReal(F12);
    expectCounts(d, 6, 1);
    const root = d.one('4b23de25d1fb6641');
    expect(root.traceId).toBe('3149195ffb0bec05347b48efe8ecc1b0');
    expect(root.service).toBe('tempo-vulture');
    expect(root.kind).toBe('unspecified');
    expect(root.events).toHaveLength(4);
    expect(root.durationNs).toBe(92_000);
    expect(root.resource['vulture-process-int-01']).toBe(164005);
    expect(d.one('3ef58fd67f3c3c44').parentId).toBe('4b23de25d1fb6641');
  });
});

const F13 = 'tempo/tempo__tempopb_trace.json';
describe(F13, () => {
  it('reads a top-level "batches" response', () => {
    const d = decodeReal(F13);
    expectCounts(d, 1, 1);
    const s = d.one('eee19b7ec3c1b174');
    expect(s.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(s.service).toBe('my.service');
    expect(s.kind).toBe('server');
  });
});

const F14 = 'tempo/tempo__test-sample.json';
describe(F14, () => {
  it('reads batches + instrumentationLibrarySpans + base64 ids: 17 spans in 2 traces over 3 services', () => {
    const d = decodeReal(F14);
    expectCounts(d, 17, 2);
    expect(new Set(d.spans.map((s) => s.service))).toStrictEqual(new Set(['lb', 'app', 'db']));
    // AAAAAAAAAABbdZuWJO/uiw== is a 128-bit id with a zero high half: shortened to 64 bits.
    const root = d.one('5b759b9624efee8b');
    expect(root.traceId).toBe('5b759b9624efee8b');
    expect(root.operation).toBe('HTTP Client');
    expect(root.host).toBe('loadgen-6b59dff4c-jdkdk');
    const post = d.one('779657a681b89947');
    expect(post.parentId).toBe('5b759b9624efee8b');
    expect(post.kind).toBe('client');
    expect(post.status).toBe('error');
    expect(post.events).toHaveLength(10);
    expect(d.spans.filter((s) => s.status === 'error')).toHaveLength(1);
  });
});
