/**
 * The Zipkin decoder over the real dumps in ../shared/real-traces/zipkin-v1 and zipkin-v2 (never
 * copied into the project). Each file is framed the way the input layer frames it; the trace, span
 * and service counts of its SOURCES.md row are checked, then a few exact facts per file.
 *
 * SOURCES.md counts spans as written. A v1 span holding both the client and the server side of an
 * RPC (the benchmark span-rpc files) is decoded into two spans with one id, so there the decoded
 * span and service counts are one higher, on purpose.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zipkinDecoder } from '../../src/formats/zipkin/decoder.js';
import type { Span } from '../../src/model/span.js';
import type { TraceWarning } from '../../src/model/warnings.js';
import { frame } from '../formats/zipkin/decode-fixture.js';
import { EXPECTED_DUMPS, REAL } from '../helpers/real-dumps.js';

const ROOT = pathToFileURL(REAL);

interface Decoded {
  spans: Span[];
  warnings: TraceWarning[];
  /** Span objects as written in the file. */
  records: number;
}

function decodeReal(path: string): Decoded {
  const value: unknown = JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
  const spans: Span[] = [];
  const warnings: TraceWarning[] = [];
  const framed = frame(value);
  for (const { record, hint } of framed) {
    expect(zipkinDecoder.accepts(record, hint)).toBe(true);
    const decoded = zipkinDecoder.decode(record, { file: path });
    spans.push(...decoded.spans);
    warnings.push(...decoded.warnings);
  }
  return { spans, warnings, records: framed.length };
}

interface Counts {
  traces: number;
  spans: number;
  /** Named services (spans without one are `unknown_service`, which SOURCES.md does not count). */
  services: number;
}

function counts(spans: readonly Span[]): Counts {
  const services = new Set(spans.map((s) => s.service));
  services.delete('unknown_service');
  return { traces: new Set(spans.map((s) => s.traceId)).size, spans: spans.length, services: services.size };
}

function only(spans: readonly Span[], predicate: (s: Span) => boolean): Span {
  const found = spans.filter(predicate);
  if (found.length !== 1) throw new Error(`expected one span, found ${found.length}`);
  return found[0] as Span;
}

const bySpanId = (id: string, kind?: Span['kind']) => (s: Span) => s.spanId === id && (kind === undefined || s.kind === kind);

function timingCounts(spans: readonly Span[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of spans) out[s.timing] = (out[s.timing] ?? 0) + 1;
  return out;
}

interface Row {
  readonly path: string;
  /** The file's row in SOURCES.md. */
  readonly sources: Counts;
  /** What the decoder yields when it differs from SOURCES.md (v1 client+server split). */
  readonly decoded?: Counts;
  readonly warnings: readonly TraceWarning['code'][];
  /** statusMessage of every error span, in order ('-' for none given). */
  readonly errors: readonly string[];
  readonly timing: Record<string, number>;
  readonly check: (spans: Span[], warnings: TraceWarning[]) => void;
}

const ROWS: readonly Row[] = [
  {
    path: 'zipkin-v1/opentelemetry-collector__zipkin_v1_error_batch.json',
    sources: { traces: 1, spans: 2, services: 1 },
    warnings: ['invalid-id'],
    errors: [],
    timing: { derived: 1, exact: 1 },
    check: (spans, warnings) => {
      expect(only(spans, bySpanId('f9ebb6e64880612a')).parentId).toBe('badid');
      expect(warnings[0]?.message).toBe('parent id "BADID" is not a hex id: kept as given');
      // a server side without span timestamp: timed by sr→ss, shared by v1 convention
      expect(only(spans, bySpanId('0ed2e63cbe71f5a8'))).toMatchObject({
        kind: 'server',
        service: 'service1',
        startNs: 1_544_805_927_448_081_000n,
        durationNs: 12_021_000,
        shared: true,
        events: [{ timeNs: 1_544_805_927_450_000_000n, name: 'custom time event', attributes: {} }],
      });
    },
  },
  {
    path: 'zipkin-v1/opentelemetry-collector__zipkin_v1_local_component.json',
    sources: { traces: 1, spans: 2, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 2 },
    check: (spans) => {
      expect(spans.map((s) => [s.kind, s.service, s.attributes])).toEqual([
        ['internal', 'unknown_service', { lc: 'myLocalComponent' }],
        ['internal', 'myServiceName', { lc: 'myLocalComponent' }],
      ]);
    },
  },
  {
    path: 'zipkin-v1/opentelemetry-collector__zipkin_v1_multiple_batches.json',
    sources: { traces: 1, spans: 5, services: 3 },
    warnings: [],
    errors: [],
    timing: { derived: 2, exact: 3 },
    check: (spans) => {
      expect(only(spans, bySpanId('f9ebb6e64880612a', 'server'))).toMatchObject({
        service: 'service2',
        parentId: '0ed2e63cbe71f5a8',
        timing: 'derived',
        durationNs: 2_833_000,
        shared: true,
        attributes: { 'http.url': 'http://localhost:9000/trace/2', 'http.status_code': '200', success: 'true', processed: '1.5' },
      });
      expect(only(spans, bySpanId('0ed2e63cbe71f5a8', 'client'))).toMatchObject({ service: 'front-proxy', timing: 'exact', durationNs: 12_956_000 });
    },
  },
  {
    path: 'zipkin-v1/opentelemetry-collector__zipkin_v1_single_batch.json',
    sources: { traces: 1, spans: 5, services: 3 },
    warnings: [],
    errors: [],
    timing: { derived: 2, exact: 3 },
    check: (spans) => {
      expect(spans.map((s) => `${s.service}/${s.kind}`)).toEqual([
        'service1/server',
        'service1/client',
        'front-proxy/client',
        'service2/server',
        'unknown_service/internal',
      ]);
    },
  },
  {
    path: 'zipkin-v1/opentelemetry-collector__zipkin_v2_notimestamp.json',
    sources: { traces: 1, spans: 1, services: 1 },
    warnings: [],
    errors: [],
    timing: { derived: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({
        service: 'baz',
        kind: 'server',
        parentId: '62a165c66951ced3',
        startNs: 1_615_821_510_040_000_000n,
        durationNs: 1_000_000,
        host: '10.254.85.134',
        resource: { 'service.name': 'baz', 'host.ip': '10.254.85.134', 'host.port': 8080 },
      });
    },
  },
  {
    path: 'zipkin-v1/zipkin__benchmarks_span-client.json',
    sources: { traces: 1, spans: 1, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({
        traceId: '4d1e00c0db9010db86154a4ba6e91385',
        kind: 'client',
        service: 'frontend',
        attributes: {
          'peer.service': 'backend',
          'net.peer.ip': '192.168.99.101',
          'net.peer.port': 9000,
          'clnt/finagle.version': '6.45.0',
          'http.path': '/api',
        },
      });
      expect(spans[0]?.events.map((e) => e.name)).toEqual(['foo', 'bar']);
    },
  },
  {
    path: 'zipkin-v1/zipkin__benchmarks_span-local.json',
    sources: { traces: 1, spans: 1, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({ kind: 'internal', service: 'zipkin-server', attributes: { lc: 'JDBCSpanStore' }, durationNs: 15_495_000 });
    },
  },
  {
    path: 'zipkin-v1/zipkin__benchmarks_span-rpc-ipv6.json',
    sources: { traces: 1, spans: 1, services: 1 },
    decoded: { traces: 1, spans: 2, services: 2 },
    warnings: [],
    errors: [],
    timing: { exact: 1, derived: 1 },
    check: (spans) => {
      expect(only(spans, bySpanId('d673d7abe80d2f3f', 'client'))).toMatchObject({ service: 'zipkin-web', host: '2001:db8::c001', durationNs: 51_000_000 });
      expect(only(spans, bySpanId('d673d7abe80d2f3f', 'server'))).toMatchObject({
        service: 'zipkin-query',
        host: '2001:db8::c002',
        startNs: 1_461_750_491_298_000_000n,
        durationNs: 4_000_000,
        shared: true,
      });
    },
  },
  {
    path: 'zipkin-v1/zipkin__benchmarks_span-rpc.json',
    sources: { traces: 1, spans: 1, services: 1 },
    decoded: { traces: 1, spans: 2, services: 2 },
    warnings: [],
    errors: [],
    timing: { exact: 1, derived: 1 },
    check: (spans) => {
      const client = only(spans, bySpanId('d673d7abe80d2f3f', 'client'));
      expect(client).toMatchObject({ service: 'zipkin-web', parentId: '83c138a4ee0f3de9', attributes: { 'peer.service': 'zipkin-query' } });
      expect(client.events.map((e) => e.name)).toEqual(['ws', 'wr']);
      expect(only(spans, bySpanId('d673d7abe80d2f3f', 'server')).attributes).toEqual({
        'net.peer.ip': '172.18.0.3',
        'net.peer.port': 42291,
        'http.path': '/api/v1/traces',
        'srv/finagle.version': '6.34.0',
      });
    },
  },
  {
    path: 'zipkin-v2/grafana__zipkin_mocks_mockJsonResponse.json',
    sources: { traces: 1, spans: 3, services: 2 },
    warnings: [],
    errors: [],
    timing: { exact: 3 },
    check: (spans) => {
      expect(only(spans, bySpanId('8608dc6ce5cafe8e', 'server'))).toMatchObject({ service: 'backend', shared: true });
      expect(only(spans, bySpanId('8608dc6ce5cafe8e', 'client')).shared).toBeUndefined();
      expect(only(spans, bySpanId('efe9cb8857f68c8f')).parentId).toBeUndefined();
    },
  },
  {
    path: 'zipkin-v2/jaeger__zipkin_v1_merged_spans.json',
    sources: { traces: 1, spans: 2, services: 1 },
    warnings: ['suspect-timestamp'],
    errors: [],
    timing: { exact: 2 },
    check: (spans, warnings) => {
      expect(warnings[0]).toMatchObject({ spanId: '4ed11df465275600', message: 'annotation "ss" timestamp 163307324868981 µs is not a plausible epoch time' });
      expect(spans[1]?.events.map((e) => e.name)).toEqual(['cs', 'sr', 'cr', 'ss']);
    },
  },
  {
    path: 'zipkin-v2/jaeger__zipkin_v2_01.json',
    sources: { traces: 1, spans: 1, services: 1 },
    warnings: ['suspect-timestamp', 'suspect-timestamp'],
    errors: [],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({
        traceId: 'bd7a974555f6b982bd71977555f6b981',
        spanId: '0000000000000002',
        parentId: '0000000000000001',
        startNs: 1_000n,
        attributes: { 'peer.service': 'bar', 'net.peer.ip': '10.43.17.43', foo: 'bar' },
      });
      // `shared` marks a server half: on a CLIENT it is dropped, as zipkin-lens's clean() does.
      expect(spans[0]!.shared).toBeUndefined();
    },
  },
  {
    path: 'zipkin-v2/jaeger__zipkin_v2_03.json',
    sources: { traces: 1, spans: 1, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({ parentId: '0c26551047c72d19', kind: 'producer', service: 'schemas-service', attributes: { 'peer.service': 'kafka' } });
    },
  },
  {
    path: 'zipkin-v2/opentelemetry-collector-contrib__zipkinreceiver_sample3.json',
    sources: { traces: 1, spans: 1, services: 0 },
    warnings: [],
    errors: ['Something failed'],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({ service: 'unknown_service', host: '7::0.128.128.127', resource: { 'host.ip': '7::0.128.128.127' } });
    },
  },
  {
    path: 'zipkin-v2/opentelemetry-collector-contrib__zipkinreceiver_sample4.json',
    sources: { traces: 1, spans: 1, services: 0 },
    warnings: [],
    errors: ['Non-basic error message'],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]?.attributes).toMatchObject({ 'net.peer.ip': '192.168.99.101', 'net.peer.port': 9000 });
    },
  },
  {
    path: 'zipkin-v2/opentelemetry-collector__zipkinreceiver_sample1.json',
    sources: { traces: 1, spans: 9, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 9 },
    check: (spans) => {
      expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(['4d1e00c0db9010db86154a4ba6e91385']));
    },
  },
  {
    path: 'zipkin-v2/zipkin__ascend.json',
    sources: { traces: 1, spans: 8, services: 3 },
    warnings: [],
    errors: [],
    timing: { exact: 8 },
    check: (spans) => {
      expect(spans.filter((s) => s.shared).map((s) => s.spanId)).toEqual(['ecc00062ceef4bf0', '52b1ab4956917c39']);
    },
  },
  {
    path: 'zipkin-v2/zipkin__envoy.json',
    sources: { traces: 1, spans: 1, services: 0 },
    warnings: [],
    errors: [],
    timing: { exact: 1 },
    check: (spans) => {
      expect(spans[0]).toMatchObject({ service: 'unknown_service', host: '169.254.65.45', shared: true, kind: 'server' });
    },
  },
  {
    path: 'zipkin-v2/zipkin__malformed.json',
    sources: { traces: 1, spans: 7, services: 1 },
    warnings: [],
    errors: [],
    timing: { 'no-duration': 4, exact: 3 },
    check: (spans) => {
      expect(spans.filter((s) => s.timing === 'no-duration').map((s) => s.operation)).toEqual([
        'kong.header_filter',
        'kong.body_filter',
        'kong.rewrite',
        'kong.balancer',
      ]);
    },
  },
  {
    path: 'zipkin-v2/zipkin__messaging-kafka.json',
    sources: { traces: 1, spans: 28, services: 2 },
    warnings: [],
    errors: ['some error', 'some error', '-'],
    timing: { exact: 28 },
    check: (spans) => {
      expect(spans.filter((s) => s.kind === 'producer')).toHaveLength(9);
      expect(spans.filter((s) => s.kind === 'consumer')).toHaveLength(7);
    },
  },
  {
    path: 'zipkin-v2/zipkin__messaging.json',
    sources: { traces: 1, spans: 4, services: 2 },
    warnings: [],
    errors: [],
    timing: { exact: 4 },
    check: (spans) => {
      expect(only(spans, bySpanId('e457b5a2e4d86bd1'))).toMatchObject({ kind: 'consumer', parentId: '05e3ac9a4f6e3b90', attributes: { 'peer.service': 'rabbitmq' } });
    },
  },
  {
    path: 'zipkin-v2/zipkin__messaging2.json',
    sources: { traces: 1, spans: 11, services: 4 },
    warnings: [],
    errors: [],
    timing: { exact: 11 },
    check: (spans) => {
      expect(spans.filter((s) => s.parentId === undefined).map((s) => s.spanId)).toEqual(['0d1a94ebc9256244']);
    },
  },
  {
    path: 'zipkin-v2/zipkin__netflix.json',
    sources: { traces: 1, spans: 8, services: 3 },
    warnings: [],
    errors: [],
    timing: { 'no-duration': 3, exact: 5 },
    check: (spans) => {
      expect(only(spans, bySpanId('8f6bc3f30fa5b0bf')).events.map((e) => e.name)).toEqual(['EVCACHE_G', 'salp.hystrix']);
    },
  },
  {
    path: 'zipkin-v2/zipkin__simple-db-p6.json',
    sources: { traces: 1, spans: 5, services: 1 },
    warnings: [],
    errors: [],
    timing: { exact: 5 },
    check: (spans) => {
      expect(spans.map((s) => s.service)).toEqual(Array(5).fill('bootifulmeters'));
    },
  },
  {
    path: 'zipkin-v2/zipkin__skew.json',
    sources: { traces: 1, spans: 4, services: 2 },
    warnings: [],
    errors: [],
    timing: { exact: 4 },
    check: (spans) => {
      // the skew itself: the shared server half starts before its client half
      const server = only(spans, bySpanId('74280ae0c10d8062', 'server'));
      const client = only(spans, bySpanId('74280ae0c10d8062', 'client'));
      expect(server.startNs < client.startNs).toBe(true);
    },
  },
  {
    path: 'zipkin-v2/zipkin__smartthings-mobile-web-install.json',
    sources: { traces: 1, spans: 1041, services: 16 },
    warnings: [],
    errors: ['404', '404'],
    timing: { missing: 84, exact: 866, 'no-duration': 91 },
    check: (spans) => {
      expect(spans.filter((s) => s.shared)).toHaveLength(294);
      // a span known only by a late report (no timestamp, no annotations): placed nowhere yet
      expect(only(spans, (s) => s.spanId === 'a0dc23f22c4fee3f' && s.timing === 'missing')).toMatchObject({
        service: 'platformapi',
        kind: 'internal',
        startNs: 0n,
        durationNs: 0,
      });
    },
  },
  {
    path: 'zipkin-v2/zipkin__smartthings-oauth-authorization.json',
    sources: { traces: 1, spans: 175, services: 8 },
    warnings: [],
    errors: ['401', '401'],
    timing: { exact: 156, 'no-duration': 19 },
    check: (spans) => {
      expect(spans.filter((s) => s.shared)).toHaveLength(45);
    },
  },
  {
    path: 'zipkin-v2/zipkin__yelp.json',
    sources: { traces: 1, spans: 16, services: 6 },
    warnings: [],
    errors: [],
    timing: { exact: 16 },
    check: (spans) => {
      expect(spans.filter((s) => s.events.length > 0).map((s) => [s.spanId, s.kind, s.events.map((e) => e.name)])).toEqual([
        ['668ed78ad94b35a1', 'server', ['py_zipkin.logging_end']],
      ]);
    },
  },
];

describe('zipkin decoder on real dumps', () => {
  it.each(ROWS.map((row) => [row.path, row] as const))('%s', (_path, row) => {
    const { spans, warnings, records } = decodeReal(row.path);
    expect(records).toBe(row.sources.spans);
    expect(counts(spans)).toEqual(row.decoded ?? row.sources);
    expect(warnings.map((w) => w.code)).toEqual(row.warnings);
    expect(spans.filter((s) => s.status === 'error').map((s) => s.statusMessage ?? '-')).toEqual(row.errors);
    expect(timingCounts(spans)).toEqual(row.timing);
    for (const s of spans) expect(s.format).toBe('zipkin');
    row.check(spans, warnings);
  });

  it('covers every listed dump in zipkin-v1 and zipkin-v2', () => {
    const files = EXPECTED_DUMPS.filter((f) => f.startsWith('zipkin-v1/') || f.startsWith('zipkin-v2/'));
    expect(ROWS.map((r) => r.path).sort()).toEqual([...files].sort());
  });
});
