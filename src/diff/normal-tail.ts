/**
 * The two-sided tail of the standard normal distribution, P(|Z| >= |z|), which turns a z statistic
 * into a p-value. Computed as erfc(|z|/√2) with the Chebyshev fit of erfc from Numerical Recipes
 * (fractional error below 1.2e-7 everywhere): plenty for deciding "significant at 1%", and no
 * dependency for one function.
 */
export function twoSidedNormalTail(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

function erfc(x: number): number {
  const a = Math.abs(x);
  const t = 1 / (1 + 0.5 * a);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-a * a + poly);
  return x >= 0 ? r : 2 - r;
}
