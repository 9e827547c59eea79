import type { RecommendationAction } from "../profiling/recommend.js";
import type { Verdict } from "./what-if-verdict.js";

/** When a recommendation can ship; see {@link recommendationHorizon} for the rule. */
export type Horizon = "immediate" | "medium-term" | "long-term";

/** Changes of the running system's configuration: no new code or infrastructure. */
const CONFIG_CHANGES: ReadonlySet<RecommendationAction["kind"]> = new Set([
  "hedge",
  "shift-traffic",
  "retune-discount",
]);

/**
 * When a recommendation can ship. The rule, by how much work the change is and how sure the
 * re-simulation makes us:
 * - **immediate**: a configuration change of the running system (hedge delay, traffic
 *   weights, a learning strategy's discount) whose what-if is `verified`;
 * - **medium-term**: a configuration change whose what-if shows a trade-off or no improvement
 *   (it needs a better variant, e.g. down-weighting instead of removing, and a new check); a
 *   strategy switch (a new router goes out behind an A/B test whatever the simulation says);
 *   advice the simulator cannot model that changes the request path (fallbacks and retries);
 * - **long-term**: changes that need new or larger infrastructure: caches of results
 *   (`grow-cache`) or of routing decisions (`cache-decisions`).
 *
 * @param action the recommendation's change, or undefined for advice without one
 * @param verdict what its re-simulation showed
 * @returns the horizon and the reason, in words
 * @example recommendationHorizon("hedge", "verified") // { horizon: "immediate", … }
 */
export function recommendationHorizon(
  action: RecommendationAction["kind"] | undefined,
  verdict: Verdict,
): { horizon: Horizon; reason: string } {
  if (action === "grow-cache" || action === "cache-decisions") {
    return { horizon: "long-term", reason: "needs new or larger cache infrastructure" };
  }
  if (action === "switch-strategy") {
    return {
      horizon: "medium-term",
      reason: "a strategy switch ships behind an A/B test, whatever the simulation says",
    };
  }
  if (action !== undefined && CONFIG_CHANGES.has(action)) {
    if (verdict === "verified") {
      return { horizon: "immediate", reason: "a configuration change the re-simulation verified" };
    }
    return {
      horizon: "medium-term",
      reason:
        verdict === "trade-off"
          ? "a configuration change whose re-simulation shows a trade-off: needs a better variant"
          : verdict === "refuted"
            ? "a configuration change the re-simulation refuted: needs a better variant"
            : "a configuration change the simulator cannot check",
    };
  }
  return {
    horizon: "medium-term",
    reason: "changes the request path (fallbacks, retries); the simulator cannot check it",
  };
}
