import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/model/span.js';
import { decodeFixture } from './decode-fixture.js';

/** The fields status decoding decides, per span. */
const statusOf = (s: Span) => ({ spanId: s.spanId, status: s.status, statusMessage: s.statusMessage, attributes: s.attributes });

describe('zipkin v2: status', () => {
  it('treats an error tag with any value as an error; the value is the message unless "" or "true"', () => {
    const { spans, warnings } = decodeFixture('v2-error-tags.json');
    expect(warnings).toEqual([]);
    expect(spans.map(statusOf)).toStrictEqual([
      { spanId: '0000000000000001', status: 'error', statusMessage: undefined, attributes: { error: '' } },
      { spanId: '0000000000000002', status: 'error', statusMessage: undefined, attributes: { error: 'true' } },
      { spanId: '0000000000000003', status: 'error', statusMessage: '404', attributes: { error: '404', 'http.status_code': '404' } },
      {
        spanId: '0000000000000004',
        status: 'error',
        statusMessage: 'Non-basic error message',
        attributes: { error: 'Non-basic error message' },
      },
      // Zipkin: the presence of the tag is the signal, so even "false" marks a failure (and says "false")
      { spanId: '0000000000000005', status: 'error', statusMessage: 'false', attributes: { error: 'false' } },
    ]);
    // statusMessage is left out, not set to undefined
    expect('statusMessage' in (spans[0] as Span)).toBe(false);
  });

  it('reads otel.status_code ERROR / OK and otel.status_description', () => {
    const { spans, warnings } = decodeFixture('v2-otel-status.json');
    expect(warnings).toEqual([]);
    expect(spans.map(statusOf)).toStrictEqual([
      {
        spanId: '0000000000000001',
        status: 'error',
        statusMessage: 'Something failed',
        attributes: { 'otel.status_code': 'ERROR', 'otel.status_description': 'Something failed' },
      },
      { spanId: '0000000000000002', status: 'error', statusMessage: undefined, attributes: { 'otel.status_code': 'ERROR' } },
      { spanId: '0000000000000003', status: 'ok', statusMessage: undefined, attributes: { 'otel.status_code': 'OK' } },
      {
        spanId: '0000000000000004',
        status: 'error',
        statusMessage: 'deadline exceeded',
        attributes: { error: 'true', 'otel.status_code': 'ERROR', 'otel.status_description': 'deadline exceeded' },
      },
    ]);
  });
});
