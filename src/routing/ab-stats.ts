import jStat from "jstat";
import { createStream, sampleBeta } from "../random/index.js";

/** Successes out of trials for one variant. */
export interface Proportion {
  successes: number;
  trials: number;
}

/** A two-proportion z-test of B against A. */
export interface ZTestResult {
  /** (p̂_B − p̂_A) / pooled standard error; positive when B does better. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** p̂_B − p̂_A. */
  difference: number;
}

/**
 * The pooled two-proportion z-test (normal approximation). Valid when every cell has
 * n·p̂ ≥ 5 and n·(1 − p̂) ≥ 5 under the pooled p̂; {@link normalApproximationHolds} checks that.
 *
 * @param a the control's successes and trials
 * @param b the challenger's successes and trials
 * @returns z, the two-sided p-value and the difference in rates
 * @throws {RangeError} when a variant has no trials
 * @example twoProportionZTest({ successes: 40, trials: 100 }, { successes: 60, trials: 100 }).pValue // ≈ 0.0047
 */
export function twoProportionZTest(a: Proportion, b: Proportion): ZTestResult {
  if (!(a.trials > 0 && b.trials > 0)) throw new RangeError("both variants need trials");
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  // All successes or all failures: no variance, so no evidence of a difference.
  const z = se === 0 ? 0 : (pb - pa) / se;
  const pValue = 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
  return { z, pValue: Math.min(1, Math.max(0, pValue)), difference: pb - pa };
}

/**
 * Whether the normal approximation behind the z-test holds: n·p ≥ 5 and n·(1 − p) ≥ 5 for
 * every variant under the pooled rate.
 *
 * @param variants successes and trials per variant
 * @returns true when the test can be trusted
 */
export function normalApproximationHolds(variants: readonly Proportion[]): boolean {
  let s = 0;
  let n = 0;
  for (const v of variants) {
    s += v.successes;
    n += v.trials;
  }
  if (n === 0) return false;
  const p = s / n;
  return variants.every((v) => v.trials * p >= 5 && v.trials * (1 - p) >= 5);
}

/**
 * Bayesian probability that each variant has the highest success rate, under independent
 * Beta(1 + s, 1 + f) posteriors, by Monte Carlo with a seeded stream (the same data and seed
 * give the same answer; jstat's own sampler uses a global unseeded generator).
 *
 * @param variants successes and trials per variant
 * @param options number of draws (default 20,000; the error of each probability is at most
 *   0.5/√draws ≈ 0.0035) and seed
 * @returns one probability per variant, summing to 1
 */
export function probabilityToBeBest(
  variants: readonly Proportion[],
  options: { draws?: number; seed?: number } = {},
): number[] {
  const draws = options.draws ?? 20_000;
  const rng = createStream(options.seed ?? 0, "ab-test", "probability-to-be-best");
  const wins = new Array<number>(variants.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = -1;
    let bestI = 0;
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i];
      const x = sampleBeta(rng, 1 + v.successes, 1 + v.trials - v.successes);
      if (x > best) {
        best = x;
        bestI = i;
      }
    }
    wins[bestI]++;
  }
  return wins.map((w) => w / draws);
}

/**
 * The equal-tailed credible interval of a Beta(1 + s, 1 + f) posterior (jstat's quantile).
 *
 * @param p successes and trials
 * @param level e.g. 0.95
 * @returns [lower, upper]
 */
export function credibleInterval(p: Proportion, level = 0.95): [number, number] {
  const a = 1 + p.successes;
  const b = 1 + p.trials - p.successes;
  const tail = (1 - level) / 2;
  return [jStat.beta.inv(tail, a, b), jStat.beta.inv(1 - tail, a, b)];
}
