import type { DistributionSpec } from "../sim/distribution/spec.js";
import type { LatencyDistribution } from "./types.js";

/**
 * Converts a fitted distribution into the simulator's scenario form (the same parameters;
 * the empirical summary's quantiles become its resampled `samples`; a mixture keeps its weights
 * but not its labels, since the simulator draws a component at random).
 *
 * @param distribution a fitted latency distribution
 * @returns the scenario's `latencyMs` value
 * @example distributionToSpec({ family: "gamma", shape: 2, scale: 5 }) // { type: "gamma", shape: 2, scale: 5 }
 */
export function distributionToSpec(distribution: LatencyDistribution): DistributionSpec {
  switch (distribution.family) {
    case "lognormal":
      return { type: "lognormal", mu: distribution.mu, sigma: distribution.sigma };
    case "gamma":
      return { type: "gamma", shape: distribution.shape, scale: distribution.scale };
    case "weibull":
      return { type: "weibull", shape: distribution.shape, scale: distribution.scale };
    case "empirical":
      return { type: "empirical", samples: distribution.quantiles.slice() };
    case "mixture":
      return {
        type: "mixture",
        components: distribution.components.map((c) => ({
          weight: c.weight,
          distribution: distributionToSpec(c.distribution),
        })),
      };
  }
}
