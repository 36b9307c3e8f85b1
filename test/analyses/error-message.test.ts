import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/analyses/error-message.js';
import type { Attributes, SpanEvent } from '../../src/model/span.js';
import { BASE_NS, makeSpan, type SpanSpec } from '../helpers/make-span.js';

const event = (name: string, attributes: Attributes): SpanEvent => ({ timeNs: BASE_NS, name, attributes });
const failed = (extra: Partial<SpanSpec>) => makeSpan({ id: '1', start: 0, dur: 1, status: 'error', ...extra });

describe('describeError: how each format says what went wrong', () => {
  it('OTLP status message', () => {
    expect(describeError(failed({ statusMessage: 'charge failed' }))).toEqual({ type: null, text: 'charge failed', httpStatus: null, message: 'charge failed' });
  });

  it('OTLP exception event: type and message', () => {
    const span = failed({ events: [event('exception', { 'exception.type': 'TimeoutError', 'exception.message': 'deadline exceeded', 'exception.stacktrace': 'at x' })] });
    expect(describeError(span).message).toBe('TimeoutError: deadline exceeded');
    expect(describeError(span).type).toBe('TimeoutError');
  });

  it('a message that already names the type is not prefixed twice', () => {
    const span = failed({ events: [event('exception', { 'exception.type': '14', 'exception.message': '14 UNAVAILABLE: no connection' })] });
    expect(describeError(span).message).toBe('14 UNAVAILABLE: no connection');
  });

  it('only a stack trace: its first non-blank line', () => {
    const span = failed({ events: [event('exception', { 'exception.stacktrace': '\n  java.net.SocketTimeoutException: Read timed out\n\tat Foo.bar(Foo.java:1)' })] });
    expect(describeError(span).message).toBe('java.net.SocketTimeoutException: Read timed out');
  });

  it('the last exception recorded is the one that ended the span', () => {
    const span = failed({
      events: [
        event('exception', { 'exception.type': 'RetryableError', 'exception.message': 'first try' }),
        event('message', { 'message.type': 'SENT' }),
        event('exception', { 'exception.type': 'FatalError', 'exception.message': 'gave up' }),
      ],
    });
    expect(describeError(span).message).toBe('FatalError: gave up');
  });

  it('an "error" event carrying exception.message (the Go SDK) is read too', () => {
    const span = failed({ events: [event('error', { 'exception.message': 'cart failure' })] });
    expect(describeError(span).message).toBe('cart failure');
  });

  it('the status message wins over the exception message, the exception type stays', () => {
    const span = failed({ statusMessage: 'payment declined', events: [event('exception', { 'exception.type': 'CardError', 'exception.message': 'code 51' })] });
    expect(describeError(span).message).toBe('CardError: payment declined');
  });

  it('Jaeger error log: error.kind is the type, message the text', () => {
    const span = failed({
      format: 'jaeger',
      events: [
        event('retry', { event: 'retry', message: 'not an error log' }),
        event('error', { event: 'error', 'error.kind': 'IOException', message: 'connection refused' }),
      ],
    });
    expect(describeError(span)).toEqual({ type: 'IOException', text: 'connection refused', httpStatus: null, message: 'IOException: connection refused' });
  });

  it('Jaeger error log: error.object when there is no message, error.kind alone when nothing else', () => {
    const object = failed({ events: [event('error', { event: 'error', 'error.object': 'java.sql.SQLException: connection reset' })] });
    expect(describeError(object).message).toBe('java.sql.SQLException: connection reset');
    const kind = failed({ events: [event('error', { event: 'ERROR', 'error.kind': 'Timeout' })] });
    expect(describeError(kind).message).toBe('Timeout');
  });

  it('a log that is not an error log says nothing', () => {
    expect(describeError(failed({ events: [event('retry', { event: 'retry', message: 'again' })] })).message).toBeNull();
  });

  it('Zipkin error tag: a reason is the message, the bare markers are not', () => {
    expect(describeError(failed({ format: 'zipkin', attributes: { error: 'upstream reset' } })).message).toBe('upstream reset');
    expect(describeError(failed({ format: 'zipkin', attributes: { error: 'true' } })).message).toBeNull();
    expect(describeError(failed({ format: 'zipkin', attributes: { error: '' } })).message).toBeNull();
    expect(describeError(failed({ format: 'jaeger', attributes: { error: true } })).message).toBeNull();
  });

  it('HTTP status: 4xx/5xx shown, alone or after the reason; the stable key first', () => {
    expect(describeError(failed({ attributes: { 'http.status_code': 500 } })).message).toBe('HTTP 500');
    expect(describeError(failed({ attributes: { 'http.status_code': '503' }, statusMessage: 'no upstream' })).message).toBe('no upstream (HTTP 503)');
    expect(describeError(failed({ attributes: { 'http.response.status_code': 504, 'http.status_code': 500 } })).httpStatus).toBe(504);
    expect(describeError(failed({ attributes: { 'http.status_code': 200 } })).message).toBeNull();
    expect(describeError(failed({ attributes: { 'http.status_code': 'abc' } })).message).toBeNull();
  });

  it('a Zipkin error tag that is just the status code is not repeated', () => {
    expect(describeError(failed({ attributes: { error: '404', 'http.status_code': '404' } })).message).toBe('HTTP 404');
  });

  it('otel.status_description and grpc.error_message as late fallbacks', () => {
    expect(describeError(failed({ attributes: { 'otel.status_description': 'deadline' } })).message).toBe('deadline');
    expect(describeError(failed({ attributes: { 'grpc.error_message': '14 UNAVAILABLE' } })).message).toBe('14 UNAVAILABLE');
  });

  it('a span that says nothing has no message; inherited keys are not attributes', () => {
    expect(describeError(failed({})).message).toBeNull();
    const inherited = Object.create({ error: 'polluted', 'http.status_code': 500 }) as Attributes;
    expect(describeError(failed({ attributes: inherited })).message).toBeNull();
  });
});
