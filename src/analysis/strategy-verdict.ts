import jStat from "jstat";
import { formatPercent } from "../format/number.js";
import type { RunTotals } from "../sim/metrics/types.js";
import { type Estimate, meanInterval } from "../stats/estimate.js";

/** Which strategy to ship, from an experiment's repetitions. */
export interface StrategyVerdict {
  /** The strategy with the highest mean SLO attainment (the oracle left out: it is a ceiling). */
  best: string;
  /** The next best, when there is one. */
  runnerUp?: string;
  /** Paired differences best − runner-up of SLO attainment over repetitions. */
  diff?: Estimate;
  /** Whether the paired 95 % interval lies above 0. */
  separated: boolean;
  /**
   * More repetitions that would separate them if the mean and sd stay as measured; NaN when
   * that cannot be said (one repetition, or no difference at all).
   */
  moreReps?: number;
  /** One line for the terminal. */
  line: string;
}

/**
 * The smallest number of paired repetitions n whose 95 % t-interval, t(0.975, n − 1) · sd/√n,
 * is narrower than |mean|: the planning rule for a paired comparison when the measured mean
 * and sd are taken as the truth.
 *
 * @param diff the paired differences' estimate so far
 * @param limit the largest n considered (default 100,000)
 * @returns n, or NaN when sd is unknown, the mean is 0 or n would exceed the limit
 * @example repsToSeparate({ mean: 0.01, sd: 0.02, n: 3, lo: 0, hi: 0 }) // 18
 */
export function repsToSeparate(diff: Estimate, limit = 100_000): number {
  const m = Math.abs(diff.mean);
  if (!(diff.n >= 2) || !(m > 0) || !Number.isFinite(diff.sd)) return Number.NaN;
  if (diff.sd === 0) return 2;
  for (let n = 2; n <= limit; n++) {
    if ((jStat.studentt.inv(0.975, n - 1) * diff.sd) / Math.sqrt(n) < m) return n;
  }
  return Number.NaN;
}

/**
 * The verdict `simulate` prints under its table: the strategy with the highest SLO attainment
 * and whether the paired 95 % interval over repetitions (the same seeds, so the same arrivals
 * and backend draws for every strategy) separates it from the runner-up; if not, how many more
 * repetitions would, from the paired sd. The oracle is left out: it knows the scenario and
 * cannot ship.
 *
 * @param strategies each strategy's name and per-repetition totals, in repetition order
 * @returns the verdict and its line
 * @throws {RangeError} when there is no strategy
 * @example strategyVerdict(result.strategies.map((s) => ({ strategy: s.strategy, repetitions: s.repetitions })))
 */
export function strategyVerdict(
  strategies: readonly { strategy: string; repetitions: readonly RunTotals[] }[],
): StrategyVerdict {
  if (strategies.length === 0) throw new RangeError("a verdict needs at least one strategy");
  const shippable = strategies.filter((s) => s.strategy !== "oracle");
  const pool = shippable.length > 0 ? shippable : strategies;
  const ranked = pool
    .map((s) => ({ s, mean: meanInterval(s.repetitions.map((t) => t.sloAttainment)).mean }))
    .sort((a, b) => b.mean - a.mean);
  const best = ranked[0];
  const note =
    shippable.length < strategies.length
      ? " (oracle left out: it is a ceiling, not a strategy to ship)"
      : "";
  if (ranked.length === 1) {
    return {
      best: best.s.strategy,
      separated: false,
      line: `Verdict: ${best.s.strategy} meets the SLO on ${formatPercent(best.mean)} of queries; nothing to compare it with${note}.`,
    };
  }
  const second = ranked[1];
  const n = Math.min(best.s.repetitions.length, second.s.repetitions.length);
  const diff = meanInterval(
    Array.from(
      { length: n },
      (_, r) => best.s.repetitions[r].sloAttainment - second.s.repetitions[r].sloAttainment,
    ),
  );
  const separated = diff.lo > 0;
  const pts = (x: number) => `${(x * 100).toFixed(2)}`;
  const head = `Verdict: ${best.s.strategy} meets the SLO most often (${formatPercent(best.mean)}; ${second.s.strategy} ${formatPercent(second.mean)})`;
  if (separated) {
    return {
      best: best.s.strategy,
      runnerUp: second.s.strategy,
      diff,
      separated,
      line: `${head}, ahead by ${pts(diff.mean)} points (paired 95 % interval ${pts(diff.lo)} to ${pts(diff.hi)}, over ${n} repetitions)${note}.`,
    };
  }
  const needed = repsToSeparate(diff);
  const more = Number.isFinite(needed) ? Math.max(1, needed - n) : Number.NaN;
  const why =
    n < 2
      ? "one repetition has no spread: run --reps 2 or more to compare"
      : Number.isFinite(more)
        ? `not separated by the paired 95 % interval (${pts(diff.lo)} to ${pts(diff.hi)} points); about ${more} more repetition${more === 1 ? "" : "s"} would separate them if the difference holds`
        : `not separated by the paired 95 % interval (${pts(diff.lo)} to ${pts(diff.hi)} points), and no number of repetitions would at this difference`;
  return {
    best: best.s.strategy,
    runnerUp: second.s.strategy,
    diff,
    separated,
    moreReps: more,
    line: `${head}, ${why}${note}.`,
  };
}

/** The legend printed under `simulate`'s table. */
export const SIMULATE_LEGEND =
  "Legend: regret is the bandit pseudo-regret summed over decisions, Σ (best expected reward − the chosen backend's), a reward being P(one request meets the SLO); SLO gap is the pattern-aware oracle's expected SLO attainment minus the strategy's, per query; ± is the half-width of the 95 % t-interval over repetitions.";
