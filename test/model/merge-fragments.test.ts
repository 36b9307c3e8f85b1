import { describe, expect, it } from 'vitest';
import { mergeZipkinFragments } from '../../src/model/merge-fragments.js';
import { makeSpan } from '../helpers/make-span.js';

describe('mergeZipkinFragments', () => {
  const server = makeSpan({ id: 'a', parent: 'p', start: 10, dur: 5, service: 'api', kind: 'server', shared: true, format: 'zipkin', attributes: { 'http.path': '/x' } });
  const client = makeSpan({ id: 'a', parent: 'p', start: 9, dur: 7, service: 'web', kind: 'client', format: 'zipkin' });
  const piece = makeSpan({ id: 'a', parent: 'p', start: 0, dur: 0, service: 'api', kind: 'internal', timing: 'missing', format: 'zipkin', attributes: { late: 'tag' }, startNs: 0n });

  it('folds an untimed piece into the timed span of the same id and service', () => {
    const merged = mergeZipkinFragments([piece, server, client]);
    expect(merged).toEqual([{ ...server, attributes: { late: 'tag', 'http.path': '/x' } }, client]);
  });

  it('keeps client and server halves apart, and leaves other formats alone', () => {
    expect(mergeZipkinFragments([server, client])).toEqual([server, client]);
    const otlp = [{ ...piece, format: 'otlp' as const }, { ...server, format: 'otlp' as const }];
    expect(mergeZipkinFragments(otlp)).toEqual(otlp);
  });
});
