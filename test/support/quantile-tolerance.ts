/**
 * Tolerance for a sample quantile, stated on the probability scale so it needs no density:
 * for the order statistic X_(k) with k = ⌈qn⌉, F(X_(k)) ~ Beta(k, n − k + 1), whose sd is
 * ≈ √(q(1 − q)/n). Five sd bound a false failure below 1e-6 per check; 1/n covers the
 * discreteness of k.
 *
 * @param q the quantile's probability
 * @param n the sample size
 * @returns the allowed |F(x_q) − q|
 */
export function quantileTolerance(q: number, n: number): number {
  return 5 * Math.sqrt((q * (1 - q)) / n) + 1 / n;
}

/** The quantiles the distribution tests check, tails included. */
export const QS = [0.05, 0.5, 0.9, 0.99, 0.999];
