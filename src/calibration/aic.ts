/**
 * Akaike's information criterion, AIC = 2k − 2 ln L. Lower is better; a difference of more
 * than about 2 is worth noting and more than 10 is decisive (Burnham & Anderson 2002).
 *
 * @param logLikelihood the maximised log-likelihood
 * @param parameters the number of fitted parameters k
 * @returns the AIC
 * @example aic(-1234.5, 2) // 2473
 */
export function aic(logLikelihood: number, parameters: number): number {
  return 2 * parameters - 2 * logLikelihood;
}

/**
 * Akaike weights exp(−Δᵢ/2) / Σ exp(−Δⱼ/2), Δᵢ = AICᵢ − min AIC: the relative support for each
 * candidate model.
 *
 * @param aics the candidates' AICs
 * @returns weights summing to 1, in the same order
 * @example akaikeWeights([100, 102]) // [0.731, 0.269]
 */
export function akaikeWeights(aics: readonly number[]): number[] {
  const best = Math.min(...aics);
  const raw = aics.map((a) => Math.exp(-(a - best) / 2));
  const total = raw.reduce((s, w) => s + w, 0);
  return raw.map((w) => w / total);
}
