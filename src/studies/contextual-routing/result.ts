/** Notebook 09, contextual routing: the result it writes and the records inside it. */
import type { BandSeries } from "../../stats/band-series.js";
import type { Estimate } from "../../stats/estimate.js";

/** One learner's totals over repetitions (95 % intervals). */
export interface LearnerSummary {
  /** Cumulative pseudo-regret at the end of the run (per query, against its own best backend). */
  regret: Estimate;
  /** Against the best fixed backend per query type in hindsight. */
  staticRegret: Estimate;
  /** Regret per query over the run's last quarter: what the learner still loses once it has learned. */
  lastQuarterRegretPerQuery: Estimate;
  sloAttainment: Estimate;
  bestBackendRate: Estimate;
}

/** Several learners on one scenario, with their regret curves. */
export interface LearnerComparison {
  scenario: { name: string; source: string };
  rounds: number;
  reps: number;
  /** Strategy names in run order. */
  order: string[];
  /** By strategy name. */
  strategies: Record<string, LearnerSummary>;
  curves: {
    /** Queries arrived by the end of each bin: the x axis. */
    queries: number[];
    /** Cumulative regret, mean and 95 % band, by strategy (4 significant digits). */
    regret: Record<string, BandSeries>;
  };
}

/** One pattern's share of a query type's picks in the adaptive router, over repetitions. */
export interface PatternShare {
  pattern: string;
  /** Share of the type's queries run with it (mean over repetitions). */
  pickShare: number;
  /** Posterior mean of its rescaled reward at the end (mean over repetitions). */
  posteriorMean: number;
}

/** What adaptive-pattern learned for one query type. */
export interface LearnedPattern {
  type: string;
  /** The pattern learned (picked most often) in most repetitions. */
  learned: string;
  /** In how many of the repetitions it was the one learned. */
  agreeing: number;
  patterns: PatternShare[];
}

/** adaptive-pattern against per-type Thompson under feed-forward, on one scenario. */
export interface AdaptiveScenario {
  scenario: { name: string; source: string };
  rounds: number;
  reps: number;
  /** λ, the cost of one extra call in the reward. */
  callCost: number;
  /** By strategy name (`thompson`, `adaptive-pattern`). */
  strategies: Record<
    string,
    { sloAttainment: Estimate; callsPerQuery: Estimate; oracleSloAttainment: Estimate }
  >;
  /** Per query type, in the scenario's order. */
  types: LearnedPattern[];
}

/** One policy's decision speed on one core (medians over interleaved runs). */
export interface PolicySpeed {
  strategy: string;
  decisionsPerSecond: number;
  decisionsPerCpuSecond: number;
  /** Median time of one decision, ns (batch averages). */
  perDecisionNs: number;
}

/**
 * The result of {@link runContextualRouting}, as written to `results/09-contextual-routing.json`.
 * Everything but the decision speeds and `wallMs` is a pure function of the plan and the seed.
 */
export interface ContextualRoutingResult {
  format: "routing-lab/contextual-routing";
  version: 1;
  seed: number;
  /** Per-type against contextual learners on `contextual.json`. */
  contextual: LearnerComparison & {
    /**
     * The least regret per query a learner that sees only the query type can have there:
     * E[best reward of the query] − the best type-level reward, the smallest over types.
     */
    perTypeFloor: number;
  };
  /** Stationary against non-stationary policies on `drift.json`. */
  drift: LearnerComparison;
  /** adaptive-pattern on the default and degraded scenarios. */
  adaptive: AdaptiveScenario[];
  /** Decision speed of every policy (texts classified, five backends). */
  decisionSpeed: { batchSize: number; loadAverage: number; rows: PolicySpeed[] };
  /** Wall-clock time of the whole study, ms (not reproducible). */
  wallMs: number;
}
