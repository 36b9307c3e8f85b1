/** `tracectl span`: finding a span by id or prefix, and everything reported about it. */
import { describe, expect, it } from 'vitest';
import { chooseTrace } from '../../src/analyses/choose-trace.js';
import { findSpans } from '../../src/analyses/find-span.js';
import { selfTimes } from '../../src/analyses/self-time.js';
import { spanDetail } from '../../src/analyses/span-detail.js';
import { BASE_NS, makeSpan, makeTrace } from '../helpers/make-span.js';
import { buildTrace } from '../../src/model/tree.js';

// r |0--------------------------20|
// a    |2--------10|                 self: 8 - (3..5 ∪ 4..7 = 3..7) = 4
// a1     |3-5|
// a2      |4---7|
// e  ~                   |15--25|    follows from r; links to a1
const trace = () =>
  makeTrace([
    { id: '1', start: 0, dur: 20, service: 'gw', operation: 'GET /' },
    {
      id: 'a',
      parent: '1',
      start: 2,
      dur: 8,
      service: 'api',
      operation: 'work',
      kind: 'server',
      status: 'error',
      statusMessage: 'boom',
      attributes: { 'http.status_code': 500, tags: ['x', 'y'] },
      resource: { 'service.name': 'api', 'host.name': 'h1' },
      host: 'h1',
      events: [{ timeNs: BASE_NS + 6_500_000n, name: 'exception', attributes: { 'exception.type': 'IOError' } }],
    },
    { id: 'a1', parent: 'a', start: 3, dur: 2 },
    { id: 'a2', parent: 'a', start: 4, dur: 3 },
    {
      id: 'e',
      parent: '1',
      parentType: 'follows_from',
      start: 15,
      dur: 10,
      refs: [
        { type: 'link', traceId: 'aaaaaaaaaaaaaaaa', spanId: '00000000000000a1' },
        { type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '0000000000000001', attributes: { reason: 'batch' } },
      ],
    },
  ]);

describe('findSpans', () => {
  it('finds by full id, by id without leading zeros, and by unique prefix', () => {
    const t = trace();
    expect(findSpans(t, '00000000000000a1').map((n) => n.span.operation)).toEqual(['op-a1']);
    expect(findSpans(t, 'A1').map((n) => n.span.operation)).toEqual(['op-a1']);
    expect(findSpans(t, '00000000000000e').map((n) => n.span.operation)).toEqual(['op-e']);
    expect(findSpans(t, 'ffff')).toEqual([]);
  });

  it('an ambiguous prefix is an error naming the candidates', () => {
    const t = makeTrace([
      { id: 'abc1000000000000', start: 0, dur: 1 },
      { id: 'abc2000000000000', parent: 'abc1000000000000', start: 0, dur: 1 },
    ]);
    expect(() => findSpans(t, 'ABC')).toThrow("--span 'abc' is ambiguous in trace aaaaaaaaaaaaaaaa: 2 span ids start with it: abc1000000000000, abc2000000000000");
    expect(findSpans(t, 'abc2').map((n) => n.span.spanId)).toEqual(['abc2000000000000']);
  });

  it('a hex id shorter than 16 digits is first read as a full id with its leading zeros dropped', () => {
    // '00000000000000a' (15 digits) is the id 000000000000000a, not a prefix of 00000000000000a1/a2.
    expect(findSpans(trace(), '00000000000000a').map((n) => n.span.spanId)).toEqual(['000000000000000a']);
  });

  it('returns both halves of a Zipkin shared id, client first', () => {
    const spans = [
      makeSpan({ id: '1', start: 0, dur: 10, kind: 'client', service: 'web' }),
      makeSpan({ id: '1', start: 1, dur: 8, kind: 'server', service: 'api', shared: true }),
    ];
    const t = buildTrace('aaaaaaaaaaaaaaaa', spans).result;
    expect(findSpans(t, '1').map((n) => `${n.span.service}/${n.depth}`)).toEqual(['web/0', 'api/1']);
  });
});

describe('spanDetail', () => {
  it('reports ids, tree place, timing, self time, status, attributes, events and links', () => {
    const t = trace();
    const self = selfTimes(t);
    const a = findSpans(t, 'a')[0]!;
    expect(spanDetail(t, a, self[a.index]!)).toEqual({
      traceId: 'aaaaaaaaaaaaaaaa',
      spanId: '000000000000000a',
      parentId: '0000000000000001',
      parent: { spanId: '0000000000000001', service: 'gw', operation: 'GET /' },
      relation: 'child_of',
      async: false,
      depth: 1,
      children: 2,
      service: 'api',
      operation: 'work',
      kind: 'server',
      startTime: '2023-11-14T22:13:20.002000Z',
      rawStartTime: null,
      skewMs: 0,
      startOffsetMs: 2,
      durationMs: 8,
      selfMs: 4,
      timing: 'exact',
      warnings: [],
      status: 'error',
      error: true,
      statusMessage: 'boom',
      host: 'h1',
      shared: false,
      format: 'otlp',
      flags: [],
      attributes: { 'http.status_code': 500, tags: ['x', 'y'] },
      resource: { 'service.name': 'api', 'host.name': 'h1' },
      events: [{ name: 'exception', time: '2023-11-14T22:13:20.006500Z', rawTime: null, offsetMs: 4.5, attributes: { 'exception.type': 'IOError' } }],
      refs: [],
    });
  });

  it('resolves links to spans of the same trace, and leaves others unresolved', () => {
    const t = trace();
    const l = findSpans(t, 'e')[0]!;
    const d = spanDetail(t, l, 0);
    expect([d.relation, d.async]).toEqual(['follows_from', true]);
    expect(d.refs).toEqual([
      { type: 'link', traceId: 'aaaaaaaaaaaaaaaa', spanId: '00000000000000a1', attributes: {}, target: { spanId: '00000000000000a1', service: 'svc', operation: 'op-a1' } },
      { type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '0000000000000001', attributes: { reason: 'batch' }, target: null },
    ]);
  });

  it('gives the recorded start next to the corrected one when clock skew moved the span', () => {
    // Parent h1 |10------30|; child on h2 recorded 0-4: centred → 18-22, +18ms.
    const t = makeTrace(
      [
        { id: '1', start: 10, dur: 20, host: 'h1' },
        { id: 'b', parent: '1', start: 0, dur: 4, host: 'h2' },
      ],
      true,
    );
    const d = spanDetail(t, findSpans(t, 'b')[0]!, 0);
    expect([d.startTime, d.rawStartTime, d.skewMs, d.startOffsetMs, d.flags]).toEqual([
      '2023-11-14T22:13:20.018000Z',
      '2023-11-14T22:13:20.000000Z',
      18,
      8,
      ['clock-skew'],
    ]);
  });
});

describe('chooseTrace', () => {
  const short = makeTrace([{ id: '1', start: 0, dur: 5 }]);
  const long = buildTrace('bbbbbbbbbbbbbbbb', [makeSpan({ id: '2', start: 0, dur: 9, traceId: 'bbbbbbbbbbbbbbbb' })]).result;
  const tie = buildTrace('cccccccccccccccc', [makeSpan({ id: '3', start: 0, dur: 9, traceId: 'cccccccccccccccc' })]).result;

  it('a single trace is chosen without a note', () => {
    expect(chooseTrace([short], undefined)).toMatchObject({ total: 1, longest: false });
  });

  it('of several, the longest (the first of equals), and says so', () => {
    const chosen = chooseTrace([short, long, tie], undefined);
    expect([chosen.trace.traceId, chosen.total, chosen.longest]).toEqual(['bbbbbbbbbbbbbbbb', 3, true]);
  });

  it('--trace picks by prefix', () => {
    expect(chooseTrace([short, long, tie], 'cc').trace.traceId).toBe('cccccccccccccccc');
  });

  it('an empty input is a usage error', () => {
    expect(() => chooseTrace([], undefined)).toThrow('the input has no traces');
  });
});
