/**
 * Shared by the trace and span lists, which show ids cut to the shortest prefix that still tells
 * every listed id apart (as git shows commit ids).
 */

/** The shortest prefix length that tells every id apart (repeats of one id are one id). */
export function uniquePrefixLength(ids: readonly string[]): number {
  const sorted = [...new Set(ids)].sort();
  let len = 1;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    len = Math.max(len, k + 1);
  }
  return len;
}

/** The largest of `values`, at least `floor`; a loop, since spreading 100,000+ rows into Math.max overflows the stack. */
export function maxOf(values: readonly number[], floor: number): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
