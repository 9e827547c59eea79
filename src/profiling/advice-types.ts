import type { Estimate } from "../stats/estimate.js";
import type { Recommendation } from "./recommend.js";

/**
 * What verification said about a recommendation:
 * - `advised`: re-simulated with common random numbers, SLO attainment rose with a paired
 *   (Holm-corrected) 95 % interval above 0, and calls per query stayed within the budget;
 * - `rejected`: re-simulated, and one of those failed (or it would move a query type off the
 *   only backend that answers it relevantly);
 * - `unverified`: not re-simulated: the simulator cannot model it, or the data needed are
 *   missing (the reason says which).
 */
export type Verdict = "advised" | "rejected" | "unverified";

/**
 * Why a re-simulated recommendation was rejected, in the order verification checks it:
 * - `only-relevant-backend`: it would move a query type off the only backend(s) that answer
 *   it relevantly (never advised, whatever the numbers);
 * - `no-gain`: the paired interval of the SLO attainment gain does not lie above 0;
 * - `over-budget`: it gains, but calls per query rise beyond the budget.
 */
export type Rejection = "only-relevant-backend" | "no-gain" | "over-budget";

/** When an advised recommendation can ship. */
export type Horizon = "immediate" | "medium-term" | "long-term";

/** One metric before and after a change, over paired repetitions. */
export interface EffectEstimate {
  /** Mean over the repetitions without the change. */
  before: number;
  /** Mean over the same repetitions (same seeds) with the change. */
  after: number;
  /** Paired differences after − before: mean and interval (see {@link RecommendationEffect}). */
  diff: Estimate;
}

/**
 * A change's effect. Rates are fractions. `sloAttainment.diff` carries the Holm-corrected
 * interval (at {@link VerifiedRecommendation.confidence}); the others plain 95 % intervals.
 */
export interface RecommendationEffect {
  sloAttainment: EffectEstimate;
  callsPerQuery: EffectEstimate;
  successRate: EffectEstimate;
  /** End-to-end p99 latency, ms. */
  p99: EffectEstimate;
}

/** A recommendation with its verdict. */
export interface VerifiedRecommendation extends Recommendation {
  verdict: Verdict;
  /** One line: the numbers behind the verdict, or why there are none. */
  reason: string;
  /** Rejected recommendations only: the first check that failed. */
  rejection?: Rejection;
  /** What was re-simulated, e.g. `hedge after 159 ms`. */
  change?: string;
  effect?: RecommendationEffect;
  /** Two-sided p-value of the SLO attainment difference (paired t-test). */
  pValue?: number;
  /** The same, Holm-adjusted for the number of candidates tested. */
  adjustedPValue?: number;
  /** Confidence of `effect.sloAttainment.diff` after the Holm correction, e.g. 0.99. */
  confidence?: number;
  /** Advised recommendations only. */
  horizon?: Horizon;
  horizonReason?: string;
}

/** How the advice was verified. */
export interface AdviceSettings {
  /** Paired repetitions per candidate (common random numbers: same seeds before and after). */
  reps: number;
  rounds: number;
  seed: number;
  /** Largest relative rise in calls per query an advised change may cost, e.g. 0.1. */
  callsBudget: number;
  /** Family-wise error rate of the Holm correction. */
  alpha: number;
  /** Candidates in the Holm family (re-simulated and eligible for advice). */
  tested: number;
  /** What was re-simulated, e.g. `simulation degraded × rule-based (feed-forward)`. */
  basis: string;
  /** Set when the scenario was fitted to a trace: what the model is and how well it fits. */
  fitted?: {
    /** The largest |simulated / observed − 1| over backends and percentiles compared. */
    worstPercentileError: number;
    /** Where it was, e.g. `neo4j p99`. */
    worstAt: string;
    /** Percentiles compared. */
    percentiles: number[];
  };
}

/** All advised changes applied together. */
export interface CombinedAdvice {
  /** Ids of the advised recommendations applied (conflicting ones keep the larger effect). */
  ids: string[];
  changes: string[];
  /** Plain 95 % intervals (one more comparison, not part of the Holm family). */
  effect: RecommendationEffect;
}

/** The verification of a profile's recommendations. */
export interface AdviceVerification {
  settings: AdviceSettings;
  /** SLO attainment and calls per query of the unchanged runs. */
  baseline: { sloAttainment: Estimate; callsPerQuery: Estimate };
  combined?: CombinedAdvice;
  /** Notes for the reader, e.g. why nothing could be verified. */
  notes: string[];
  /** Wall time of the re-simulations, ms (not reproducible). */
  elapsedMs: number;
}
