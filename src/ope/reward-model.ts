import type { LoggedData } from "./logged-data.js";
import type { TargetTable } from "./target.js";

/**
 * The direct method's reward model: the mean reward of each (query type, backend) cell in
 * the trace, and what the estimators derive from it for one target policy.
 */
export interface RewardModel {
  /** r̂ per cell, flat `type * backends + backend`; cells without rows fall back (see below). */
  cellMean: Float64Array;
  /** Rows (or bootstrap weight) per cell. */
  cellCount: Float64Array;
  /** Σ_b π(b | context) r̂(type, b) per context: the model's value of the target there. */
  ctxValue: Float64Array;
  /**
   * Per cell, the target's mass on it over its rows, ĉ/q̂: the weight of a row's residual in
   * the direct method's influence function (its sandwich variance).
   */
  cellRatio: Float64Array;
  /** Share of the target's mass, over decisions, on cells with no logged row (extrapolated). */
  unsupportedShare: number;
}

/**
 * Fits the cell means and evaluates them under the target policy. A cell without rows takes
 * its backend's mean over all query types, or the trace's mean when the backend has none.
 *
 * @param data the logged decisions
 * @param target the target policy's probabilities per context
 * @param m optional multiplicity per decision (bootstrap replicates); default 1 each
 * @returns the model and its value per context
 * @example const model = fitRewardModel(data, targetTable(data, policy))
 */
export function fitRewardModel(
  data: LoggedData,
  target: TargetTable,
  m?: Float64Array,
): RewardModel {
  const nB = data.backends.length;
  const nT = data.types.length;
  const nC = target.ctxType.length;
  const sum = new Float64Array(nT * nB);
  const count = new Float64Array(nT * nB);
  const ctxCount = m ? new Float64Array(nC) : target.ctxCount;
  const { type, action, reward } = data;
  for (let i = 0; i < data.n; i++) {
    const w = m ? m[i] : 1;
    if (w === 0) continue;
    const cell = type[i] * nB + action[i];
    sum[cell] += w * reward[i];
    count[cell] += w;
    if (m) ctxCount[target.ctx[i]] += w;
  }
  const backendSum = new Float64Array(nB);
  const backendCount = new Float64Array(nB);
  let total = 0;
  let totalCount = 0;
  for (let cell = 0; cell < sum.length; cell++) {
    backendSum[cell % nB] += sum[cell];
    backendCount[cell % nB] += count[cell];
    total += sum[cell];
    totalCount += count[cell];
  }
  const overall = totalCount > 0 ? total / totalCount : 0;
  const cellMean = new Float64Array(nT * nB);
  for (let cell = 0; cell < sum.length; cell++) {
    const b = cell % nB;
    cellMean[cell] =
      count[cell] > 0
        ? sum[cell] / count[cell]
        : backendCount[b] > 0
          ? backendSum[b] / backendCount[b]
          : overall;
  }
  const ctxValue = new Float64Array(nC);
  const mass = new Float64Array(nT * nB);
  let unsupported = 0;
  let n = 0;
  for (let c = 0; c < nC; c++) {
    const t = target.ctxType[c];
    let v = 0;
    for (let b = 0; b < nB; b++) {
      const p = target.pi[c * nB + b];
      if (p === 0) continue;
      v += p * cellMean[t * nB + b];
      mass[t * nB + b] += ctxCount[c] * p;
      if (count[t * nB + b] === 0) unsupported += ctxCount[c] * p;
    }
    ctxValue[c] = v;
    n += ctxCount[c];
  }
  const cellRatio = new Float64Array(nT * nB);
  for (let cell = 0; cell < cellRatio.length; cell++) {
    if (count[cell] > 0) cellRatio[cell] = mass[cell] / count[cell];
  }
  return { cellMean, cellCount: count, ctxValue, cellRatio, unsupportedShare: unsupported / n };
}
