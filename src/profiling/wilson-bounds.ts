/**
 * The Wilson score interval for a proportion: better than p ± z·√(p(1−p)/n) near 0 and 1 and
 * for small n, which is where error and hit rates live.
 *
 * @param successes events counted
 * @param n trials
 * @param z normal quantile for the confidence wanted (1.96 → 95 % two-sided)
 * @returns `[lower, upper]`; `[0, 1]` when n is 0
 * @example wilsonBounds(10, 1000, 1.96) // ≈ [0.0054, 0.0183]
 */
export function wilsonBounds(successes: number, n: number, z: number): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return [Math.max(0, (centre - spread) / denom), Math.min(1, (centre + spread) / denom)];
}
