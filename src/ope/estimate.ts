/** A point estimate of a policy's value with its 95 % interval. */
export interface OpeEstimate {
  value: number;
  /** Lower end of the 95 % interval. */
  lo: number;
  /** Upper end of the 95 % interval. */
  hi: number;
  /** Standard error (closed-form intervals), or the bootstrap replicates' sd. */
  se: number;
}

/** The standard normal's 97.5 % quantile: a two-sided 95 % interval is value ± Z95 · se. */
export const Z95 = 1.959963984540054;

/**
 * A normal (Wald) 95 % interval, value ± 1.96 se: what the closed-form (sandwich) variances
 * of the estimators give, by the central limit theorem over logged rows.
 *
 * @param value the estimate
 * @param se its standard error
 * @returns the estimate with its interval
 * @example normalInterval(0.6, 0.01) // { value: 0.6, lo: 0.5804, hi: 0.6196, se: 0.01 }
 */
export function normalInterval(value: number, se: number): OpeEstimate {
  return { value, lo: value - Z95 * se, hi: value + Z95 * se, se };
}
