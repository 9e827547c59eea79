import { distributionCdf, distributionQuantile } from "./distribution-functions.js";
import type { DistributionFit, LatencyDistribution } from "./types.js";

/** A point of a quantile–quantile plot. */
export interface QqPoint {
  /** Plotting probability (i + ½)/n of the order statistic. */
  p: number;
  /** The fitted distribution's quantile at p. */
  theoretical: number;
  /** The sample's order statistic at p. */
  observed: number;
}

/** A point of a distribution-function curve. */
export interface CdfPoint {
  x: number;
  p: number;
}

/** Options for the plot helpers. */
export interface PointsOptions {
  /** At most this many points (default 200), spread evenly in probability. */
  maxPoints?: number;
}

function distributionOf(fit: DistributionFit | LatencyDistribution): LatencyDistribution {
  return "distribution" in fit ? fit.distribution : fit;
}

/** Indices 0..n−1 thinned to at most `max`, evenly spaced, always keeping the last. */
function thinned(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

/**
 * Points for a QQ plot of a sample against a fitted distribution: the i-th order statistic
 * against the fitted quantile at (i + ½)/n. A good fit lies on the line y = x.
 *
 * @param fit a fit (or a bare distribution)
 * @param samples the sample the fit came from (any order)
 * @param options how many points at most
 * @returns points ordered by p
 * @example Plot.dot(qqPoints(report.best, xs), { x: "theoretical", y: "observed" })
 */
export function qqPoints(
  fit: DistributionFit | LatencyDistribution,
  samples: readonly number[],
  options: PointsOptions = {},
): QqPoint[] {
  const distribution = distributionOf(fit);
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  return thinned(n, options.maxPoints ?? 200).map((i) => {
    const p = (i + 0.5) / n;
    return { p, theoretical: distributionQuantile(distribution, p), observed: sorted[i] };
  });
}

/**
 * The empirical CDF of a sample as step points: at the i-th order statistic Fₙ = (i + 1)/n.
 *
 * @param samples the values (any order)
 * @param options how many points at most
 * @returns points ordered by x
 * @example Plot.line(ecdfPoints(xs), { x: "x", y: "p", curve: "step-after" })
 */
export function ecdfPoints(samples: readonly number[], options: PointsOptions = {}): CdfPoint[] {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  return thinned(n, options.maxPoints ?? 200).map((i) => ({ x: sorted[i], p: (i + 1) / n }));
}

/**
 * A fitted distribution's CDF evaluated on a grid, to draw against {@link ecdfPoints}.
 *
 * @param fit a fit (or a bare distribution)
 * @param range the x-range to cover and the number of points (default 200); `log: true`
 * spaces them geometrically, which suits long-tailed latencies on a log axis
 * @returns points ordered by x
 * @throws {RangeError} when the range is empty, or log-spaced with min ≤ 0
 * @example cdfPoints(report.best, { min: 1, max: 500, log: true })
 */
export function cdfPoints(
  fit: DistributionFit | LatencyDistribution,
  range: { min: number; max: number; points?: number; log?: boolean },
): CdfPoint[] {
  const distribution = distributionOf(fit);
  const { min, max, log = false } = range;
  const points = range.points ?? 200;
  if (!(max > min) || (log && !(min > 0)) || !(points >= 2)) {
    throw new RangeError(`cdfPoints needs min < max (min > 0 when log) and ≥ 2 points`);
  }
  const out: CdfPoint[] = [];
  for (let i = 0; i < points; i++) {
    const t = i / (points - 1);
    const x = log ? min * (max / min) ** t : min + t * (max - min);
    out.push({ x, p: distributionCdf(distribution, x) });
  }
  return out;
}
