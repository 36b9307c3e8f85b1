import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';
import { decodeFixture, jspan } from './helpers.js';

const FILE = 'unknown-process.json';

describe('jaeger decoder: processes that cannot be found', () => {
  const base = { traceId: '0000000000000f01', startNs: 1_700_000_000_000_000_000n, durationNs: 10_000 };

  it('uses unknown_service and warns for a dangling processID or no process at all', () => {
    const { spans, warnings } = decodeFixture(FILE);
    expect(spans).toStrictEqual([
      jspan({ ...base, spanId: '0000000000000001', service: 'unknown_service', operation: 'dangling-processID' }),
      jspan({ ...base, spanId: '0000000000000002', service: 'unknown_service', operation: 'no-process-at-all' }),
      jspan({ ...base, spanId: '0000000000000003', service: 'unknown_service', operation: 'prototype-key' }),
      jspan({
        ...base,
        spanId: '0000000000000004',
        service: 'unknown_service',
        operation: 'process-without-name',
        resource: { hostname: 'h2' },
        host: 'h2',
      }),
      jspan({ ...base, spanId: '0000000000000005', service: 'known-svc', operation: 'known' }),
    ]);
    const w = (spanId: string, why: string) => ({
      code: 'invalid-id',
      message: `span ${spanId}: service is unknown_service because ${why}`,
      traceId: '0000000000000f01',
      spanId,
      file: FILE,
    });
    expect(warnings).toStrictEqual([
      w('0000000000000001', `processID "p9" is not in the trace's processes`),
      w('0000000000000002', 'it has neither a processID nor a process'),
      w('0000000000000003', `processID "constructor" is not in the trace's processes`),
    ]);
  });
});

describe('jaeger decoder: garbage span entries', () => {
  it('skips what is not a span, keeps what it can, and says so', () => {
    const file = 'garbage-spans.json';
    const { spans, warnings } = decodeFixture(file);
    const base = { traceId: '00000000000000b1', service: 'garbage', startNs: 1_700_000_000_000_000_000n, durationNs: 1_000 };
    expect(spans).toStrictEqual([
      jspan({ ...base, spanId: '0000000000000001', operation: 'traceID from the trace' }),
      jspan({ ...base, spanId: 'not-a-span-id!', operation: 'invalid spanID kept', flags: ['invalid-id'] }),
      jspan({
        ...base,
        spanId: '0000000000000002',
        parentId: '0000000000000001', // the reference without traceID points into the span's own trace
        parentType: 'child_of',
        operation: 'garbage inside',
        events: [{ timeNs: base.startNs, name: 'no timestamp', attributes: { event: 'no timestamp' } }],
        flags: ['suspect-timestamp', 'invalid-id'],
      }),
    ]);
    const t = '00000000000000b1';
    expect(warnings).toStrictEqual([
      { code: 'skipped-span', message: 'span #0 is null, not a span object', file },
      { code: 'skipped-span', message: 'span #1 is a number, not a span object', file },
      { code: 'skipped-span', message: 'span #2 is a string, not a span object', file },
      { code: 'skipped-span', message: 'span #3 is an array, not a span object', file },
      { code: 'skipped-span', message: 'span #4 has no spanID', traceId: t, file },
      {
        code: 'invalid-id',
        message: 'spanID "not-a-span-id!" is not a hex or base64 span id; kept as given',
        traceId: t,
        file,
      },
      {
        code: 'skipped-record',
        message: 'span 0000000000000002: log #0 is not an object; dropped',
        traceId: t,
        spanId: '0000000000000002',
        file,
      },
      {
        code: 'suspect-timestamp',
        message: "span 0000000000000002: log #1 has no readable timestamp; placed at the span's start",
        traceId: t,
        spanId: '0000000000000002',
        file,
      },
      {
        code: 'invalid-id',
        message: 'reference #0 of span 0000000000000002 is not an object; dropped',
        traceId: t,
        spanId: '0000000000000002',
        file,
      },
      {
        code: 'invalid-id',
        message: 'reference #1 of span 0000000000000002 has no spanID; dropped',
        traceId: t,
        spanId: '0000000000000002',
        file,
      },
    ]);
  });

  it('warns instead of throwing on records that are not Jaeger at all', () => {
    const ctx = { file: 'x.json' };
    expect(jaegerDecoder.decode(null, ctx)).toStrictEqual({
      spans: [],
      warnings: [{ code: 'skipped-record', message: 'record is null, not a Jaeger trace or span', file: 'x.json' }],
    });
    expect(jaegerDecoder.decode(7, ctx).warnings).toStrictEqual([
      { code: 'skipped-record', message: 'record is a number, not a Jaeger trace or span', file: 'x.json' },
    ]);
    expect(jaegerDecoder.decode({ traceID: '1', spans: 'nope' }, ctx)).toStrictEqual({
      spans: [],
      warnings: [{ code: 'skipped-record', message: 'a Jaeger trace without a spans array was skipped', file: 'x.json' }],
    });
    expect(jaegerDecoder.decode({}, ctx)).toStrictEqual({
      spans: [],
      warnings: [{ code: 'skipped-span', message: 'span #0 has no traceID', file: 'x.json' }],
    });
  });
});

/*
 * Timing quirks (µs on the wire, ns inside):
 *   01 no startTime, no duration   -> startNs 0, timing 'missing' (the tree builder warns)
 *   02 startTime only              -> timing 'no-duration'
 *   03 duration -5                 -> clamped to 0, suspect-timestamp
 *   04 startTime in milliseconds   -> kept, suspect-timestamp (lands in 1970)
 *   05 1700000000000000.5 µs       -> the half microsecond survives as 500 ns
 *   06 duration only               -> timing 'missing', duration kept
 *   07 "1700000000000000" / "250"  -> decimal strings read as µs
 */
describe('jaeger decoder: timing quirks', () => {
  it('converts µs to ns, marks what is missing and warns on what is implausible', () => {
    const file = 'timing-quirks.json';
    const { spans, warnings } = decodeFixture(file);
    const base = { traceId: '00000000000000d1', service: 'clock' };
    const start = 1_700_000_000_000_000_000n;
    expect(spans).toStrictEqual([
      jspan({ ...base, spanId: '0000000000000001', operation: 'no-times', startNs: 0n, durationNs: 0, timing: 'missing' }),
      jspan({ ...base, spanId: '0000000000000002', operation: 'no-duration', startNs: start, durationNs: 0, timing: 'no-duration' }),
      jspan({ ...base, spanId: '0000000000000003', operation: 'negative-duration', startNs: start, durationNs: 0, flags: ['suspect-timestamp'] }),
      jspan({ ...base, spanId: '0000000000000004', operation: 'milliseconds', startNs: 1_700_000_000_000_000n, durationNs: 5_000, flags: ['suspect-timestamp'] }),
      jspan({ ...base, spanId: '0000000000000005', operation: 'fractional-micros', startNs: start + 500n, durationNs: 1_250 }),
      jspan({ ...base, spanId: '0000000000000006', operation: 'duration-only', startNs: 0n, durationNs: 7_000, timing: 'missing' }),
      jspan({ ...base, spanId: '0000000000000007', operation: 'string-micros', startNs: start, durationNs: 250_000 }),
    ]);
    expect(warnings).toStrictEqual([
      {
        code: 'suspect-timestamp',
        message: 'span 0000000000000003: negative duration -5 clamped to 0',
        traceId: '00000000000000d1',
        spanId: '0000000000000003',
        file,
      },
      {
        code: 'suspect-timestamp',
        message: 'span 0000000000000004: startTime 1700000000000 lies outside 2000-2100 (wrong unit?)',
        traceId: '00000000000000d1',
        spanId: '0000000000000004',
        file,
      },
    ]);
  });
});

describe('jaeger decoder: a duration beyond any clock', () => {
  it('is ignored with a warning (timing no-duration), not carried as Infinity or an inexact number', () => {
    const span = (spanID: string, duration: unknown): unknown => ({ traceID: 'd2', spanID, operationName: 'x', startTime: 1_700_000_000_000_000, duration, process: { serviceName: 's' } });
    const { spans, warnings } = jaegerDecoder.decode({ data: [{ traceID: 'd2', spans: [span('1', 1e308), span('2', 9.1e12), span('3', 9e12)] }] }, { file: 'huge.json' });
    expect(spans.map((s) => [s.spanId, s.durationNs, s.timing])).toEqual([
      ['0000000000000001', 0, 'no-duration'],
      ['0000000000000002', 0, 'no-duration'],
      ['0000000000000003', 9e15, 'exact'],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'span 0000000000000001: duration 1e+308 is implausibly long: ignored',
      'span 0000000000000002: duration 9100000000000 is implausibly long: ignored',
    ]);
  });
});

describe('jaeger decoder: never throws', () => {
  const ctx = { file: 'fuzz.json' };
  const check = (record: unknown): void => {
    const { spans, warnings } = jaegerDecoder.decode(record, ctx);
    for (const span of spans) {
      expect(span.durationNs).toBeGreaterThanOrEqual(0);
      expect(span.format).toBe('jaeger');
    }
    for (const w of warnings) expect(w.file).toBe('fuzz.json');
  };

  it('on arbitrary values', () => {
    fc.assert(fc.property(fc.anything(), check), { numRuns: 300 });
  });

  it('on Jaeger-shaped records with arbitrary field values', () => {
    const field = fc.oneof(fc.anything(), fc.constantFrom('0000000000000001', 'AAAAAAAAAAE=', '', 'ERROR', 'true'));
    const tag = fc.record({ key: fc.oneof(fc.string(), fc.anything()), type: fc.anything(), value: fc.anything() }, { requiredKeys: [] });
    const protoTag = fc.record({ key: fc.string(), vType: fc.anything(), vStr: fc.anything(), vInt64: fc.anything() }, { requiredKeys: [] });
    const span = fc.record(
      {
        traceID: field,
        spanID: field,
        traceId: field,
        spanId: field,
        operationName: field,
        references: fc.oneof(fc.anything(), fc.array(fc.record({ refType: field, traceID: field, spanID: field }, { requiredKeys: [] }))),
        startTime: fc.oneof(fc.anything(), fc.double(), fc.string()),
        duration: fc.oneof(fc.anything(), fc.double(), fc.string()),
        tags: fc.oneof(fc.anything(), fc.array(fc.oneof(tag, protoTag))),
        logs: fc.oneof(fc.anything(), fc.array(fc.record({ timestamp: field, fields: fc.array(tag) }, { requiredKeys: [] }))),
        processID: field,
        process: fc.oneof(fc.anything(), fc.record({ serviceName: field, tags: fc.array(tag) }, { requiredKeys: [] })),
        parentSpanID: field,
      },
      { requiredKeys: [] },
    );
    const trace = fc.record({ traceID: field, spans: fc.array(fc.oneof(span, fc.anything())), processes: fc.anything() }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(span, trace, fc.record({ data: fc.array(trace) })), check), { numRuns: 500 });
  });
});
