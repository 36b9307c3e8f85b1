import { describe, expect, it } from 'vitest';
import { mergeZipkinFragments } from '../../src/model/merge-fragments.js';
import { makeSpan } from '../helpers/make-span.js';

// Zipkin's own cases are in test/reference/zipkin-merge-cases.ts; these are where tracectl keeps
// apart what Zipkin would merge, or merges what it would keep apart (docs/internals/trees.md).
describe('mergeZipkinFragments', () => {
  const server = makeSpan({ id: 'a', parent: 'p', start: 10, dur: 5, service: 'api', kind: 'server', shared: true, format: 'zipkin', attributes: { 'http.path': '/x' } });
  const client = makeSpan({ id: 'a', parent: 'p', start: 9, dur: 7, service: 'web', kind: 'client', format: 'zipkin' });
  const piece = makeSpan({ id: 'a', parent: 'p', start: 0, dur: 0, service: 'api', kind: 'internal', timing: 'missing', format: 'zipkin', attributes: { late: 'tag' }, startNs: 0n });

  it("folds an untimed piece without the shared flag into the shared server on its endpoint, where it is read first", () => {
    const merged = mergeZipkinFragments([piece, server, client]);
    expect(merged).toEqual([{ ...server, attributes: { late: 'tag', 'http.path': '/x' } }, client]);
  });

  it('keeps client and server halves apart, and leaves other formats alone', () => {
    expect(mergeZipkinFragments([server, client])).toEqual([server, client]);
    const otlp = [{ ...piece, format: 'otlp' as const }, { ...server, format: 'otlp' as const }];
    expect(mergeZipkinFragments(otlp)).toEqual(otlp);
  });

  it('keeps apart a client and a server on one endpoint that forgot the shared flag (a loopback call)', () => {
    const loopClient = { ...client, service: 'api' };
    const loopServer = { ...server, shared: undefined, service: 'api' };
    const merged = mergeZipkinFragments([loopClient, loopServer]);
    expect(merged.map((s) => [s.kind, s.shared])).toEqual([
      ['client', undefined],
      ['server', true], // the flag it forgot, given back as Zipkin does
    ]);
  });

  it('keeps apart spans one service recorded with different starts (one message received three times)', () => {
    const receive = (start: number) => makeSpan({ id: 'm', parent: 'p', start, dur: 0, timing: 'no-duration', service: 'pusher', host: '10.0.0.187', kind: 'server', shared: true, format: 'zipkin' });
    const send = makeSpan({ id: 'm', parent: 'p', start: 0, dur: 0, timing: 'no-duration', service: 'bouncer', kind: 'client', format: 'zipkin' });
    expect(mergeZipkinFragments([receive(3), receive(1), receive(2), send])).toHaveLength(4);
    // Pieces without an endpoint (annotations sent apart, timestamped with them) are still pieces.
    const annotations = makeSpan({ id: 'm', parent: 'p', start: 1, dur: 0, timing: 'no-duration', service: 'unknown_service', kind: 'internal', format: 'zipkin', events: [] });
    expect(mergeZipkinFragments([send, annotations])).toHaveLength(1);
  });
});
