/** What the clock can resolve, measured: a benchmark reports it beside every figure. */
export interface TimerFacts {
  /** Smallest non-zero step seen between consecutive `process.hrtime.bigint()` reads, ns. */
  resolutionNs: number;
  /** Median cost of one clock read, ns: subtracted from batch timings. */
  readCostNs: number;
}

/**
 * Measures the timer's resolution and the cost of reading it.
 *
 * @param reads how many consecutive reads to sample
 * @returns the measured facts
 */
export function measureTimer(reads = 200_000): TimerFacts {
  const stamps = new BigInt64Array(reads);
  for (let i = 0; i < reads; i++) stamps[i] = process.hrtime.bigint();
  let resolution = Number.POSITIVE_INFINITY;
  for (let i = 1; i < reads; i++) {
    const d = Number(stamps[i] - stamps[i - 1]);
    if (d > 0 && d < resolution) resolution = d;
  }
  const total = Number(stamps[reads - 1] - stamps[0]);
  return { resolutionNs: resolution, readCostNs: total / (reads - 1) };
}
