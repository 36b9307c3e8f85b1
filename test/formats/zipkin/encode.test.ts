import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LossTally } from '../../../src/formats/encode/losses.js';
import { encodeZipkinTrace, zipkinEncoder } from '../../../src/formats/zipkin/encode.js';
import { zipkinDecoder } from '../../../src/formats/zipkin/decoder.js';
import type { Span } from '../../../src/model/span.js';
import { encodeAll, readGroups } from '../../helpers/convert.js';
import { BASE_NS, makeSpan } from '../../helpers/make-span.js';
import { fixture } from '../../helpers/cli.js';

const TRACE = 'aaaaaaaaaaaaaaaa';

function encode(spans: Span[], losses = new LossTally()) {
  return encodeZipkinTrace({ traceId: TRACE, spans }, losses);
}

function decode(spans: Span[]): Span[] {
  return zipkinDecoder.decode(JSON.parse(JSON.stringify(encode(spans))), { file: 't' }).spans;
}

function lossCounts(losses: LossTally): [string, number][] {
  return losses.entries().map((e) => [e.code, e.count]);
}

describe('zipkin encoder: one span', () => {
  // An OTLP client span: Zipkin has fields for its kind, times, both endpoints and its status.
  const span = makeSpan({
    id: '2',
    parent: '1',
    start: 0,
    dur: 0,
    service: 'frontend',
    operation: 'POST /pay',
    kind: 'client',
    status: 'error',
    statusMessage: 'timeout',
    startNs: BASE_NS + 10_000_400n,
    durationNs: 59_999_900,
    attributes: { 'peer.service': 'payments', 'net.peer.ip': '10.0.0.2', 'net.peer.port': 8443, retries: 2, 'otel.scope.name': 'shop' },
    resource: { 'service.name': 'frontend', 'host.ip': ['10.0.0.1'], 'host.port': 8080, 'k8s.pod.name': 'web-1' },
    events: [
      { timeNs: BASE_NS + 11_000_000n, name: 'retry', attributes: { attempt: 1 } },
      { timeNs: BASE_NS + 12_000_000n, name: 'sent', attributes: {} },
    ],
  });

  it('writes kind, whole microseconds, both endpoints, annotations and string tags with the error message', () => {
    const losses = new LossTally();
    expect(encode([span], losses)).toEqual([
      {
        traceId: TRACE,
        id: '0000000000000002',
        parentId: '0000000000000001',
        name: 'POST /pay',
        kind: 'CLIENT',
        // start 10.0004 ms → 10000 µs; end 70.0003 ms → 70000 µs
        timestamp: 1_700_000_000_010_000,
        duration: 60_000,
        localEndpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 },
        remoteEndpoint: { serviceName: 'payments', ipv4: '10.0.0.2', port: 8443 },
        annotations: [
          { timestamp: 1_700_000_000_011_000, value: '"retry": {"attempt":1}' },
          { timestamp: 1_700_000_000_012_000, value: 'sent' },
        ],
        tags: { retries: '2', 'otel.scope.name': 'shop', error: 'timeout' },
      },
    ]);
    expect(lossCounts(losses)).toEqual([
      ['event-attributes', 1],
      ['resource-attributes', 1],
      ['sub-microsecond', 1],
      ['typed-attributes', 1],
    ]);
  });

  it('reads back as the same kind, status, message, peer and address', () => {
    expect(decode([span])[0]).toMatchObject({
      kind: 'client',
      status: 'error',
      statusMessage: 'timeout',
      startNs: BASE_NS + 10_000_000n,
      durationNs: 60_000_000,
      host: '10.0.0.1',
      attributes: { 'peer.service': 'payments', 'net.peer.ip': '10.0.0.2', 'net.peer.port': 8443, retries: '2', error: 'timeout' },
    });
  });
});

describe('zipkin encoder: durations', () => {
  it('rounds a sub-microsecond span up to 1 µs and cannot say "exactly 0"', () => {
    const tiny = makeSpan({ id: '1', start: 0, dur: 0, durationNs: 300 });
    const zero = makeSpan({ id: '2', start: 0, dur: 0 });
    const open = makeSpan({ id: '3', start: 0, dur: 0, timing: 'no-duration' });
    const losses = new LossTally();
    const [a, b, c] = encode([tiny, zero, open], losses);
    expect([a!.duration, b!.duration, c!.duration]).toEqual([1, undefined, undefined]);
    expect(losses.get('zero-duration')).toBe(1);
    expect(decode([tiny, zero, open]).map((s) => [s.durationNs, s.timing])).toEqual([
      [1000, 'exact'],
      [0, 'no-duration'],
      [0, 'no-duration'],
    ]);
  });

  it('writes no timestamp for a span without time', () => {
    const [span] = encode([makeSpan({ id: '1', start: 0, dur: 2, timing: 'missing', startNs: 0n } as never)]);
    expect(span).not.toHaveProperty('timestamp');
    expect(span!.duration).toBe(2000);
  });
});

describe('zipkin encoder: what Zipkin has no field for', () => {
  it('writes a FOLLOWS_FROM parent as a plain parent, drops links and the kind "unspecified", and counts them', () => {
    const span = makeSpan({
      id: '2',
      parent: '1',
      start: 0,
      dur: 1,
      kind: 'unspecified',
      parentType: 'follows_from',
      host: 'worker-7',
      refs: [{ type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '00000000000000b1' }],
    });
    const losses = new LossTally();
    const [out] = encode([span], losses);
    expect(out).toMatchObject({ parentId: '0000000000000001', localEndpoint: { serviceName: 'svc' } });
    expect(out).not.toHaveProperty('kind');
    expect(lossCounts(losses)).toEqual([
      ['follows-from-parent', 1],
      ['host-name', 1],
      ['kind-unspecified', 1],
      ['links', 1],
    ]);
  });

  it('drops Jaeger error=false (Zipkin reads any error tag as failure) and says OK with otel.status_code', () => {
    const notFailed = makeSpan({ id: '1', start: 0, dur: 1, format: 'jaeger', attributes: { error: false, 'span.kind': 'internal' } });
    const ok = makeSpan({ id: '2', start: 0, dur: 1, status: 'ok' });
    const losses = new LossTally();
    const [a, b] = encode([notFailed, ok], losses);
    expect(a).not.toHaveProperty('tags');
    expect(b!.tags).toEqual({ 'otel.status_code': 'OK' });
    expect(losses.entries()).toEqual([]);
    expect(decode([notFailed, ok]).map((s) => s.status)).toEqual(['unset', 'ok']);
  });

  it('marks the server half of a client/server pair read from another format as shared', () => {
    const client = makeSpan({ id: '2', parent: '1', start: 0, dur: 10, kind: 'client', format: 'jaeger' });
    const server = makeSpan({ id: '2', parent: '1', start: 1, dur: 8, kind: 'server', format: 'jaeger', service: 'backend' });
    const [c, s] = encode([client, server]);
    expect(c).not.toHaveProperty('shared');
    expect(s!.shared).toBe(true);
  });
});

describe('zipkin encoder: a Zipkin dump', () => {
  it('is written back span for span (a list of traces around the original span list)', async () => {
    const original = JSON.parse(readFileSync(fixture('convert/rich.zipkin.json'), 'utf8')) as unknown[];
    const encoder = zipkinEncoder();
    const written = JSON.parse(encodeAll(encoder, await readGroups(readFileSync(fixture('convert/rich.zipkin.json'))))) as unknown[][];
    expect(written).toEqual([original]);
    expect(encoder.losses.entries()).toEqual([]);
  });

  it('is an empty list when there is nothing to write', () => {
    expect(encodeAll(zipkinEncoder(), [])).toBe('[]\n');
  });
});
