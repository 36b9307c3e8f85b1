import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/redact/redactor.js';
import { normalizeSpanId, normalizeTraceId } from '../../src/model/ids.js';

const options = { hashNames: false, remapIds: false, keep: new Set<string>() };

describe('Redactor', () => {
  it('Jaeger tags: secret keys lose their value, card numbers written as numbers become "[card]" strings (typed so), others stay', () => {
    const r = new Redactor(options);
    const span = {
      traceID: 'abc',
      spanID: '1',
      operationName: 'GET /users/ann@example.com',
      startTime: 1700000000000000,
      duration: 5,
      tags: [
        { key: 'http.request.header.authorization', type: 'string', value: 'Bearer x' },
        { key: 'payment.card', type: 'int64', value: 4012888888881881 },
        { key: 'http.status_code', type: 'int64', value: 200 },
        { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 42 },
      ],
    };
    expect(r.redact(structuredClone(span))).toEqual({
      ...span,
      operationName: 'GET /users/[email]',
      tags: [
        { key: 'http.request.header.authorization', type: 'string', value: '[redacted]' },
        { key: 'payment.card', type: 'string', value: '[card]' },
        { key: 'http.status_code', type: 'int64', value: 200 },
        { key: 'gen_ai.usage.input_tokens', type: 'int64', value: 42 },
      ],
    });
    expect([...r.secretKeys]).toEqual([['http.request.header.authorization', 1]]);
  });

  it('--remap-ids: ids in spans, references, envelope fields, id attributes and W3C traceparent values all follow one mapping', () => {
    const r = new Redactor({ ...options, remapIds: true });
    const span = r.redact({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      attributes: [
        { key: 'otelTraceID', value: { stringValue: '4bf92f3577b34da6a3ce929d0e0e4736' } },
        { key: 'http.request.header.traceparent', value: { stringValue: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } },
      ],
    }) as { traceId: string; spanId: string; attributes: { value: { stringValue: string } }[] };
    const envelopeTraceId = r.redact('4bf92f3577b34da6a3ce929d0e0e4736', 'traceID') as string;
    expect(normalizeTraceId(span.traceId)).toBe(normalizeTraceId(envelopeTraceId));
    expect(span.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.attributes[0]!.value.stringValue).toBe(span.traceId);
    expect(span.attributes[1]!.value.stringValue).toBe(`00-${span.traceId}-${span.spanId}-01`);
    expect(normalizeSpanId(span.spanId)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('--hash-names: services (serviceName, service.name, peer.service, jaeger-ui lists and trace names) and span names; not event names', () => {
    const r = new Redactor({ ...options, hashNames: true });
    const out = r.redact({
      traceID: 't',
      traceName: 'frontend: GET /',
      services: [{ name: 'frontend', numberOfSpans: 1 }],
      spans: [{ traceId: 't', spanId: 's', name: 'GET /', events: [{ name: 'exception' }] }],
      process: { serviceName: 'frontend', tags: [{ key: 'peer.service', type: 'string', value: 'db' }] },
    });
    const h = (name: string, prefix: string): string => (prefix === 'svc-' ? r.services.hash(name) : r.operations.hash(name));
    expect(out).toEqual({
      traceID: 't',
      traceName: `${h('frontend', 'svc-')}: ${h('GET /', 'op-')}`,
      services: [{ name: h('frontend', 'svc-'), numberOfSpans: 1 }],
      spans: [{ traceId: 't', spanId: 's', name: h('GET /', 'op-'), events: [{ name: 'exception' }] }],
      process: { serviceName: h('frontend', 'svc-'), tags: [{ key: 'peer.service', type: 'string', value: h('db', 'svc-') }] },
    });
    expect(r.services.count).toBe(2);
    expect(r.operations.count).toBe(1);
  });

  it('walks values nested 100,000 deep without recursion', () => {
    let deep: unknown = 'bob@example.com';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const r = new Redactor(options);
    const out = r.redact({ tags: { deep } }) as { tags: { deep: unknown } };
    let v: unknown = out.tags.deep;
    while (Array.isArray(v)) v = v[0];
    expect(v).toBe('[email]');
  });
});
