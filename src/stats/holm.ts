/** The outcome of Holm's step-down procedure over m hypotheses, in their input order. */
export interface HolmResult {
  /** Holm-adjusted p-values: p̃(i) = max over j ≤ i of min(1, (m − j + 1) · p(j)), in sorted order. */
  adjusted: number[];
  /** Whether each hypothesis is rejected at family-wise level `alpha`. */
  rejected: boolean[];
  /**
   * The per-test level each hypothesis was (or would have been) tested at: α / (m − i + 1)
   * for the i-th smallest p-value up to and including the first one not rejected, and that
   * first non-rejected level for every later one. A two-sided interval at confidence
   * 1 − level excludes 0 exactly when the hypothesis is rejected, so intervals and decisions
   * agree.
   */
  level: number[];
}

/**
 * Holm's step-down multiple-test correction (Holm 1979): sort the p-values, reject the i-th
 * smallest while p(i) ≤ α / (m − i + 1), stop at the first that is not. It keeps the
 * probability of any false rejection among the m tests at most α, for any dependence between
 * them, and rejects at least as much as Bonferroni. NaN p-values (untestable hypotheses) are
 * never rejected and do not count in m.
 *
 * @param pValues one p-value per hypothesis
 * @param alpha family-wise error rate (default 0.05)
 * @returns adjusted p-values, decisions and per-test levels, in input order
 * @throws {RangeError} when alpha is not in (0, 1)
 * @example holm([0.01, 0.04, 0.03]).rejected // [true, false, false]: 0.01 ≤ 0.05/3, 0.03 > 0.05/2
 */
export function holm(pValues: readonly number[], alpha = 0.05): HolmResult {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((x) => !Number.isNaN(x.p))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  const rejected = pValues.map(() => false);
  const level = pValues.map(() => Number.NaN);
  let running = 0;
  let stopped = false;
  let stopLevel = alpha;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
    if (!stopped) {
      const a = alpha / (m - k);
      level[i] = a;
      if (p <= a) rejected[i] = true;
      else {
        stopped = true;
        stopLevel = a;
      }
    } else level[i] = stopLevel;
  });
  return { adjusted, rejected, level };
}
