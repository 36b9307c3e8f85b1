/**
 * The `probabilistic` policy's threshold (internal/sampling/probabilistic.go, calculateThreshold):
 * `ratio × MaxUint64` computed in Go's big.Float, whose product takes the receiver's precision, 64
 * bits (set from MaxUint64), rounding to nearest even, then truncated to a uint64 (negative → 0,
 * beyond MaxUint64 → MaxUint64). Reproduced exactly with bigints from the double's exact value.
 */
const MAX_UINT64 = (1n << 64n) - 1n;

/** A finite double as mantissa × 2^exponent, both exact. */
function exactBinary(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 === 1 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: sign * fraction, exponent: -1074 };
  return { mantissa: sign * ((1n << 52n) | fraction), exponent: biased - 1075 };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds a non-negative integer to 64 significant bits, ties to even. */
function roundTo64Bits(n: bigint): bigint {
  const extra = bitLength(n) - 64;
  if (extra <= 0) return n;
  const unit = 1n << BigInt(extra);
  const kept = n >> BigInt(extra);
  const rest = n - (kept << BigInt(extra));
  const half = unit >> 1n;
  const up = rest > half || (rest === half && (kept & 1n) === 1n);
  return (up ? kept + 1n : kept) << BigInt(extra);
}

export function probabilisticThreshold(ratio: number): bigint {
  if (Number.isNaN(ratio)) throw new RangeError('probabilistic: sampling ratio is NaN');
  if (ratio === Infinity) return MAX_UINT64;
  if (ratio <= 0 || ratio === -Infinity) return 0n;
  const { mantissa, exponent } = exactBinary(ratio);
  const product = roundTo64Bits(MAX_UINT64 * mantissa);
  const value = exponent >= 0 ? product << BigInt(exponent) : product >> BigInt(-exponent);
  return value > MAX_UINT64 ? MAX_UINT64 : value;
}
