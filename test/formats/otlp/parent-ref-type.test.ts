import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import { buildTrace } from '../../../src/model/tree.js';
import { fixture } from '../../helpers/cli.js';

// The OpenTracing shim records every reference as a link with opentracing.ref_type, the parent's too.
//  0    10   20   30   40   50 ms
//  [place order]                       root
//   [reserve]                          CHILD_OF root (also a FOLLOWS_FROM link to "send", not its parent)
//            [send confirmation mail]  mailer, FOLLOWS_FROM root: outlives it, and the root does not wait for it
describe('otlp decoder: opentracing.ref_type on the link to the parent', () => {
  const spans = otlpDecoder.decode(JSON.parse(readFileSync(fixture('otlp/opentracing-follows-from.json'), 'utf8')), { file: 'f' }).spans;

  it('makes a span whose link to its parent says follows_from a FOLLOWS_FROM child, and keeps the link', () => {
    expect(spans.map((s) => [s.operation, s.parentType, s.refs.length])).toEqual([
      ['place order', undefined, 0],
      ['reserve stock', 'child_of', 2],
      ['send confirmation mail', 'follows_from', 1],
    ]);
  });

  it('so the tree treats it as async work its parent does not wait for', () => {
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: false }).result;
    expect(trace.nodes.map((n) => [n.span.operation, n.relation, n.async])).toEqual([
      ['place order', 'root', false],
      ['reserve stock', 'child_of', false],
      ['send confirmation mail', 'follows_from', true],
    ]);
  });
});

describe('otlp decoder: without opentracing.ref_type', () => {
  it('the same span is a synchronous child', () => {
    const doc = JSON.parse(readFileSync(fixture('otlp/opentracing-follows-from.json'), 'utf8').replaceAll('"follows_from"', '"x"'));
    const spans = otlpDecoder.decode(doc, { file: 'f' }).spans;
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: false }).result;
    expect(trace.nodes.map((n) => [n.span.operation, n.relation, n.async])).toEqual([
      ['place order', 'root', false],
      ['reserve stock', 'child_of', false],
      ['send confirmation mail', 'child_of', false],
    ]);
  });
});
