/**
 * Kolmogorov–Smirnov distance between a sample and a CDF. With n draws the asymptotic
 * critical value at level p is √(−ln(p/2) / (2n)); at p = 1e-6 and n = 50,000 that is 0.0118.
 *
 * @param xs the sample
 * @param cdf the distribution function it is compared with
 * @returns sup |F_n(x) − F(x)|
 */
export function ksDistance(xs: number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return d;
}

/**
 * The KS critical value at level 1e-6 for n draws: a correct sampler exceeds it with
 * probability below 1e-6.
 *
 * @param n the sample size
 * @returns √(−ln(p/2) / (2n)) at p = 1e-6
 */
export function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(1e-6 / 2) / (2 * n));
}
