/** Notebook 02, strategy comparison: which strategies it compares, and how long. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";

/** The strategies notebook 02 compares, in the order its tables list them. */
export const COMPARED_STRATEGIES: readonly string[] = Object.freeze([
  "rule-based",
  "thompson",
  "ucb1",
  "epsilon-greedy",
  "peak-ewma",
  "random",
  "oracle",
]);

/** What notebook 02 runs. */
export interface StrategyComparisonPlan {
  /** The scenario file. */
  scenario: string;
  strategies: string[];
  /** Queries per repetition. */
  rounds: number;
  /** Repetitions per strategy (each one a worker-thread task). */
  reps: number;
  /** Curve points kept (≤ 200). */
  points: number;
}

/**
 * The notebook's workload. At 200 queries/s the full run covers 250 s of virtual time per
 * repetition; 7 strategies × 10 repetitions × 50,000 queries (3.5 M simulated queries, profiled)
 * take about 25 s on 2 busy cores, inside the report's 60 s per notebook. Quick mode keeps
 * every strategy and enough repetitions for a t interval (4) on 10,000 queries.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the scenario, strategies, rounds, repetitions and curve points
 * @example const plan = strategyComparisonPlan(labSettings());
 */
export function strategyComparisonPlan(settings: { quick: boolean }): StrategyComparisonPlan {
  return {
    scenario: join(projectRoot, "data", "scenarios", "default.json"),
    strategies: [...COMPARED_STRATEGIES],
    rounds: settings.quick ? 10_000 : 50_000,
    reps: settings.quick ? 4 : 10,
    points: 100,
  };
}
