import { describe, expect, it } from 'vitest';
import { SpanList } from '../../src/analyses/span-list.js';
import type { Span } from '../../src/model/span.js';

function span(i: number, durationNs: number, startNs: bigint, extra: Partial<Span> = {}): Span {
  return {
    traceId: `t${String(i % 7).padStart(31, '0')}`,
    spanId: i.toString(16).padStart(16, '0'),
    refs: [],
    service: `svc${i % 3}`,
    operation: `op${i}`,
    kind: 'server',
    startNs,
    durationNs,
    timing: 'exact',
    status: 'unset',
    attributes: {},
    resource: {},
    events: [],
    format: 'otlp',
    ...extra,
  };
}

describe('SpanList', () => {
  it('holds at most --limit spans while a large input streams through, and keeps the longest', () => {
    const list = new SpanList({ sort: 'duration', limit: 50, columns: [] });
    let most = 0;
    const durations: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const d = (i * 7919) % 100_003; // distinct (100,003 is prime), in a scrambled order
      durations.push(d);
      list.add(span(i, d, BigInt(i)));
      most = Math.max(most, list.held);
    }
    expect(most).toBe(50);
    const result = list.result();
    expect(result.matched).toBe(50_000);
    expect(result.spans.map((r) => r.durationMs * 1e6)).toEqual(durations.sort((a, b) => b - a).slice(0, 50));
  });

  it('sorts by start or by duration either way, ties by start then ids', () => {
    const spans = [span(1, 5, 30n), span(2, 9, 10n), span(3, 5, 20n), span(4, 1, 40n)];
    const ids = (sort: 'duration' | '-duration' | 'start' | '-start'): string[] => {
      const list = new SpanList({ sort, limit: 0, columns: [] });
      for (const s of spans) list.add(s);
      return list.result().spans.map((r) => r.operation);
    };
    expect(ids('duration')).toEqual(['op2', 'op3', 'op1', 'op4']);
    expect(ids('-duration')).toEqual(['op4', 'op3', 'op1', 'op2']);
    expect(ids('start')).toEqual(['op2', 'op3', 'op1', 'op4']);
    expect(ids('-start')).toEqual(['op4', 'op1', 'op3', 'op2']);
  });

  it('rows carry units in their names and the --attrs columns by scope', () => {
    const list = new SpanList({ sort: 'duration', limit: 1, columns: ['attr.region', 'resource.region', 'region', 'pod', 'span.none'] });
    list.add(
      span(1, 1_500_000, 1_700_000_000_123_456_789n, {
        parentId: '00000000000000aa',
        status: 'error',
        statusMessage: 'boom',
        attributes: { region: 'eu' },
        resource: { region: 'us', pod: 'p-1' },
      }),
    );
    expect(list.result().spans[0]).toEqual({
      traceId: 't0000000000000000000000000000001',
      spanId: '0000000000000001',
      parentSpanId: '00000000000000aa',
      service: 'svc1',
      operation: 'op1',
      kind: 'server',
      startTimeUnixNano: '1700000000123456789',
      startTime: '2023-11-14T22:13:20.123456Z',
      durationMs: 1.5,
      status: 'error',
      statusMessage: 'boom',
      attributes: { region: 'eu' },
      resource: { region: 'us', pod: 'p-1' },
      columns: { 'attr.region': 'eu', 'resource.region': 'us', region: 'eu', pod: 'p-1', 'span.none': null },
    });
  });
});
