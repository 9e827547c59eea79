import { normalInterval } from "./estimate.js";
import { type Estimator, meanOf } from "./estimator.js";

/**
 * The direct method: V̂ = (1/n) Σ_i Σ_b π(b | x_i) r̂(type_i, b), with r̂ the trace's mean
 * reward per (query type, backend) cell (see `fitRewardModel`). Needs no propensities; biased
 * when the reward depends on more than the type and the backend, or when the target goes
 * where the log never went (extrapolated cells).
 *
 * Interval: the sandwich variance of the plug-in estimator, from its influence function
 * IF_i = (v(x_i) − V̂) + (ĉ/q̂)(r_i − r̂(type_i, a_i)), where v(x) is the model's value of
 * the target in context x and ĉ/q̂ the target's mass on row i's cell over the cell's rows;
 * se² = Σ IF_i² / n². The second term is the cell means' own estimation error.
 *
 * @example dm.estimate(sample)
 */
export const dm: Estimator = {
  name: "dm",
  needsPropensity: false,
  value: (s, m) => meanOf(s.n, (i) => s.model.ctxValue[s.ctx[i]], m).mean,
  estimate: (s) => {
    const { ctxValue, cellMean, cellRatio } = s.model;
    const v = meanOf(s.n, (i) => ctxValue[s.ctx[i]]).mean;
    let ss = 0;
    for (let i = 0; i < s.n; i++) {
      const c = s.cell[i];
      const f = ctxValue[s.ctx[i]] - v + cellRatio[c] * (s.reward[i] - cellMean[c]);
      ss += f * f;
    }
    return normalInterval(v, Math.sqrt(ss) / s.n);
  },
};
