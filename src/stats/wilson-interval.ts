/**
 * The Wilson score interval for a binomial proportion: better than p ± z·√(p(1−p)/n) near 0
 * and 1 and with few trials, where error, hit and success rates often sit.
 *
 * @param successes how many trials succeeded
 * @param n how many trials
 * @param z the normal quantile (default 1.96: a 95 % two-sided interval)
 * @returns the interval [lo, hi] within [0, 1]; [0, 1] when n is 0
 * @throws {RangeError} when successes is not in [0, n]
 * @example wilsonInterval(45, 50) // [0.786, 0.957]
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  if (!(successes >= 0 && successes <= n)) {
    throw new RangeError(`successes must be in [0, n], got ${successes} of ${n}`);
  }
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
