import { aic } from "./aic.js";
import { distributionCdf } from "./distribution-functions.js";
import { ksTest } from "./ks-test.js";
import type {
  FitLatencyOptions,
  LatencyFitReport,
  MixtureFit,
  SampleGroup,
} from "./latency-fit-types.js";
import { logLikelihood } from "./log-likelihood.js";
import type { MixtureDistribution } from "./types.js";

/**
 * Fits a mixture with one component per labelled group: each group gets its own family by
 * AIC (via `fitOne`), weighted by its share of the values.
 *
 * Why per group: when the label is known (e.g. the query type), fitting each group by maximum
 * likelihood is the maximum-likelihood fit of the labelled mixture, with no EM needed. Its
 * likelihood is then scored on the pooled values WITHOUT labels, as the simulator sees them;
 * that is at most the unlabelled maximum, so its AIC is, if anything, pessimistic. The
 * parameter count is the components' plus m − 1 weights. A component that falls back to the
 * empirical summary leaves the mixture without a likelihood (AIC null).
 *
 * @param groups at least one non-empty group
 * @param fitOne the per-group fit (normally `fitLatency` without groups)
 * @param options passed to `fitOne`
 * @returns the mixture's fit (scored against all values) and the per-group reports
 * @throws {RangeError} when there is no group or a group is empty
 */
export function fitMixture(
  groups: readonly SampleGroup[],
  fitOne: (samples: readonly number[], options: FitLatencyOptions) => LatencyFitReport,
  options: FitLatencyOptions = {},
): MixtureFit {
  if (groups.length === 0) throw new RangeError("a mixture fit needs at least 1 group");
  const pooled: number[] = [];
  for (const g of groups) {
    if (g.samples.length === 0) throw new RangeError(`group ${g.label} is empty`);
    for (const x of g.samples) pooled.push(x);
  }
  const components = groups.map((g) => ({
    label: g.label,
    n: g.samples.length,
    report: fitOne(g.samples, { ...options, groups: undefined }),
  }));
  const distribution: MixtureDistribution = {
    family: "mixture",
    components: components.map((c) => ({
      weight: c.n / pooled.length,
      label: c.label,
      distribution: c.report.best.distribution,
    })),
  };
  const parametric = components.every((c) => c.report.best.logLikelihood !== null);
  const parameters =
    components.reduce((s, c) => s + c.report.best.parameters, 0) + components.length - 1;
  const ll = parametric ? logLikelihood(distribution, pooled) : null;
  return {
    fit: {
      distribution,
      n: pooled.length,
      parameters,
      logLikelihood: ll,
      aic: ll === null ? null : aic(ll, parameters),
      ks: ksTest(pooled, (x) => distributionCdf(distribution, x)),
    },
    components,
  };
}
