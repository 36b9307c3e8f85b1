import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/model/span.js';
import { decodeFixture } from './helpers.js';

const T = '00000000000000a1';
const OTHER = '00000000000000ff';

function lineage(span: Span): Pick<Span, 'spanId' | 'parentId' | 'parentType' | 'refs'> {
  return {
    spanId: span.spanId,
    ...(span.parentId !== undefined ? { parentId: span.parentId, parentType: span.parentType } : {}),
    refs: span.refs,
  };
}

/*
 * Trace a1 (and a foreign trace ff that two spans point into):
 *
 *   root 01 ─┬─ 0a  (CHILD_OF ff/ff, CHILD_OF 01, FOLLOWS_FROM 01)  parent 01; the others are refs
 *            │   ├╌╌ 0b (FOLLOWS_FROM 0a only)                       parent 0a, follows_from
 *            │   └── 0f (FOLLOWS_FROM 0b, then CHILD_OF 0a)           CHILD_OF wins whatever the order
 *            ├── 0d (refType absent)                                  CHILD_OF by default
 *            └── 0e (no references, parentSpanID "1")                 parent from the field, padded
 *   0c (CHILD_OF ff/fe only)  root: a reference into another trace is never the parent
 *   10 (refType CAUSED_BY)    root: an unknown reference type is kept as a link
 */
describe('jaeger decoder: parent and references', () => {
  it('picks the parent by the documented precedence and keeps every other reference', () => {
    const { spans, warnings } = decodeFixture('references.json');
    expect(spans.map(lineage)).toStrictEqual([
      { spanId: '0000000000000001', refs: [] },
      {
        spanId: '000000000000000a',
        parentId: '0000000000000001',
        parentType: 'child_of',
        refs: [
          { type: 'child_of', traceId: OTHER, spanId: '00000000000000ff' },
          { type: 'follows_from', traceId: T, spanId: '0000000000000001' },
        ],
      },
      { spanId: '000000000000000b', parentId: '000000000000000a', parentType: 'follows_from', refs: [] },
      { spanId: '000000000000000c', refs: [{ type: 'child_of', traceId: OTHER, spanId: '00000000000000fe' }] },
      { spanId: '000000000000000d', parentId: '0000000000000001', parentType: 'child_of', refs: [] },
      { spanId: '000000000000000e', parentId: '0000000000000001', parentType: 'child_of', refs: [] },
      {
        spanId: '000000000000000f',
        parentId: '000000000000000a',
        parentType: 'child_of',
        refs: [{ type: 'follows_from', traceId: T, spanId: '000000000000000b' }],
      },
      { spanId: '0000000000000010', refs: [{ type: 'link', traceId: T, spanId: '0000000000000001' }] },
    ]);
    expect(warnings).toStrictEqual([]);
  });

  it('leaves every other field of a multi-reference span as decoded', () => {
    const { spans } = decodeFixture('references.json');
    expect(spans[1]).toStrictEqual({
      traceId: T,
      spanId: '000000000000000a',
      parentId: '0000000000000001',
      parentType: 'child_of',
      refs: [
        { type: 'child_of', traceId: OTHER, spanId: '00000000000000ff' },
        { type: 'follows_from', traceId: T, spanId: '0000000000000001' },
      ],
      service: 'refs',
      operation: 'cross-then-child-then-follows',
      kind: 'unspecified',
      startNs: 1_700_000_000_000_010_000n,
      durationNs: 50_000,
      timing: 'exact',
      status: 'unset',
      attributes: {},
      resource: {},
      events: [],
      format: 'jaeger',
    });
  });
});
