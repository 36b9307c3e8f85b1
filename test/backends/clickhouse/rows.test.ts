import { describe, expect, it } from 'vitest';
import { rowToSpan } from '../../../src/backends/clickhouse/row-to-span.js';
import { ClickHouseLosses, dateTime64, spanToRow } from '../../../src/backends/clickhouse/span-to-row.js';
import { BASE_NS, makeSpan } from '../../helpers/make-span.js';

describe('a span as a row of the exporter table', () => {
  it('is written as the current exporter writes it', () => {
    const losses = new ClickHouseLosses();
    const span = makeSpan({
      id: 'b',
      parent: 'a',
      start: 1.5,
      dur: 2,
      kind: 'server',
      status: 'error',
      statusMessage: 'boom',
      service: 'payments',
      attributes: { 'http.status_code': 503, retried: true, tags: ['a', 'b'], text: 'x' },
      resource: { 'host.name': 'h1' },
      events: [{ timeNs: BASE_NS + 2_000_000n, name: 'exception', attributes: { 'exception.type': 'E' } }],
      refs: [{ type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '00000000000000c1', attributes: { why: 'batch' } }],
    });
    expect(spanToRow(span, losses)).toEqual({
      Timestamp: '2023-11-14 22:13:20.001500000',
      TraceId: '0000000000000000aaaaaaaaaaaaaaaa',
      SpanId: '000000000000000b',
      ParentSpanId: '000000000000000a',
      TraceState: '',
      SpanName: 'op-b',
      SpanKind: 'Server',
      ServiceName: 'payments',
      ResourceAttributes: { 'host.name': 'h1' },
      SpanAttributes: { 'http.status_code': '503', retried: 'true', tags: '["a","b"]', text: 'x' },
      Duration: '2000000',
      StatusCode: 'Error',
      StatusMessage: 'boom',
      'Events.Timestamp': ['2023-11-14 22:13:20.002000000'],
      'Events.Name': ['exception'],
      'Events.Attributes': [{ 'exception.type': 'E' }],
      'Links.TraceId': ['0000000000000000bbbbbbbbbbbbbbbb'],
      'Links.SpanId': ['00000000000000c1'],
      'Links.TraceState': [''],
      'Links.Attributes': [{ why: 'batch' }],
    });
    expect(losses.entries().map((l) => l.message)).toEqual([
      '2 attribute values that were numbers or booleans written as text (the table keeps text)',
      '1 attribute value that were arrays or maps written as JSON text',
    ]);
  });

  it('leaves out a span with no time, and writes one without a duration as 0 ns, saying so', () => {
    const losses = new ClickHouseLosses();
    expect(spanToRow(makeSpan({ id: '1', start: 0, dur: 0, timing: 'missing', startNs: 0n }), losses)).toBeUndefined();
    expect(spanToRow(makeSpan({ id: '2', start: 0, dur: 5, timing: 'no-duration' }), losses)).toMatchObject({ Duration: '0' });
    expect(losses.entries().map((l) => l.code)).toEqual(['no-duration', 'no-timestamp']);
  });

  it('writes times to the nanosecond, before 1970 too', () => {
    expect([1_700_000_000_000_000_001n, 0n, -1n, -1_500_000_000n].map(dateTime64)).toEqual([
      '2023-11-14 22:13:20.000000001',
      '1970-01-01 00:00:00.000000000',
      '1969-12-31 23:59:59.999999999',
      '1969-12-31 23:59:58.500000000',
    ]);
  });
});

describe('a fetched row as a span', () => {
  it('reads as the same span from an OTLP dump would', () => {
    const span = rowToSpan({
      trace_id: '0000000000000000AAAAAAAAAAAAAAAA',
      span_id: '000000000000000b',
      parent_id: '',
      name: 'GET /',
      kind: 'SPAN_KIND_SERVER',
      service: '',
      resource: { 'host.name': 'h1' },
      attributes: { 'http.status_code': '503' },
      duration_ns: '2000000',
      status: 'STATUS_CODE_ERROR',
      status_message: '',
      start_ns: '1700000000001500000',
      event_ns: ['1700000000002000000'],
      event_names: ['exception'],
      event_attributes: [{ 'exception.type': 'E' }],
      link_trace_ids: ['5b8efff798038103d269b633813fc60c'],
      link_span_ids: ['00000000000000c1'],
      link_attributes: [{}],
    });
    expect(span).toEqual({
      traceId: 'aaaaaaaaaaaaaaaa',
      spanId: '000000000000000b',
      refs: [{ type: 'link', traceId: '5b8efff798038103d269b633813fc60c', spanId: '00000000000000c1' }],
      service: 'unknown_service',
      operation: 'GET /',
      kind: 'server',
      startNs: 1_700_000_000_001_500_000n,
      durationNs: 2_000_000,
      timing: 'exact',
      status: 'error',
      attributes: { 'http.status_code': '503' },
      resource: { 'host.name': 'h1' },
      events: [{ timeNs: 1_700_000_000_002_000_000n, name: 'exception', attributes: { 'exception.type': 'E' } }],
      host: 'h1',
      format: 'otlp',
    });
    expect(rowToSpan({ trace_id: 'a', span_id: 'b', parent_id: 'c', kind: 'Consumer', status: 'Ok', start_ns: '1', duration_ns: '-5' })).toMatchObject({
      parentId: '000000000000000c',
      kind: 'consumer',
      status: 'ok',
      durationNs: 0,
    });
  });
});
