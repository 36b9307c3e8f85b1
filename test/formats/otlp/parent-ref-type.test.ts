import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import { buildTrace } from '../../../src/model/tree.js';
import { fixture } from '../../helpers/run-cli.js';

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

  it('so the tree treats it as async: not shifted into the parent it outlives on another host', () => {
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: true }).result;
    expect(trace.nodes.map((n) => [n.span.operation, n.relation, n.async, n.skewNs])).toEqual([
      ['place order', 'root', false, 0],
      ['reserve stock', 'child_of', false, 0],
      ['send confirmation mail', 'follows_from', true, 0],
    ]);
    expect(trace.durationNs).toBe(50_000_000);
  });
});

describe('otlp decoder: without opentracing.ref_type', () => {
  it('a span on another host that outlives its parent is a synchronous child, shifted into it (clock skew)', () => {
    const doc = JSON.parse(readFileSync(fixture('otlp/opentracing-follows-from.json'), 'utf8').replaceAll('"follows_from"', '"x"'));
    const spans = otlpDecoder.decode(doc, { file: 'f' }).spans;
    const trace = buildTrace(spans[0]!.traceId, spans, { adjustClockSkew: true }).result;
    // 30 ms child in a 10 ms parent: aligned with the parent's start, 20 ms earlier.
    expect(trace.nodes.map((n) => [n.span.operation, n.async, n.skewNs])).toEqual([
      ['place order', false, 0],
      ['send confirmation mail', false, -20_000_000],
      ['reserve stock', false, 0],
    ]);
  });
});
