/**
 * OpenTelemetry consistent probability sampling (trace/tracestate-probability-sampling.md and
 * tracestate-handling.md): thresholds of ratios, and the ratio sampler's kept set on generated trace
 * ids against the specification's own test, done here independently of the code under test: the
 * spec chose lower-case hex "to enable direct lexicographical comparison between a sampling
 * threshold and either the TraceID or the explicit randomness value", so a trace is kept exactly
 * when the last 14 hex digits of its id sort at or after the 14-digit threshold.
 *
 * The 14-digit thresholds below were computed apart from tracectl, with Python's fractions:
 * T = 2^56 − round(p × 2^56) for the double p (python3 -c 'from fractions import Fraction; ...').
 */
import { describe, expect, it } from 'vitest';
import { formatThreshold, parseThreshold, probabilityOfThreshold, thresholdOfProbability, MAX_THRESHOLD } from '../../src/model/sampling-threshold.js';
import type { Span } from '../../src/model/span.js';
import { probabilityOfTraceState } from '../../src/model/span-sampling.js';
import { ratioDecision, withRatioThreshold } from '../../src/sample/ratio-sampler.js';
import { makeSpan } from '../helpers/make-span.js';
import { seededRandom } from '../helpers/seeded-random.js';

/** Ratio → its threshold as 14 hex digits (null: no threshold, nothing kept). */
const THRESHOLDS: readonly (readonly [number, string | null])[] = [
  [1, '00000000000000'],
  [0.5, '80000000000000'],
  [0.25, 'c0000000000000'],
  [0.1, 'e6666666666666'],
  [0.01, 'fd70a3d70a3d71'],
  [0.001, 'ffbe76c8b43958'],
  [1 / 3, 'aaaaaaaaaaaaac'],
  [0.9, '19999999999998'],
  [2 ** -56, 'ffffffffffffff'],
  [0, null],
];

function hexIds(n: number, seed: number): string[] {
  const random = seededRandom(seed);
  const hex = (): string => Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  return Array.from({ length: n }, () => Array.from({ length: 8 }, hex).join(''));
}

/** The specification's test, R >= T, as a comparison of lower-case hex text. */
function specKeeps(traceId: string, threshold14: string | null): boolean {
  return threshold14 !== null && traceId.slice(-14) >= threshold14;
}

describe('thresholds (tracestate-handling.md, sampling threshold value th)', () => {
  it.each(THRESHOLDS)('ratio %s has the threshold %s', (ratio, hex) => {
    const threshold = thresholdOfProbability(ratio);
    if (hex === null) expect(threshold).toBe(MAX_THRESHOLD);
    else expect(threshold.toString(16).padStart(14, '0')).toBe(hex);
  });

  it('writes th without trailing zeros, and reads it back extended with zeros (the spec examples)', () => {
    expect(formatThreshold(0n)).toBe('0');
    expect(formatThreshold(thresholdOfProbability(0.25))).toBe('c');
    expect(formatThreshold(thresholdOfProbability(0.01))).toBe('fd70a3d70a3d71');
    expect(parseThreshold('c')).toBe(0xc0000000000000n);
    expect(parseThreshold('fd70a4')).toBe(0xfd70a400000000n);
    // "ot=th:c corresponds with 25% sampling probability"; "ot=th:0 identifies 100% sampling".
    expect(probabilityOfTraceState('ot=th:c')).toBe(0.25);
    expect(probabilityOfTraceState('ot=th:0')).toBe(1);
    expect(probabilityOfTraceState('vendor=x,ot=rv:6e6d1a75832a2f;th:8')).toBe(0.5);
    // 1-14 lower-case hex digits only.
    for (const bad of ['', 'C', '123456789abcdef', 'xyz']) expect(parseThreshold(bad)).toBeUndefined();
    expect(probabilityOfTraceState('ot=th:C')).toBeUndefined();
    expect(probabilityOfThreshold(0xffffffffffffffn)).toBe(2 ** -56);
  });
});

describe('--ratio: the kept set on generated trace ids', () => {
  const ids = hexIds(20_000, 7);

  it.each(THRESHOLDS)('ratio %s keeps exactly the ids whose last 14 hex digits sort at or after %s', (ratio, hex) => {
    const threshold = thresholdOfProbability(ratio);
    const kept = ids.filter((id) => ratioDecision(id, [], threshold).kept);
    expect(kept).toEqual(ids.filter((id) => specKeeps(id, hex)));
  });

  it('keeps about the ratio asked for (20,000 ids; within 4 standard deviations)', () => {
    for (const p of [0.5, 0.1, 0.01]) {
      const kept = ids.filter((id) => ratioDecision(id, [], thresholdOfProbability(p)).kept).length;
      expect(Math.abs(kept - p * ids.length)).toBeLessThan(4 * Math.sqrt(ids.length * p * (1 - p)));
    }
  });

  it('at the edges: 1 keeps every id, 0 none, 2^-56 only the largest randomness; R = T is kept, R = T − 1 is not', () => {
    const edge = ['0000000000000000' + '00000000000000ff', '0123456789abcdef' + '00000000000000', 'aaaaaaaaaaaaaaaaaa' + 'ffffffffffffff'];
    expect(edge.map((id) => ratioDecision(id, [], thresholdOfProbability(1)).kept)).toEqual([true, true, true]);
    expect(edge.map((id) => ratioDecision(id, [], thresholdOfProbability(0)).kept)).toEqual([false, false, false]);
    expect(edge.map((id) => ratioDecision(id, [], thresholdOfProbability(2 ** -56)).kept)).toEqual([false, false, true]);
    expect(ratioDecision('ffffffffffffffffff' + 'fffffffffffffe', [], thresholdOfProbability(2 ** -56)).kept).toBe(false);
    const half = thresholdOfProbability(0.5);
    expect(ratioDecision('00000000000000000080000000000000', [], half).kept).toBe(true);
    expect(ratioDecision('0000000000000000007fffffffffffff', [], half).kept).toBe(false);
  });

  it('a kept set at a lower ratio is inside the kept set at every higher ratio (consistency)', () => {
    const ratios = [2 ** -56, 0.001, 0.01, 0.1, 1 / 3, 0.5, 0.9, 1];
    const sets = ratios.map((p) => new Set(ids.filter((id) => ratioDecision(id, [], thresholdOfProbability(p)).kept)));
    for (let i = 1; i < sets.length; i++) for (const id of sets[i - 1]!) expect(sets[i]!.has(id)).toBe(true);
  });

  it("takes the randomness from the root's explicit ot=rv: when there is one, not from the trace id", () => {
    const id = 'ffffffffffffffffffffffffffffffff'; // the largest randomness a trace id can give
    const root = (rv: string): Span => makeSpan({ id: '1', start: 0, dur: 1, traceId: id, traceState: `ot=rv:${rv}` });
    const half = thresholdOfProbability(0.5);
    expect(ratioDecision(id, [root('7fffffffffffff')], half)).toEqual({ kept: false, randomness: 'rv' });
    expect(ratioDecision(id, [root('80000000000000')], half)).toEqual({ kept: true, randomness: 'rv' });
    // A malformed rv (not 14 digits) is no randomness: the trace id's is used.
    expect(ratioDecision(id, [root('8000')], half)).toEqual({ kept: true, randomness: 'trace-id' });
    expect(ratioDecision('not-hex', [], half)).toEqual({ kept: false, randomness: undefined });
  });

  it('writes th into kept spans, keeping rv and other members, the ot entry first; never lowers a higher threshold', () => {
    const spans = [
      makeSpan({ id: '1', start: 0, dur: 10, traceState: 'vendor=gold,ot=rv:abcdefabcdefab' }),
      makeSpan({ id: '2', parent: '1', start: 1, dur: 5 }),
      makeSpan({ id: '3', parent: '1', start: 2, dur: 5, traceState: 'ot=th:f' }),
    ];
    const out = withRatioThreshold(spans, thresholdOfProbability(0.25));
    expect(out.map((s) => s.traceState)).toEqual(['ot=th:c;rv:abcdefabcdefab,vendor=gold', 'ot=th:c', 'ot=th:f']);
    expect(out.map((s) => s.sampling)).toEqual([
      { probability: 0.25, method: 'consistent' },
      { probability: 0.25, method: 'consistent' },
      { probability: 1 / 16, method: 'consistent' },
    ]);
    expect(spans[0]!.traceState).toBe('vendor=gold,ot=rv:abcdefabcdefab'); // the input is not changed
  });
});
