/**
 * Kish's effective sample size of importance weights, (Σ w)² / Σ w²: how many equally
 * weighted rows the weighted ones are worth. n when all weights are equal; small when a few
 * rows carry most of the weight, which is when IPS-type intervals stop being trustworthy.
 *
 * @param weights the importance weights π/μ
 * @returns the effective sample size (0 when every weight is 0)
 * @example effectiveSampleSize(Float64Array.of(1, 1, 1, 1)) // 4
 * @example effectiveSampleSize(Float64Array.of(4, 0, 0, 0)) // 1
 */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    squares += weights[i] * weights[i];
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}
