/** The redact rules on decoded spans (report --redact). */
import { describe, expect, it } from 'vitest';
import { SpanRedactor } from '../../src/redact/span-redactor.js';
import { makeSpan } from '../helpers/make-span.js';

describe('SpanRedactor', () => {
  it('drops secret values, replaces sensitive text anywhere, keeps ids and times', () => {
    const span = makeSpan({
      id: 'a',
      start: 0,
      dur: 5,
      service: 'mail-for-bob@example.com',
      operation: 'GET /login',
      statusMessage: 'connect 10.1.2.3 refused',
      host: '10.1.2.3',
      attributes: {
        'http.request.header.authorization': 'Bearer abc.def',
        nested: { password: 'hunter2', list: ['ok', 'eve@example.org'], deeper: { cookie: ['a', 'b'] } },
        'card.number': 4111111111111111,
        count: 12,
      },
      resource: { 'host.ip': '10.1.2.3' },
      events: [{ timeNs: 1n, name: 'sent to 10.1.2.3', attributes: { session_id: 'x' } }],
      refs: [{ type: 'link', traceId: 'bb', spanId: 'cc', attributes: { note: 'jane@example.net' } }],
    });
    const r = new SpanRedactor();
    const out = r.redact(span);
    expect(out.service).toBe('[email]');
    expect(out.statusMessage).toBe('connect 192.0.2.1 refused');
    expect(out.host).toBe('192.0.2.1');
    expect(out.attributes).toEqual({
      'http.request.header.authorization': '[redacted]',
      nested: { password: '[redacted]', list: ['ok', '[email]'], deeper: { cookie: '[redacted]' } },
      'card.number': '[card]',
      count: 12,
    });
    expect(out.resource).toEqual({ 'host.ip': '192.0.2.1' });
    expect(out.events[0]).toEqual({ timeNs: 1n, name: 'sent to 192.0.2.1', attributes: { session_id: '[redacted]' } });
    expect(out.refs[0]!.attributes).toEqual({ note: '[email]' });
    expect([out.spanId, out.startNs, out.durationNs]).toEqual([span.spanId, span.startNs, span.durationNs]);
    // The span itself is unchanged.
    expect(span.attributes['http.request.header.authorization']).toBe('Bearer abc.def');
    expect(r.found).toEqual({ email: 3, ip: 4, bearer: 0, jwt: 0, card: 1 });
    expect(r.secretValues).toBe(4);
  });
});
