import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { makeSpan, type SpanSpec } from '../helpers/make-span.js';

function build(specs: SpanSpec[], adjustClockSkew = true) {
  const spans = specs.map(makeSpan);
  return buildTrace('aaaaaaaaaaaaaaaa', spans, { adjustClockSkew });
}

/** The tree as "depth:id" lines in depth-first order, ids without their zero padding. */
function shape(trace: Trace): string[] {
  return trace.nodes.map((n) => `${'  '.repeat(n.depth)}${n.span.spanId.replace(/^0+/, '')}${n.span.kind === 'server' ? ' (server)' : ''}`);
}

describe('buildTrace: structure', () => {
  it('orders children by start and roots by start', () => {
    const { result, warnings } = build([
      { id: 'a', start: 0, dur: 100 },
      { id: 'c', parent: 'a', start: 50, dur: 10 },
      { id: 'b', parent: 'a', start: 10, dur: 10 },
      { id: 'd', parent: 'b', start: 12, dur: 1 },
    ]);
    expect(shape(result)).toEqual(['a', '  b', '    d', '  c']);
    expect(result.nodes.map((n) => n.index)).toEqual([0, 1, 2, 3]);
    expect(result.durationNs).toBe(100e6);
    expect(warnings).toEqual([]);
  });

  it('makes orphans roots and reports them; the trace root is the genuine one', () => {
    const { result, warnings } = build([
      { id: 'o', parent: 'gone', start: 0, dur: 5 },
      { id: 'a', start: 1, dur: 10 },
    ]);
    expect(shape(result)).toEqual(['o', 'a']);
    expect(result.root.span.spanId).toBe('000000000000000a');
    expect(result.nodes[0]!.flags).toEqual(['orphan-span']);
    expect(warnings).toEqual([
      {
        code: 'orphan-span',
        message: 'span 000000000000000o (svc op-o): parent 000000000000gone is not in the trace; shown as a root',
        traceId: 'aaaaaaaaaaaaaaaa',
        spanId: '000000000000000o',
      },
    ]);
  });

  it('reports several genuine roots once', () => {
    const { result, warnings } = build([
      { id: 'a', start: 0, dur: 10 },
      { id: 'b', start: 5, dur: 10 },
    ]);
    expect(result.roots).toHaveLength(2);
    expect(warnings.map((w) => w.code)).toEqual(['multiple-roots']);
  });

  it('puts a Zipkin server half under the client half that shares its id, and children under the server', () => {
    // client c (frontend) and server c (backend, shared) share id "c"; "d" names "c" as parent.
    const { result, warnings } = build([
      { id: 'a', start: 0, dur: 100, service: 'frontend' },
      { id: 'c', parent: 'a', start: 10, dur: 50, kind: 'client', service: 'frontend' },
      { id: 'c', parent: 'a', start: 12, dur: 40, kind: 'server', shared: true, service: 'backend' },
      { id: 'd', parent: 'c', start: 20, dur: 5, service: 'backend' },
    ]);
    expect(shape(result)).toEqual(['a', '  c', '    c (server)', '      d']);
    expect(warnings).toEqual([]);
  });

  it('keeps other duplicate ids, warns, and attaches children to the first', () => {
    const { result, warnings } = build([
      { id: 'a', start: 0, dur: 100 },
      { id: 'b', parent: 'a', start: 10, dur: 10, operation: 'first' },
      { id: 'b', parent: 'a', start: 30, dur: 10, operation: 'second' },
      { id: 'x', parent: 'b', start: 11, dur: 1 },
    ]);
    expect(shape(result)).toEqual(['a', '  b', '    x', '  b']);
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-span-id']);
    expect(result.nodes[3]!.flags).toEqual(['duplicate-span-id']);
  });

  it('breaks a parent cycle (A→B→A) and a self-parent, reporting both', () => {
    const { result, warnings } = build([
      { id: 'a', parent: 'b', start: 0, dur: 10 },
      { id: 'b', parent: 'a', start: 1, dur: 5 },
      { id: 's', parent: 's', start: 2, dur: 1 },
    ]);
    expect(shape(result)).toEqual(['b', '  a', 's']);
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ['self-parent', 'span 000000000000000s (svc op-s) names itself as its parent; shown as a root'],
      ['parent-cycle', "spans 000000000000000a → 000000000000000b are each other's ancestors; cut at 000000000000000b, shown as a root"],
    ]);
  });

  it('places a span without a timestamp at its parent start and one without duration as 0', () => {
    const { result, warnings } = build([
      { id: 'a', start: 10, dur: 100 },
      { id: 'b', parent: 'a', start: 0, dur: 0, timing: 'missing' },
      { id: 'c', parent: 'a', start: 20, dur: 0, timing: 'no-duration' },
    ]);
    expect(result.nodes.map((n) => [n.span.spanId.slice(-1), n.offsetNs, n.durationNs])).toEqual([
      ['a', 0, 100e6],
      ['b', 0, 0],
      ['c', 10e6, 0],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['missing-timestamp', 'missing-duration']);
  });

  it('marks FOLLOWS_FROM children and consumers of producers as async', () => {
    const { result } = build([
      { id: 'a', start: 0, dur: 10, kind: 'producer' },
      { id: 'b', parent: 'a', start: 20, dur: 10, kind: 'consumer' },
      { id: 'c', parent: 'a', start: 30, dur: 10, parentType: 'follows_from' },
      { id: 'd', parent: 'a', start: 1, dur: 1 },
    ]);
    expect(result.nodes.map((n) => [n.span.spanId.slice(-1), n.relation, n.async])).toEqual([
      ['a', 'root', false],
      ['d', 'child_of', false],
      ['b', 'child_of', true],
      ['c', 'follows_from', true],
    ]);
  });
});

describe('buildTrace: clock skew', () => {
  it('shifts a child on another host that starts before its parent, centring it', () => {
    //  parent  frontend  |==========|           0..100
    //  child   backend |======|                -10..50 (clock behind)
    //  after           .....|======|.....       centred: 20..80
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 100, service: 'frontend' },
      { id: 'c', parent: 'p', start: -10, dur: 60, service: 'backend' },
      { id: 'g', parent: 'c', start: -5, dur: 10, service: 'backend' },
    ]);
    expect(result.nodes.map((n) => [n.span.spanId.slice(-1), n.offsetNs / 1e6, n.skewNs / 1e6])).toEqual([
      ['p', 0, 0],
      ['c', 20, 30],
      ['g', 25, 30], // same host as its parent: inherits the shift
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['clock-skew']);
    expect(warnings[0]!.message).toBe('span 000000000000000c (backend op-c) did not fit in its parent on another host; shifted by +30.000ms');
  });

  it('aligns the start of a server longer than its client', () => {
    const { result } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 'c', parent: 'p', start: 5, dur: 20, service: 'b', kind: 'server' },
    ]);
    expect(result.nodes[1]!.offsetNs).toBe(0);
  });

  it('moves a server that overflows its client, but not other late children (fire-and-forget)', () => {
    //  client  a  |==========|          0..10
    //  server  b       |==========|     5..15  → centred in the client: 0..10
    //  server  a  |=|                   0..1
    //  server  c          |=====|       96..101: starts after its parent ended: left alone
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 'c', parent: 'p', start: 5, dur: 10, service: 'b', kind: 'server' },
      { id: 's', start: 0, dur: 1, service: 'a', kind: 'server' },
      { id: 'l', parent: 's', start: 96, dur: 5, service: 'c', kind: 'server' },
    ]);
    expect(result.nodes.map((n) => [n.span.spanId.slice(-1), n.offsetNs / 1e6])).toEqual([
      ['p', 0],
      ['c', 0],
      ['s', 0],
      ['l', 96],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['clock-skew', 'multiple-roots']);
  });

  it('does not judge children against a parent without a duration', () => {
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 0, service: 'a', kind: 'client', timing: 'no-duration' },
      { id: 'c', parent: 'p', start: 5, dur: 10, service: 'b', kind: 'server' },
    ]);
    expect(result.nodes[1]!.skewNs).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(['missing-duration']);
  });

  it('leaves children that fit, same-host children, async children, and everything with --no-adjust', () => {
    const specs: SpanSpec[] = [
      { id: 'p', start: 0, dur: 100, service: 'a', kind: 'producer' },
      { id: 'f', parent: 'p', start: 10, dur: 10, service: 'b' },
      { id: 's', parent: 'p', start: 90, dur: 50, service: 'a' },
      { id: 'q', parent: 'p', start: 200, dur: 50, service: 'c', kind: 'consumer' },
    ];
    const adjusted = build(specs);
    expect(adjusted.result.nodes.map((n) => n.skewNs)).toEqual([0, 0, 0, 0]);
    expect(adjusted.warnings).toEqual([]);
    const raw = build([{ id: 'p', start: 0, dur: 100, service: 'a' }, { id: 'c', parent: 'p', start: -10, dur: 60, service: 'b' }], false);
    expect(raw.result.nodes[1]!.skewNs).toBe(0);
    expect(raw.warnings).toEqual([]);
  });
});

describe('buildTrace: start, duration and offsets', () => {
  const at = (offsetNs: bigint, id: string, dur: number, parent?: string): Span => ({
    ...makeSpan({ id, start: 0, dur: 0, ...(parent !== undefined ? { parent } : {}) }),
    startNs: 1_700_000_000_000_000_000n + offsetNs,
    durationNs: dur,
  });

  it('are exact to the nanosecond, with a child starting before its root (depth-first order)', () => {
    const { result } = buildTrace('t', [at(1_000n, 'a', 9_000_000_001), at(-7n, 'b', 3, 'a'), at(2_000n, 'c', 5, 'a')], { adjustClockSkew: false });
    expect(result.startNs).toBe(1_700_000_000_000_000_000n - 7n);
    expect(result.durationNs).toBe(9_000_000_001 + 1_007);
    expect(result.nodes.map((n) => [n.span.spanId.replace(/^0+/, ''), n.offsetNs])).toEqual([['a', 1_007], ['b', 0], ['c', 2_007]]);
  });

  it('stay exact when spans lie further apart than a double counts nanoseconds (2^53)', () => {
    const far = 2n ** 60n + 3n;
    const { result } = buildTrace('t', [at(0n, 'a', 10), at(far, 'b', 5)], { adjustClockSkew: false });
    expect(result.startNs).toBe(1_700_000_000_000_000_000n);
    expect(result.durationNs).toBe(Number(far + 5n));
    expect(result.nodes.map((n) => n.offsetNs)).toEqual([0, Number(far)]);
  });
});
