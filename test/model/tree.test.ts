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
  const offsets = (trace: Trace): [string, number, number][] => trace.nodes.map((n) => [n.span.spanId.slice(-1), n.offsetNs / 1e6, n.skewNs / 1e6]);

  it('shifts a child on another host that starts before its parent, centring it; its host moves with it', () => {
    //  parent  frontend  |==========|           0..100
    //  child   backend |======|                -10..50 (clock behind)
    //  after           .....|======|.....       centred: 20..80
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 100, service: 'frontend' },
      { id: 'c', parent: 'p', start: -10, dur: 60, service: 'backend' },
      { id: 'g', parent: 'c', start: -5, dur: 10, service: 'backend' },
    ]);
    expect(offsets(result)).toEqual([
      ['p', 0, 0],
      ['c', 20, 30],
      ['g', 25, 30], // same host as its parent: the same correction, and said so
    ]);
    expect(result.nodes.map((n) => n.flags)).toEqual([[], ['clock-skew'], ['clock-skew']]);
    expect(warnings.map((w) => w.message)).toEqual([
      'span 000000000000000c (backend op-c) starts before its parent, on another host: shifted by +30.000ms',
      'span 000000000000000g (backend op-g) is on the same host as its parent, whose clock was corrected: shifted by +30.000ms',
    ]);
  });

  it('aligns a server longer than its client with the client, and centres a server that starts after its client ended', () => {
    //  client  a  |==========|                0..10
    //  server  b |====================|      -2..18: starts before its client, longer: aligned, 0..20
    //  client  a  |==========|                100..110
    //  server  c                |====|        125..131: starts after its client ended: centred, 102..108
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 'c', parent: 'p', start: -2, dur: 20, service: 'b', kind: 'server' },
      { id: 'q', start: 100, dur: 10, service: 'a', kind: 'client' },
      { id: 's', parent: 'q', start: 125, dur: 6, service: 'c', kind: 'server' },
    ]);
    expect(offsets(result)).toEqual([
      ['p', 0, 0],
      ['c', 0, 2],
      ['q', 100, 0],
      ['s', 102, -23],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'span 000000000000000c (b op-c) starts before its parent, on another host: shifted by +2.000ms',
      'span 000000000000000s (c op-s) starts after its client ended, on another host: shifted by -23.000ms',
      'trace has 2 spans without a parent',
    ]);
  });

  it('leaves what one clock produces: a server ending a little after its client, a longer one, late work', () => {
    //  client  a  |==========|          0..10
    //  server  b   |==========|         1..11: ends after its client (flushed the response): left alone
    //  server  c    |===================|  2..22: outlives its client: left alone
    //  child   d               |=====|  96..101: internal work after its parent ended: left alone
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 'b', parent: 'p', start: 1, dur: 10, service: 'b', kind: 'server' },
      { id: 'c', parent: 'p', start: 2, dur: 20, service: 'c', kind: 'server' },
      { id: 'd', parent: 'p', start: 96, dur: 5, service: 'd' },
    ]);
    expect(result.nodes.map((n) => n.skewNs)).toEqual([0, 0, 0, 0]);
    expect(warnings).toEqual([]);
  });

  it('judges a server against its client even within one service without hosts, but not in-process children', () => {
    //  client  a  |==========|      0..10
    //  server  a |====|            -3..2: another instance of a, behind: centred, 3..8
    //  child   a |=|               -3..-2: in the server's process (same service): moves with it
    const { result } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 's', parent: 'p', start: -3, dur: 4, service: 'a', kind: 'server' },
      { id: 'i', parent: 's', start: -3, dur: 1, service: 'a' },
    ]);
    expect(offsets(result)).toEqual([
      ['p', 0, 0],
      ['s', 3, 6],
      ['i', 3, 6],
    ]);
  });

  it('compares hosts, a dual-stack one by either address', () => {
    //  client on 10.0.0.1 / fe80::1, server on fe80::1 only: one host, never judged
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client', host: '10.0.0.1 fe80::1' },
      { id: 's', parent: 'p', start: -5, dur: 4, service: 'b', kind: 'server', host: 'fe80::1' },
      { id: 't', parent: 'p', start: -5, dur: 4, service: 'b', kind: 'server', host: 'fe80::2' },
    ]);
    expect(offsets(result).map(([id, , skew]) => [id, skew])).toEqual([
      ['p', 0],
      ['s', 0],
      ['t', 8],
    ]);
    expect(warnings.map((w) => w.spanId)).toEqual(['000000000000000t']);
  });

  it('moves an asynchronous child only when it starts before its parent, to its parent start', () => {
    //  producer a |==|                  0..2
    //  consumer b        |=====|        50..55: after its producer: left alone
    //  consumer c |=====|              -4..1: before its producer started: moved to 0..5
    const { result } = build([
      { id: 'p', start: 0, dur: 2, service: 'a', kind: 'producer' },
      { id: 'b', parent: 'p', start: 50, dur: 5, service: 'b', kind: 'consumer' },
      { id: 'c', parent: 'p', start: -4, dur: 5, service: 'c', kind: 'consumer' },
    ]);
    expect(offsets(result)).toEqual([
      ['p', 0, 0],
      ['c', 0, 4],
      ['b', 50, 0],
    ]);
  });

  it('judges a start against a parent without a duration, and nothing against one without a time', () => {
    const { result, warnings } = build([
      { id: 'p', start: 0, dur: 0, service: 'a', kind: 'client', timing: 'no-duration' },
      { id: 'c', parent: 'p', start: -5, dur: 10, service: 'b', kind: 'server' },
      { id: 'd', parent: 'p', start: 5, dur: 10, service: 'c', kind: 'server' },
      { id: 'm', parent: 'c', start: 0, dur: 3, service: 'd', timing: 'missing' },
      { id: 'e', parent: 'm', start: -50, dur: 1, service: 'e' },
    ]);
    expect(result.nodes.map((n) => [n.span.spanId.slice(-1), n.skewNs / 1e6])).toEqual([
      ['p', 0],
      ['c', 5],
      ['m', 0],
      ['e', 0],
      ['d', 0],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['missing-duration', 'clock-skew', 'missing-timestamp']);
  });

  it('places untimed spans from corrected times: an extra untimed root does not take the trace back to a skewed raw time', () => {
    //  root    a  |==========|        0..10
    //  server  b  |==|               -62..-60: skewed; centred to 4..6
    //  untimed root u: at the trace's corrected start (0), after the timed root
    const { result } = build([
      { id: 'u', start: 0, dur: 0, service: 'x', timing: 'missing' },
      { id: 'p', start: 0, dur: 10, service: 'a', kind: 'client' },
      { id: 's', parent: 'p', start: -62, dur: 2, service: 'b', kind: 'server' },
    ]);
    expect(offsets(result)).toEqual([
      ['p', 0, 0],
      ['s', 4, 66],
      ['u', 0, 0],
    ]);
    expect(result.root.span.spanId).toBe('000000000000000p');
    expect(result.durationNs).toBe(10e6);
  });

  it('with adjustment off, keeps raw times and says what it would have shifted', () => {
    const raw = build([
      { id: 'p', start: 0, dur: 100, service: 'a' },
      { id: 'c', parent: 'p', start: -10, dur: 60, service: 'b' },
    ], false);
    expect(offsets(raw.result)).toEqual([
      ['p', 10, 0],
      ['c', 0, 0],
    ]);
    expect(raw.result.nodes[1]!.flags).toEqual(['clock-skew']);
    expect(raw.warnings.map((w) => w.message)).toEqual([
      'span 000000000000000c (b op-c) starts before its parent, on another host: not shifted (--no-adjust); the correction would be +30.000ms',
    ]);
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
