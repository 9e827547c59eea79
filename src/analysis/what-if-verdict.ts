import type { WhatIfOutcome } from "../profiling/what-if-types.js";

/**
 * What the re-simulation said about a recommendation:
 * - `verified`: the claimed metric improved and SLO attainment did not fall by ≥ 1 point;
 * - `trade-off`: the claimed metric improved but SLO attainment fell by ≥ 1 point;
 * - `refuted`: the claimed metric did not improve;
 * - `not-simulated`: the simulator cannot model the change (caches, fallbacks).
 */
export type Verdict = "verified" | "trade-off" | "refuted" | "not-simulated";

/**
 * The verdict of a re-simulation.
 *
 * @param outcome the what-if, or undefined when the change was not simulated
 * @returns `verified`, `trade-off`, `refuted` or `not-simulated` (see {@link Verdict})
 * @example whatIfVerdict(undefined) // "not-simulated"
 */
export function whatIfVerdict(outcome: WhatIfOutcome | undefined): Verdict {
  if (outcome === undefined) return "not-simulated";
  if (!outcome.improved) return "refuted";
  return outcome.tradeOff === undefined ? "verified" : "trade-off";
}
