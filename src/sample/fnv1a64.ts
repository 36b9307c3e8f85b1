/**
 * FNV-1a, 64 bits (Fowler–Noll–Vo; Go's hash/fnv New64a): for each byte, xor it into the hash, then
 * multiply by the FNV prime modulo 2^64. The `probabilistic` tail-sampling policy hashes its salt and
 * the trace id with it.
 */
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

export function fnv1a64(...parts: readonly Uint8Array[]): bigint {
  let h = OFFSET_BASIS;
  for (const bytes of parts) {
    for (const b of bytes) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  }
  return h;
}
