import { describe, expect, it } from 'vitest';
import { decodeFixture, jspan } from './helpers.js';

describe('jaeger decoder: error tag typed bool but written as a string', () => {
  const base = {
    traceId: '2be38093ead7a0aa',
    service: 'svc',
    startNs: 1_605_223_981_965_074_000n,
    durationNs: 32_782_000,
  };

  it('coerces the value by its declared type when it parses, and reads error from it', () => {
    const { spans, warnings, hints } = decodeFixture('error-tag-string-bool.json');
    expect(hints).toEqual(['element', 'element', 'element', 'element', 'element']);
    expect(spans).toStrictEqual([
      jspan({ ...base, spanId: '0000000000000001', operation: 'bool-typed-string-true', status: 'error', attributes: { error: true } }),
      jspan({ ...base, spanId: '0000000000000002', operation: 'string-typed-upper-true', status: 'error', attributes: { error: 'TRUE' } }),
      jspan({ ...base, spanId: '0000000000000003', operation: 'bool-typed-string-false', attributes: { error: false } }),
      jspan({ ...base, spanId: '0000000000000004', operation: 'bool-typed-unparsable', attributes: { error: 'maybe' } }),
      jspan({ ...base, spanId: '0000000000000005', operation: 'real-bool-false', attributes: { error: false } }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});

describe('jaeger decoder: otel.status_code from OTLP-origin spans', () => {
  const base = {
    traceId: '83a9efd15c1c98a977e0711cc93ee28b',
    service: 'telemetrygen',
    startNs: 1_706_678_909_209_712_000n,
  };

  it('maps ERROR with its description (preferred over an error log) and OK', () => {
    const { spans, warnings } = decodeFixture('otel-status.json');
    expect(spans).toStrictEqual([
      jspan({
        ...base,
        spanId: 'e127af99e3b3e074',
        operation: 'okey-dokey-0',
        kind: 'server',
        durationNs: 123_000,
        status: 'error',
        statusMessage: 'deadline exceeded',
        attributes: {
          'otel.status_code': 'ERROR',
          'otel.status_description': 'deadline exceeded',
          error: true,
          'span.kind': 'server',
        },
        events: [
          {
            timeNs: 1_706_678_909_209_800_000n,
            name: 'error',
            attributes: { event: 'error', message: 'not the status description' },
          },
        ],
      }),
      jspan({
        ...base,
        spanId: 'e127af99e3b3e075',
        operation: 'fine',
        durationNs: 100_000,
        status: 'ok',
        attributes: { 'otel.status_code': 'OK' },
      }),
      jspan({
        ...base,
        spanId: 'e127af99e3b3e076',
        operation: 'error-without-description',
        durationNs: 100_000,
        status: 'error',
        attributes: { 'otel.status_code': 'ERROR' },
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});

describe('jaeger decoder: status message from an event=error log', () => {
  const base = {
    traceId: '00000000000000e1',
    service: 'orders',
    startNs: 1_700_000_000_000_000_000n,
    durationNs: 1_000_000,
  };

  it('reads message, then error.object, then error.kind, only on failed spans', () => {
    const { spans, warnings } = decodeFixture('error-log-message.json');
    expect(spans).toStrictEqual([
      jspan({
        ...base,
        spanId: '0000000000000001',
        operation: 'message-field',
        status: 'error',
        statusMessage: 'connection refused',
        attributes: { error: true },
        events: [
          { timeNs: 1_700_000_000_000_100_000n, name: 'retry', attributes: { event: 'retry', message: 'not an error log' } },
          {
            timeNs: 1_700_000_000_000_200_000n,
            name: 'error',
            attributes: { event: 'error', 'error.kind': 'IOException', message: 'connection refused' },
          },
        ],
      }),
      jspan({
        ...base,
        spanId: '0000000000000002',
        operation: 'error-object-field',
        status: 'error',
        statusMessage: 'java.net.SocketTimeoutException: Read timed out',
        attributes: { error: true },
        events: [
          {
            timeNs: 1_700_000_000_000_300_000n,
            name: 'error',
            attributes: {
              event: 'error',
              'error.kind': 'SocketTimeoutException',
              'error.object': 'java.net.SocketTimeoutException: Read timed out',
            },
          },
        ],
      }),
      jspan({
        ...base,
        spanId: '0000000000000003',
        operation: 'error-kind-field',
        status: 'error',
        statusMessage: 'Timeout',
        attributes: { error: 'true' },
        events: [
          { timeNs: 1_700_000_000_000_400_000n, name: 'error', attributes: { event: 'error', 'error.kind': 'Timeout' } },
        ],
      }),
      jspan({
        ...base,
        spanId: '0000000000000004',
        operation: 'error-log-on-healthy-span',
        events: [
          {
            timeNs: 1_700_000_000_000_500_000n,
            name: 'error',
            attributes: { event: 'error', message: 'retried and recovered' },
          },
        ],
      }),
      jspan({
        ...base,
        spanId: '0000000000000005',
        operation: 'error-without-any-message',
        status: 'error',
        attributes: { error: true },
      }),
    ]);
    expect(warnings).toStrictEqual([]);
  });
});
