import type { RandomStream } from "../random/stream.js";

/** One statistic's bootstrap summary. */
export interface BootstrapSummary {
  /** 2.5 % and 97.5 % percentiles of the replicates. */
  lo: number;
  hi: number;
  /** Standard deviation of the replicates. */
  se: number;
}

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Rows resampled. */
  n: number;
  /** Replicates; default 200. */
  replicates?: number;
  /** The resampling stream. */
  rng: RandomStream;
}

/**
 * The nonparametric percentile bootstrap: each replicate draws n rows with replacement, passed
 * to `statistics` as a multiplicity per row (how often it was drawn), and the 2.5 % and
 * 97.5 % percentiles of each statistic over the replicates bound its 95 % interval. The
 * statistics are recomputed from scratch on each replicate (the reward model refitted too),
 * so the interval includes every source of variation the data have; it costs one pass over
 * the rows per replicate.
 *
 * @param options rows, replicates and stream
 * @param statistics computes every statistic of one replicate from its multiplicities
 * @returns one summary per statistic, in the order `statistics` returns them
 * @example bootstrap({ n, rng }, (m) => [ips.value(sample, m)])
 */
export function bootstrap(
  options: BootstrapOptions,
  statistics: (m: Float64Array) => number[],
): BootstrapSummary[] {
  const { n, rng } = options;
  const replicates = options.replicates ?? 200;
  const m = new Float64Array(n);
  const draws: number[][] = [];
  for (let r = 0; r < replicates; r++) {
    m.fill(0);
    for (let k = 0; k < n; k++) m[rng.int(n)]++;
    statistics(m).forEach((x, s) => {
      if (draws[s] === undefined) draws[s] = [];
      draws[s].push(x);
    });
  }
  return draws.map((xs) => {
    const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const ss = sorted.reduce((a, x) => a + (x - mean) ** 2, 0);
    return {
      lo: at(0.025),
      hi: at(0.975),
      se: Math.sqrt(ss / Math.max(1, sorted.length - 1)),
    };
  });
}
