import type { LoggedData } from "./logged-data.js";
import type { RewardModel } from "./reward-model.js";
import type { TargetTable } from "./target.js";

/** What the estimators read: per decision its reward, weight, context and cell. */
export interface OpeSample {
  n: number;
  /** r_i ∈ {0, 1}. */
  reward: Float64Array;
  /** w_i = π(a_i | x_i) / μ_i, the importance weight; undefined without propensities. */
  weight: Float64Array | undefined;
  /** Each decision's context index (into `model.ctxValue`). */
  ctx: Int32Array;
  /** Each decision's (query type, logged backend) cell (into `model.cellMean`). */
  cell: Int32Array;
  model: RewardModel;
}

/**
 * Puts a trace, a target policy and a reward model together for the estimators.
 *
 * @param data the logged decisions
 * @param target the target's probabilities per context
 * @param model the reward model fitted on `data`
 * @param clip the largest weight kept: larger ones are cut to it (default none). Clipping
 *   trades a bias towards lower values for less variance when some propensities are tiny.
 * @returns the sample; `weight` is undefined when any decision lacks a propensity
 * @example ips.estimate(opeSample(data, target, fitRewardModel(data, target)))
 */
export function opeSample(
  data: LoggedData,
  target: TargetTable,
  model: RewardModel,
  clip = Number.POSITIVE_INFINITY,
): OpeSample {
  const nB = data.backends.length;
  const n = data.n;
  const cell = new Int32Array(n);
  for (let i = 0; i < n; i++) cell[i] = data.type[i] * nB + data.action[i];
  let weight: Float64Array | undefined;
  if (data.missingPropensity === 0) {
    weight = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      weight[i] = Math.min(
        clip,
        target.pi[target.ctx[i] * nB + data.action[i]] / data.propensity[i],
      );
    }
  }
  return { n, reward: data.reward, weight, ctx: target.ctx, cell, model };
}
