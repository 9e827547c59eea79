import type { Horizon } from "../profiling/advice-types.js";
import type { RecommendationAction } from "../profiling/recommend.js";

export type { Horizon };

/** Configuration changes of the running system: no new code, no new infrastructure. */
const CONFIG_CHANGES: ReadonlySet<RecommendationAction["kind"]> = new Set([
  "hedge",
  "shift-traffic",
  "retry",
  "timeout",
  "prior",
  "retune-discount",
]);

/**
 * When an advised recommendation can ship, by how much work the change is. Only advised
 * recommendations get a horizon: a change the re-simulation did not show to help is not
 * scheduled at all.
 * - **immediate**: a configuration change of the running system (hedge delay, retry and
 *   timeout settings, traffic weights, a learning strategy's prior or discount);
 * - **medium-term**: a strategy switch (a new router goes out behind an A/B test, however good
 *   the simulation looks);
 * - **long-term**: changes that need new or larger infrastructure: caches of results
 *   (`grow-cache`) or of routing decisions (`cache-decisions`).
 *
 * @param action the recommendation's change
 * @returns the horizon and the reason, in words
 * @example recommendationHorizon("hedge") // { horizon: "immediate", … }
 */
export function recommendationHorizon(action: RecommendationAction["kind"]): {
  horizon: Horizon;
  reason: string;
} {
  if (action === "grow-cache" || action === "cache-decisions") {
    return { horizon: "long-term", reason: "needs new or larger cache infrastructure" };
  }
  if (action === "switch-strategy") {
    return {
      horizon: "medium-term",
      reason: "a strategy switch ships behind an A/B test, however good the simulation looks",
    };
  }
  if (CONFIG_CHANGES.has(action)) {
    return { horizon: "immediate", reason: "a configuration change the re-simulation verified" };
  }
  return { horizon: "medium-term", reason: "changes the request path" };
}
