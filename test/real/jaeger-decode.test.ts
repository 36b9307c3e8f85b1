/**
 * The Jaeger decoder over the real dumps in ../shared/real-traces/jaeger (never copied into the
 * project): each file is framed the way the input layer frames it, and the span, trace and service
 * counts of SOURCES.md are checked together with a few exact facts per file.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jaegerDecoder } from '../../src/formats/jaeger/decoder.js';
import type { Span } from '../../src/model/span.js';
import type { TraceWarning } from '../../src/model/warnings.js';
import { frame } from '../formats/jaeger/helpers.js';
import { REAL } from '../helpers/real-dumps.js';

const ROOT = pathToFileURL(REAL);

function decodeReal(name: string): { spans: Span[]; warnings: TraceWarning[] } {
  const value: unknown = JSON.parse(readFileSync(new URL(`jaeger/${name}`, ROOT), 'utf8'));
  const spans: Span[] = [];
  const warnings: TraceWarning[] = [];
  for (const { record, hint } of frame(value)) {
    expect(jaegerDecoder.accepts(record, hint)).toBe(true);
    const decoded = jaegerDecoder.decode(record, { file: name });
    spans.push(...decoded.spans);
    warnings.push(...decoded.warnings);
  }
  return { spans, warnings };
}

function counts(spans: readonly Span[]): { traces: number; spans: number; services: number } {
  return {
    traces: new Set(spans.map((s) => s.traceId)).size,
    spans: spans.length,
    services: new Set(spans.map((s) => s.service)).size,
  };
}

function byId(spans: readonly Span[], spanId: string): Span {
  const found = spans.find((s) => s.spanId === spanId);
  if (!found) throw new Error(`no span ${spanId}`);
  return found;
}

describe('jaeger decoder on real dumps', () => {
  it('grafana__jaeger_mockJsonResponse.json: query API envelope, process tags hostname/ip', () => {
    const { spans, warnings } = decodeReal('grafana__jaeger_mockJsonResponse.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 2, services: 1 });
    expect(warnings).toEqual([]);
    const child = byId(spans, '620c647812563b5a');
    expect(child).toMatchObject({
      service: 'loki-all',
      operation: 'CAS loop',
      parentId: '2ee9739529395e31',
      parentType: 'child_of',
      kind: 'client',
      host: '07bb841e14c3',
      startNs: 1_616_095_319_593_344_000n,
      durationNs: 738_000,
    });
    expect(child.resource).toEqual({
      'jaeger.version': 'Go-2.25.0',
      hostname: '07bb841e14c3',
      ip: '172.26.0.2',
      'client-uuid': '44344b1d17f4ce30',
    });
    expect(byId(spans, '2ee9739529395e31').attributes['sampler.param']).toBe(true);
  });

  it('jaeger-ui__flamegraph_testTrace.json: UI-internal shape, inline processes, embedded reference spans ignored', () => {
    const { spans, warnings } = decodeReal('jaeger-ui__flamegraph_testTrace.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 4, services: 2 });
    expect(warnings).toEqual([]);
    expect(byId(spans, '487f03177ef9cf89')).toMatchObject({ service: 'load-generator', operation: 'OrderVehicle', refs: [] });
    expect(byId(spans, '487f03177ef9cf89').parentId).toBeUndefined();
    expect(byId(spans, '3d4670fa91902216')).toMatchObject({
      traceId: '84b3fad94c6112edd6af3347d06f6f1d',
      service: 'ride-sharing-app',
      operation: 'BikeHandler',
      kind: 'server',
      parentId: 'd81ccf159d71bc66',
    });
  });

  it('jaeger-ui__oltp2jaeger-multi-out.json: data[] trace whose spans embed their parents', () => {
    const { spans, warnings } = decodeReal('jaeger-ui__oltp2jaeger-multi-out.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 4, services: 1 });
    expect(warnings).toEqual([]);
    expect(byId(spans, '49b8e9efa1e8a3b1')).toMatchObject({
      service: 'example-trace',
      operation: 'info',
      kind: 'internal',
      parentId: 'eff3153be6b1fb93',
      startNs: 1_711_138_246_943_000_000n,
      durationNs: 173_150_000,
    });
    expect(byId(spans, '49b8e9efa1e8a3b1').resource['telemetry.sdk.language']).toBe('nodejs');
  });

  it('jaeger-ui__spansAmongEachOther.json: bare trace, 31-char trace id, 15-char span id', () => {
    const { spans, warnings } = decodeReal('jaeger-ui__spansAmongEachOther.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 12, services: 2 });
    expect(warnings).toEqual([]);
    expect(spans[0]?.traceId).toBe('0df84e36b9e2ee3815d07f0867a5be1f');
    expect(byId(spans, '0a68c6983a6d81a2')).toMatchObject({
      service: 'customers-service',
      operation: 'HikariProxyPreparedStatement.executeQuery',
      parentId: '6f9bbe751e5fd944',
    });
    expect(byId(spans, '9afcdf2e24e8d70a')).toMatchObject({ service: 'api-gateway', kind: 'server' });
    expect(byId(spans, '9afcdf2e24e8d70a').parentId).toBeUndefined();
  });

  it('jaeger__anonymizer_trace_success.json: bare span array, error tag bool-typed "true" string', () => {
    const { spans, warnings } = decodeReal('jaeger__anonymizer_trace_success.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 2, services: 2 });
    expect(warnings).toEqual([]);
    expect(byId(spans, '7bd66f09ba90ea3d')).toMatchObject({
      service: '3c220036602f839e',
      kind: 'client',
      status: 'error',
      parentId: '7606ddfe69932d34',
      attributes: { 'span.kind': 'client', error: true },
    });
    expect(byId(spans, '7606ddfe69932d34')).toMatchObject({ status: 'unset', parentId: '492770a15935810f' });
    expect(spans.filter((s) => s.status === 'error')).toHaveLength(1);
  });

  it('jaeger__apiv2-protojson__example_trace.json: base64 ids, RFC 3339 times, "100000ns" durations', () => {
    const { spans, warnings } = decodeReal('jaeger__apiv2-protojson__example_trace.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 5, services: 3 });
    expect(warnings).toEqual([]);
    expect(byId(spans, '0000000000000003')).toMatchObject({
      traceId: '0000000000000011',
      service: 'example-service-1',
      operation: 'example-operation-1',
      startNs: 1_485_449_191_639_875_000n,
      durationNs: 100_000,
      timing: 'exact',
    });
    expect(byId(spans, '0000000000000003').events).toEqual([
      { timeNs: 1_485_449_191_639_875_000n, name: 'log', attributes: {} },
      { timeNs: 1_485_449_191_639_875_000n, name: 'log', attributes: {} },
    ]);
    expect(byId(spans, '0000000000000006')).toMatchObject({ kind: 'server', attributes: { 'span.kind': 'server' } });
    expect(spans.every((s) => s.parentId === undefined)).toBe(true);
  });

  it('jaeger__otlp2jaeger-out.json: two spans sharing one spanID are both decoded', () => {
    const { spans, warnings } = decodeReal('jaeger__otlp2jaeger-out.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 2, services: 1 });
    expect(warnings).toEqual([]);
    expect(spans.map((s) => s.spanId)).toEqual(['e127af99e3b3e074', 'e127af99e3b3e074']);
    expect(spans[0]).toMatchObject({ service: 'telemetrygen', kind: 'server', parentId: '909541b92cf05311' });
  });

  it('jaeger__ui_01.json: duplicate id, FOLLOWS_FROM, cross-trace reference, typed tags, logs', () => {
    const { spans, warnings } = decodeReal('jaeger__ui_01.json');
    expect(counts(spans)).toEqual({ traces: 1, spans: 5, services: 2 });
    expect(warnings).toEqual([]);
    expect(spans.filter((s) => s.status === 'error').map((s) => s.operation)).toEqual(['some-operation']);
    expect(spans[1]?.attributes).toEqual({
      'peer.service': 'service-y',
      'peer.ipv4': 23456,
      error: true,
      temperature: 72.5,
      javascript_limit: '9223372036854775222',
      blob: 'AAAwOQ==',
    });
    expect(byId(spans, '0000000000000004')).toMatchObject({
      service: 'service-y',
      parentId: '0000000000000002',
      parentType: 'child_of',
      refs: [
        { type: 'child_of', traceId: '00000000000000ff', spanId: '00000000000000ff' },
        { type: 'follows_from', traceId: '0000000000000001', spanId: '0000000000000002' },
      ],
    });
    expect(spans[0]?.events.map((e) => e.name)).toEqual(['some-event', 'log']);
  });
});
