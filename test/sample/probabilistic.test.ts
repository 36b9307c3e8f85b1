/**
 * The `probabilistic` tail-sampling policy, computed as the Collector computes it
 * (processor/tailsamplingprocessor/internal/sampling/probabilistic.go): FNV-1a-64 (Go's hash/fnv
 * New64a) over the hash salt ("default-hash-seed" unless hash_salt is set) and then the trace id's 16
 * bytes; kept when the hash is at most calculateThreshold(sampling_percentage / 100), which multiplies
 * MaxUint64 by the ratio in Go's big.Float at 64-bit precision (round to nearest even) and truncates.
 *
 * The expected numbers were computed apart from tracectl, by a separate Python program (standard
 * library only): FNV-1a as the textbook loop `h ^= b; h = h * 0x100000001b3 mod 2^64` from offset
 * basis 0xcbf29ce484222325; the threshold from `fractions.Fraction`: the exact product of MaxUint64
 * and the double `pct / 100`, rounded to 64 significant bits with ties to even, floored. The FNV
 * implementation was first checked against the published FNV test vectors ("" → 0xcbf29ce484222325,
 * "a" → 0xaf63dc4c8601ec8c, "foobar" → 0x85944171f73967e8), which are checked here too.
 */
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../src/sample/fnv1a64.js';
import { probabilisticThreshold } from '../../src/sample/probabilistic-threshold.js';
import { probabilisticPolicy } from '../../src/sample/policies/probabilistic.js';
import { policyTrace } from '../../src/sample/policy-trace.js';
import { SHOP_IDS } from './helpers.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.padStart(32, '0'), 'hex'));

describe('FNV-1a 64', () => {
  it('gives the published test vectors', () => {
    expect(fnv1a64(bytes(''))).toBe(0xcbf29ce484222325n);
    expect(fnv1a64(bytes('a'))).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64(bytes('foobar'))).toBe(0x85944171f73967e8n);
  });

  it('hashes salt then trace id as the Python reference does', () => {
    // python3: fnv1a64(salt.encode() + bytes.fromhex(trace_id))
    const expected: readonly (readonly [string, string, bigint])[] = [
      ['default-hash-seed', SHOP_IDS.T1!, 11908981664384643253n],
      ['default-hash-seed', SHOP_IDS.T2!, 3728843964641534796n],
      ['default-hash-seed', SHOP_IDS.T8!, 1783670145475291044n],
      ['default-hash-seed', SHOP_IDS.T10!, 5349578501739631683n],
      ['default-hash-seed', SHOP_IDS.T13!, 15494071901919244001n],
      ['tier-2', SHOP_IDS.T4!, 3298083403437694550n],
      ['tier-2', SHOP_IDS.T7!, 3663945055951692156n],
      ['tier-2', SHOP_IDS.T12!, 13794051704958774510n],
    ];
    for (const [salt, id, hash] of expected) expect(fnv1a64(bytes(salt), hex(id))).toBe(hash);
  });
});

describe('calculateThreshold', () => {
  it('matches the exact big.Float arithmetic (Python fractions) for percentages in and out of range', () => {
    const expected: readonly (readonly [number, bigint])[] = [
      [20, 3689348814741910527n],
      [33, 6087425544324152319n],
      [25, 4611686018427387903n],
      [12.5, 2305843009213693951n],
      [0.1, 18446744073709551n],
      [99.99, 18444899399302178815n],
      [100, 18446744073709551615n],
      [150, 18446744073709551615n],
      [0, 0n],
      [-50, 0n],
    ];
    for (const [pct, threshold] of expected) expect([pct, probabilisticThreshold(pct / 100)]).toEqual([pct, threshold]);
  });
});

describe('the policy on the shop fixture ids', () => {
  const decide = (salt: string, pct: number): string[] => {
    const policy = probabilisticPolicy(salt, pct);
    return Object.entries(SHOP_IDS)
      .filter(([, id]) => policy.evaluate(policyTrace(id, [], 0n)).decision === 'sampled')
      .map(([name]) => name);
  };

  it('keeps the ids whose hash is at most the threshold (hashes and thresholds above)', () => {
    // 20%: only T8's hash (1783670145475291044) is at most 3689348814741910527; T2's (3728843964641534796) is just above.
    expect(decide('', 20)).toEqual(['T8']);
    // 33%: T2, T8 and T10 (5349578501739631683) are at most 6087425544324152319.
    expect(decide('', 33)).toEqual(['T2', 'T8', 'T10']);
    expect(decide('default-hash-seed', 33)).toEqual(['T2', 'T8', 'T10']);
    expect(decide('tier-2', 25)).toEqual(['T4', 'T7']);
    expect(decide('', 100)).toHaveLength(13);
    expect(decide('', 0)).toEqual([]);
  });

  it("a kept trace's probability is the percentage, for the adjusted count", () => {
    expect(probabilisticPolicy('', 33).evaluate(policyTrace(SHOP_IDS.T2!, [], 0n))).toEqual({ decision: 'sampled', p: 0.33 });
  });
});
