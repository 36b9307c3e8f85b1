/**
 * Trees built from each format's quirk fixtures, end to end (read → decode → tree), seen through
 * `waterfall --json`: depth, span, parent, service, kind, offset and duration of every row.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runJson } from '../helpers/cli.js';

interface Row {
  depth: number;
  spanId: string;
  parentId: string | null;
  service: string;
  operation: string;
  kind: string;
  startOffsetMs: number;
  durationMs: number;
}

async function rows(path: string): Promise<string[]> {
  const { json } = await runJson<{ spans: Row[] }>(['waterfall', fixture(path), '-q']);
  return json.spans.map((s) => [s.depth, s.spanId, s.parentId, s.service, s.operation, s.kind, s.startOffsetMs, s.durationMs].join(' '));
}

describe('trees from format quirks', () => {
  it('Zipkin v2 shared id: the server half under the client half', async () => {
    expect(await rows('zipkin/v2-shared-pair.json')).toEqual([
      '0 8608dc6ce5cafe8e  frontend get client 0 148.265',
      '1 8608dc6ce5cafe8e 8608dc6ce5cafe8e backend get /api server 110.13 23.457',
    ]);
  });

  it('Zipkin v1: one span with both sides becomes a client and a server span', async () => {
    expect(await rows('zipkin/v1-client-server.json')).toEqual([
      '0 d673d7abe80d2f3f  web get client 0 51',
      '1 d673d7abe80d2f3f d673d7abe80d2f3f query get server 24 4',
    ]);
  });

  it('Zipkin v1 without span timestamps: times from cs/cr and sr/ss', async () => {
    expect(await rows('zipkin/v1-client-server-no-timestamp.json')).toEqual([
      '0 f9ebb6e64880612a  service1 checkStock client 0 3.794',
      '1 f9ebb6e64880612a f9ebb6e64880612a service2 checkStock server 0.564 2.833',
    ]);
  });

  it('Jaeger references: CHILD_OF before FOLLOWS_FROM, cross-trace refs never the parent', async () => {
    expect(await rows('jaeger/references.json')).toEqual([
      '0 0000000000000001  refs root unspecified 0 0.1',
      '1 000000000000000a 0000000000000001 refs cross-then-child-then-follows unspecified 0.01 0.05',
      '2 000000000000000f 000000000000000a refs child-of-listed-after-follows unspecified 0.04 0.01',
      '2 000000000000000b 000000000000000a refs follows-only unspecified 0.2 0.01',
      '1 000000000000000d 0000000000000001 refs refType-absent unspecified 0.02 0.01',
      '1 000000000000000e 0000000000000001 refs parentSpanID-field unspecified 0.03 0.01',
      '0 0000000000000010  refs unknown-refType unspecified 0.05 0.01',
      '0 000000000000000c  refs cross-trace-only unspecified 0.3 0.01',
    ]);
  });

  it('Jaeger spans ingested from Zipkin with one id for client and server', async () => {
    expect(await rows('jaeger/duplicate-span-id.json')).toEqual([
      '0 0000000000000002  frontend get /api client 0 0.005',
      '1 0000000000000002 0000000000000002 backend get /api server 0.001 0.003',
    ]);
  });
});
