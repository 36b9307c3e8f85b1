import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJobSpans, type JobResult, type RecordJob } from '../../src/input/decode-records.js';
import { KINDS, STATUSES, TIMINGS, type LeanAttributes, type LeanSpan } from '../../src/model/lean-span.js';
import type { Span } from '../../src/model/span.js';

/**
 * The fast Zipkin reader with attributes on (what `why` counts, byte-runs.ts readByteRunAttributes)
 * must give, for every span it takes, exactly what `why` counts of the Span the ordinary path makes
 * (JSON.parse and decodeV2Span): service, operation, kind, status, timing, duration, and the
 * attribute and resource records, keys in their order, values of their type. Spans it does not
 * take go the ordinary way, with the same warnings, counts and errors.
 */

interface Counted {
  readonly service: string;
  readonly operation: string;
  readonly kind: string;
  readonly status: string;
  readonly timing: string;
  readonly durationNs: number;
  readonly attributes: [string, unknown][];
  readonly resource: [string, unknown][];
}

/** What AttributeTally.add reads of a Span, attributes in its `for...in` order. */
function ofSpan(span: Span): Counted {
  const entries = (record: Readonly<Record<string, unknown>>): [string, unknown][] => {
    const out: [string, unknown][] = [];
    for (const key in record) if (Object.hasOwn(record, key)) out.push([key, record[key]]);
    return out;
  };
  const { service, operation, kind, status, timing, durationNs } = span;
  return { service, operation, kind, status, timing, durationNs, attributes: entries(span.attributes), resource: entries(span.resource) };
}

function ofLean(span: LeanSpan, a: LeanAttributes): Counted {
  return {
    service: span.service,
    operation: span.operation,
    kind: KINDS[span.kind]!,
    status: STATUSES[span.status]!,
    timing: TIMINGS[span.timing]!,
    durationNs: span.durationNs,
    attributes: a.keys.slice(0, a.count).map((k, i) => [k, a.values[i]]),
    resource: a.resourceKeys.slice(0, a.resourceCount).map((k, i) => [k, a.resourceValues[i]]),
  };
}

/** A run of the records as the framer hands it on in bytes (a 0 byte after it), each record's line and column. */
function job(texts: readonly string[], fastRuns = true): RecordJob {
  const sep = ',\n';
  const elements: number[] = [];
  texts.forEach((_, i) => elements.push(i + 1, 1));
  const utf8 = Buffer.from(texts.join(sep), 'utf8');
  const bytes = new Uint8Array(utf8.length + 1);
  bytes.set(utf8);
  return { seq: 0, name: 'spans.json', format: undefined, fastRuns, hints: ['element'], places: [1, 1], cuts: [null], runs: [elements], bytes: [bytes], texts: [''] };
}

/** Reads the records both ways, checks they agree, and says how many the fast reader took. */
function both(texts: readonly string[]): { fast: number; spans: number } {
  const ordinary: Counted[] = [];
  const slow = decodeJobSpans(job(texts), (s) => void ordinary.push(ofSpan(s)));
  const read: Counted[] = [];
  let took = 0;
  const fast = decodeJobSpans(
    job(texts),
    (s) => void read.push(ofSpan(s)),
    (s, a) => {
      took++;
      read.push(ofLean(s, a));
    },
  );
  const rest = (r: JobResult): unknown => ({ ...r, fast: undefined, slow: undefined });
  if (slow.error !== undefined) {
    expect(fast.error).toBe(slow.error);
    return { fast: took, spans: 0 };
  }
  expect(rest(fast)).toEqual(rest(slow));
  expect(read).toEqual(ordinary);
  expect(fast.fast).toBe(took);
  return { fast: took, spans: ordinary.length };
}

const SPAN = {
  traceId: '9555e66a49b6f7123a8c3a39b5775cb7',
  id: 'fc777c4d89074dd3',
  kind: 'SERVER',
  name: 'post /review',
  timestamp: 1700000801911742,
  duration: 86770,
  localEndpoint: { serviceName: 'frontend', ipv4: '10.0.63.39' },
  tags: { 'request.id': '59ee0f595004' },
};
const withSpan = (patch: Record<string, unknown>): string => JSON.stringify({ ...SPAN, ...patch });
const TS = 1700000801911742;

describe('the fast Zipkin reader with attributes', () => {
  it.each([
    ['a span as Zipkin writes it', withSpan({})],
    ['tags that are numbers and booleans', withSpan({ tags: { 'http.status_code': 200, ratio: 0.25, big: 1e21, neg: -0, exp: 12.5e3, ok: true, cached: false } })],
    ['status tags', withSpan({ tags: { error: 'boom', 'otel.status_code': 'ERROR', 'otel.status_description': 'timed out', x: '1' } })],
    ['a bare error tag', withSpan({ tags: { error: '' } })],
    ['the remote endpoint', withSpan({ kind: 'CLIENT', remoteEndpoint: { serviceName: 'db', ipv4: '10.0.0.2', port: 5432 } })],
    ['a remote endpoint with IPv6 only, an empty name, a bad port', withSpan({ remoteEndpoint: { serviceName: '', ipv4: '', ipv6: '::2', port: 70000 } })],
    ['remote ports of every kind', withSpan({ remoteEndpoint: { port: 80.0 } }), withSpan({ remoteEndpoint: { port: 8e1 } })],
    ['a remote port that is text, or negative', withSpan({ remoteEndpoint: { port: '80' } }), withSpan({ remoteEndpoint: { port: -1 } })],
    ['a remote endpoint that is no object', withSpan({ remoteEndpoint: 'db' }), withSpan({ remoteEndpoint: null })],
    ['a tag named like a peer attribute', withSpan({ remoteEndpoint: { serviceName: 'db', port: 1 }, tags: { a: 'x', 'peer.service': 'mine', 'net.peer.port': 'p' } })],
    ['the local port and address', withSpan({ localEndpoint: { serviceName: 'api', ipv6: 'fe80::1', port: 8080 } })],
    ['a local endpoint with empty fields', withSpan({ localEndpoint: { serviceName: '', ipv4: '', ipv6: '', port: 0 } })],
    ['no local endpoint fields', withSpan({ localEndpoint: {} })],
    ['shared spans', withSpan({ shared: true }), withSpan({ kind: 'CLIENT', shared: true })],
    ['keys of every kind', withSpan({ tags: { '': 'empty', __proto__x: 1, 'ünï': 'cödé ☃', 'a"b': 'q\\"uote', long: 'x'.repeat(200) } })],
    ['a key "__proto__"', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"a":"1","__proto__":"p","b":"2"}}'],
    ['a key with an escape', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"k\\u0065y":"v\\n"}}'],
    ['keys that start with a digit', withSpan({ tags: { b: '1', '2': 'two', '10': 'ten', '1a': 'x' } })],
    ['a tag key repeated', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"a":"1","b":"2","a":"3"}}'],
    ['tags null, a list or text', withSpan({ tags: null }), withSpan({ tags: ['x'] }), withSpan({ tags: 'x' })],
    ['a tag that is null, a list or an object', withSpan({ tags: { a: null } }), withSpan({ tags: { a: [1] } }), withSpan({ tags: { a: { b: 1 } } })],
    ['an error tag that is not text', withSpan({ tags: { error: true } }), withSpan({ tags: { error: null } })],
    ['no duration', withSpan({ duration: 0 }), withSpan({ duration: undefined })],
    ['no timestamp', withSpan({ timestamp: undefined, annotations: [{ timestamp: TS, value: 'sr' }, { timestamp: TS + 5, value: 'ss' }] })],
    ['kinds', withSpan({ kind: 'PRODUCER' }), withSpan({ kind: 'x' }), withSpan({ kind: undefined })],
    ['a v1 span', JSON.stringify({ traceId: '9555e66a49b6f712', id: 'fc777c4d89074dd3', name: 'get', timestamp: TS, duration: 5, annotations: [{ timestamp: TS, value: 'sr', endpoint: { serviceName: 'api', ipv4: '10.0.0.1' } }], binaryAnnotations: [{ key: 'http.path', value: '/x', endpoint: { serviceName: 'api' } }] })],
  ])('agrees on %s', (_what, ...texts: string[]) => {
    for (const text of texts) {
      both([text]);
      both([withSpan({}), text, withSpan({ id: 'c469be0016cab6a4' })]);
    }
  });

  it('takes the spans Zipkin writes, numbers, booleans, peers and ports among them', () => {
    const taken = both([
      withSpan({}),
      withSpan({ tags: { 'http.status_code': 503, retry: true } }),
      withSpan({ remoteEndpoint: { serviceName: 'db', ipv4: '10.0.0.2', port: 5432 }, localEndpoint: { serviceName: 'api', ipv4: '10.0.0.1', port: 8080 } }),
      withSpan({ tags: { error: 'boom', 'a.b': 'ü' } }),
    ]);
    expect(taken).toEqual({ fast: 4, spans: 4 });
  });

  it('reports malformed JSON where the ordinary path does', () => {
    both([withSpan({}), '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"a":tru}}', withSpan({})]);
    both([withSpan({}), '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"a":1.}}', withSpan({})]);
  });

  it('agrees on generated spans with tags and endpoints of every kind', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'true', 'ERROR', 'x'.repeat(70)));
    const key = fc.oneof(text, fc.constantFrom('error', 'otel.status_code', 'peer.service', 'net.peer.ip', 'net.peer.port', '__proto__', '0', '7', 'constructor'));
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
    const value = fc.oneof(scalar, scalar, fc.constant(null), fc.array(fc.integer(), { maxLength: 1 }));
    const port = fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('80'));
    const endpoint = fc.oneof(fc.record({ serviceName: fc.oneof(text, fc.integer()), ipv4: text, ipv6: text, port }, { requiredKeys: [] }), fc.constant(null));
    const span = fc.record(
      {
        traceId: fc.constant(SPAN.traceId),
        id: fc.constant(SPAN.id),
        name: text,
        kind: fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', ''),
        timestamp: fc.constant(TS),
        duration: fc.nat({ max: 10 ** 9 }),
        localEndpoint: fc.record({ serviceName: text, ipv4: text, port }, { requiredKeys: [] }),
        remoteEndpoint: endpoint,
        tags: fc.dictionary(key, value, { maxKeys: 5 }),
        shared: fc.boolean(),
      },
      { requiredKeys: ['traceId', 'id', 'timestamp'] },
    );
    let fast = 0;
    fc.assert(
      fc.property(fc.array(span, { minLength: 1, maxLength: 5 }), (spans) => {
        fast += both(spans.map((s) => JSON.stringify(s))).fast;
      }),
      { numRuns: 400 },
    );
    expect(fast).toBeGreaterThan(200);
  });
});
