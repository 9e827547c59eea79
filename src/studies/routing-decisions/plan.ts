/** Notebook 01, routing decisions: how long its speed measurement runs. */

/** How decision speed is measured (see `measureDecisionSpeed`'s options). */
export interface DecisionSpeedSettings {
  /** Independent runs; figures are medians over runs. */
  runs: number;
  /** Time per run and warm-up per run, ms. */
  timeMs: number;
  warmupMs: number;
  /** Decisions per timed batch. */
  batchSize: number;
  /** Outcomes each learning strategy records before it is timed. */
  pretrainOutcomes: number;
  /** Thompson is timed again after this many outcomes (0: not). */
  growthCheckOutcomes: number;
}

/** What notebook 01's speed part measures. */
export interface DecisionSpeedPlan {
  settings: DecisionSpeedSettings;
  /** The strategies timed; undefined: every strategy `measureDecisionSpeed` times. */
  strategies: string[] | undefined;
}

/**
 * The speed part's workload. Each strategy costs runs × (warm-up + timed + CPU-timed run)
 * plus its training, so quick mode times only the two strategies the old system published
 * figures for, plus the growth check.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the measurement's settings and the strategies to time
 * @example decisionSpeedPlan({ quick: true }).settings.runs // 3
 */
export function decisionSpeedPlan(settings: { quick: boolean }): DecisionSpeedPlan {
  return settings.quick
    ? {
        settings: {
          runs: 3,
          timeMs: 100,
          warmupMs: 50,
          batchSize: 5_000,
          pretrainOutcomes: 2_000,
          growthCheckOutcomes: 50_000,
        },
        strategies: ["rule-based", "thompson"],
      }
    : {
        settings: {
          runs: 5,
          timeMs: 150,
          warmupMs: 50,
          batchSize: 5_000,
          pretrainOutcomes: 10_000,
          growthCheckOutcomes: 1_000_000,
        },
        strategies: undefined,
      };
}
