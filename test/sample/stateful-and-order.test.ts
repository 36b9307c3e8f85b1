/**
 * The parts of the tail sampler where order and time matter: the latency policy's span-by-span
 * duration with an upper threshold (internal/sampling/latency.go), Go's x/time/rate token bucket
 * behind rate_limiting, the composite's seconds, and the order the sampler decides traces in.
 */
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import { latencyPolicy } from '../../src/sample/policies/latency.js';
import { policyTrace } from '../../src/sample/policy-trace.js';
import { decisionTime, TailSampler } from '../../src/sample/tail-sampler.js';
import { TokenBucket } from '../../src/sample/token-bucket.js';
import { BASE_NS, makeSpan } from '../helpers/make-span.js';

const trace = (spans: Span[]) => policyTrace(spans[0]!.traceId, spans, 0n);

describe('latency with an upper threshold', () => {
  //   span a  |-----|                 0-50 ms    (read first)
  //   span b  |---------------------| 0-500 ms
  // After a: 50 ms, inside (40, 100]: sampled there, although the whole trace lasts 500 ms.
  const a = makeSpan({ id: '1', start: 0, dur: 50 });
  const b = makeSpan({ id: '2', start: 0, dur: 500 });

  it('decides on the spans read so far, in the order they came: a prefix inside the band keeps the trace', () => {
    expect(latencyPolicy(40, 100).evaluate(trace([a, b])).decision).toBe('sampled');
    expect(latencyPolicy(40, 100).evaluate(trace([b, a])).decision).toBe('not-sampled');
  });

  it('without an upper threshold the order does not matter (the duration only grows)', () => {
    expect(latencyPolicy(400, 0).evaluate(trace([a, b])).decision).toBe('sampled');
    expect(latencyPolicy(400, 0).evaluate(trace([b, a])).decision).toBe('sampled');
    expect(latencyPolicy(501, 0).evaluate(trace([a, b])).decision).toBe('not-sampled');
  });

  it('counts whole milliseconds, truncated: 99.9 ms is 99', () => {
    const s = makeSpan({ id: '1', start: 0, dur: 99.9 });
    expect(latencyPolicy(100, 0).evaluate(trace([s])).decision).toBe('not-sampled');
    expect(latencyPolicy(99, 0).evaluate(trace([s])).decision).toBe('sampled');
  });
});

describe('the token bucket (golang.org/x/time/rate AllowN)', () => {
  const s = (seconds: number): bigint => BigInt(Math.round(seconds * 1e9));

  it('starts full, refills at the limit up to the burst, refuses more than the burst at once', () => {
    const bucket = new TokenBucket(10, 20);
    expect(bucket.allowN(s(0), 20)).toBe(true); // full at first
    expect(bucket.allowN(s(0), 1)).toBe(false);
    expect(bucket.allowN(s(0.5), 5)).toBe(true); // 5 refilled in 0.5 s
    expect(bucket.allowN(s(0.5), 1)).toBe(false);
    expect(bucket.allowN(s(100), 21)).toBe(false); // never more than the burst
    expect(bucket.allowN(s(100), 20)).toBe(true);
  });

  it('a refused request changes nothing; a time before the last one counts as no time', () => {
    const bucket = new TokenBucket(1, 2);
    expect(bucket.allowN(s(10), 2)).toBe(true);
    expect(bucket.allowN(s(10.5), 1)).toBe(false);
    expect(bucket.allowN(s(9), 1)).toBe(false);
    expect(bucket.allowN(s(11), 1)).toBe(true);
  });

  it('a limit of 0 never refills: the burst is spent once', () => {
    const bucket = new TokenBucket(0, 3);
    expect([bucket.allowN(s(0), 2), bucket.allowN(s(50), 2), bucket.allowN(s(99), 1), bucket.allowN(s(99), 1)]).toEqual([true, false, true, false]);
  });
});

describe('decision order', () => {
  it("a trace's decision time is its earliest span end (a span is exported when it ends)", () => {
    const spans = [makeSpan({ id: '1', start: 0, dur: 100 }), makeSpan({ id: '2', parent: '1', start: 10, dur: 20 })];
    expect(decisionTime(spans)).toBe(BASE_NS + 30_000_000n);
    expect(decisionTime([makeSpan({ id: '1', start: 5, dur: 0, timing: 'no-duration' })])).toBe(BASE_NS + 5_000_000n);
  });

  it('stateful policies see traces in decision-time order, not read order', () => {
    // One span a second allowed, a bucket of 1: whichever trace is decided first takes it.
    const sampler = new TailSampler({ id: 't', sampleOnFirstMatch: false, assumed: [], policies: [{ name: 'one', type: 'rate_limiting', spansPerSecond: 1, burstCapacity: 1 }] });
    const late = makeSpan({ id: '1', start: 500, dur: 10, traceId: 'bbbbbbbbbbbbbbbb' });
    const early = makeSpan({ id: '2', start: 0, dur: 10, traceId: 'aaaaaaaaaaaaaaaa' });
    const decisions = sampler.decideAll([
      ['bbbbbbbbbbbbbbbb', [late]],
      ['aaaaaaaaaaaaaaaa', [early]],
    ]);
    expect(decisions.map((d) => d.kept)).toEqual([false, true]);
  });
});
