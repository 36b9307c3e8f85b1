/**
 * Holm's step-down correction for many tests at once. A diff tests every operation (its latency and
 * its error rate); at a 1% level, a dump with 200 operations would flag about 4 of them by chance
 * alone, and CI would fail on noise. Holm keeps the chance of even one false "significant" below the
 * level over the whole diff, while rejecting at least as much as Bonferroni: sort the p-values, and
 * compare the k-th smallest (from 0) with level / (m − k), stopping at the first that is not below.
 */

/** For each p-value, whether it is significant at `alpha` after the correction (same order). */
export function holmSignificant(pValues: readonly number[], alpha: number): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = new Array<boolean>(m).fill(false);
  for (let k = 0; k < m; k++) {
    const { p, i } = order[k]!;
    if (!(p < alpha / (m - k))) break;
    out[i] = true;
  }
  return out;
}
