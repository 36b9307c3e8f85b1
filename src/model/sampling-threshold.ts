/**
 * OpenTelemetry consistent probability sampling, as the specification defines it
 * (trace/tracestate-probability-sampling.md, trace/tracestate-handling.md): a 56-bit randomness `R`
 * (the rightmost 56 bits of the trace id, or an explicit `rv`) is kept when `R >= T`, where the
 * rejection threshold `T = 2^56 × (1 − p)` is written in the tracestate as `ot=th:` followed by 1-14
 * hex digits, trailing zeros removed. In bigints: a 56-bit value does not fit a double's 53 bits.
 */

/** 2^56: the number of distinct randomness values (the spec's MaxAdjustedCount). */
export const MAX_THRESHOLD = 1n << 56n;

const TH = /^[0-9a-f]{1,14}$/;
const RV = /^[0-9a-f]{14}$/;

/**
 * The threshold closest to probability `p` in [0, 1]: `2^56 − round(p × 2^56)` (as OpenTelemetry's
 * Java and Collector implementations compute it at full precision). 0 → 2^56, which no randomness
 * reaches: nothing is kept. `p × 2^56` is exact in doubles (a power-of-two scaling).
 */
export function thresholdOfProbability(p: number): bigint {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`sampling probability must be in [0, 1], got ${p}`);
  return MAX_THRESHOLD - BigInt(Math.round(p * 2 ** 56));
}

/** The rejection threshold `th` denotes (extended with trailing zeros to 14 digits), or undefined if malformed. */
export function parseThreshold(th: string): bigint | undefined {
  return TH.test(th) ? BigInt(`0x${th.padEnd(14, '0')}`) : undefined;
}

/** `th` text for a threshold below 2^56: lower-case hex, 14 digits, trailing zeros removed ("0" for 0). */
export function formatThreshold(threshold: bigint): string {
  if (threshold < 0n || threshold >= MAX_THRESHOLD) throw new RangeError(`threshold ${threshold} is not below 2^56`);
  if (threshold === 0n) return '0';
  return threshold.toString(16).padStart(14, '0').replace(/0+$/, '');
}

/** The probability a threshold keeps: (2^56 − T) / 2^56. */
export function probabilityOfThreshold(threshold: bigint): number {
  return Number(MAX_THRESHOLD - threshold) / 2 ** 56;
}

/** The explicit randomness `rv` (exactly 14 hex digits), or undefined if malformed. */
export function parseRandomness(rv: string): bigint | undefined {
  return RV.test(rv) ? BigInt(`0x${rv}`) : undefined;
}

/** The rightmost 56 bits of a normalized (lower-case hex) trace id; undefined when it is not hex. */
export function randomnessOfTraceId(traceId: string): bigint | undefined {
  if (traceId.length < 14 || !/^[0-9a-f]+$/.test(traceId)) return undefined;
  return BigInt(`0x${traceId.slice(-14)}`);
}
