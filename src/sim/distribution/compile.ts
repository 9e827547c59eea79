import { constantDistribution } from "./constant.js";
import type { Distribution } from "./distribution.js";
import { empiricalDistribution } from "./empirical.js";
import { exponentialDistribution } from "./exponential.js";
import { gammaDistribution } from "./gamma.js";
import { lognormalDistribution } from "./lognormal.js";
import { mixtureDistribution } from "./mixture.js";
import { paretoDistribution } from "./pareto.js";
import type { DistributionSpec } from "./spec.js";
import { weibullDistribution } from "./weibull.js";

/**
 * Compiles a validated spec into samplers and distribution functions.
 *
 * @param spec a spec that passed {@link distributionSpecSchema}
 * @returns the compiled distribution
 * @throws {RangeError} for a lognormal without a complete parameter pair
 * @example compileDistribution({ type: "lognormal", median: 12, p99: 60 }).sampler(stream.source)()
 */
export function compileDistribution(spec: DistributionSpec): Distribution {
  switch (spec.type) {
    case "constant":
      return constantDistribution(spec);
    case "lognormal":
      return lognormalDistribution(spec);
    case "gamma":
      return gammaDistribution(spec);
    case "exponential":
      return exponentialDistribution(spec);
    case "pareto":
      return paretoDistribution(spec);
    case "weibull":
      return weibullDistribution(spec);
    case "mixture":
      return mixtureDistribution(
        spec,
        spec.components.map((c) => compileDistribution(c.distribution)),
      );
    case "empirical":
      return empiricalDistribution(spec);
  }
}
