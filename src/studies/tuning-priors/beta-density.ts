/** Notebook 06: Beta density curves for its posterior figures. */
import jStat from "jstat";

/** A point of a density curve. */
export interface DensityPoint {
  x: number;
  density: number;
}

/**
 * The Beta(α, β) density (jStat) on an even grid between its `tail` and `1 − tail`
 * quantiles, so a narrow posterior gets as many points as a wide one. Points whose density is
 * not finite (α or β < 1 at the ends) are left out.
 *
 * @param alpha α > 0
 * @param beta β > 0
 * @param options `points` (default 120), `tail` (default 0.0005)
 * @returns points ordered by x
 * @throws {RangeError} when α or β is not positive
 * @example betaDensityCurve(3, 5).length // 120
 */
export function betaDensityCurve(
  alpha: number,
  beta: number,
  options: { points?: number; tail?: number } = {},
): DensityPoint[] {
  if (!(alpha > 0 && beta > 0)) {
    throw new RangeError(`Beta parameters must be positive, got α=${alpha}, β=${beta}`);
  }
  const points = options.points ?? 120;
  const tail = options.tail ?? 0.0005;
  const lo = jStat.beta.inv(tail, alpha, beta);
  const hi = jStat.beta.inv(1 - tail, alpha, beta);
  const out: DensityPoint[] = [];
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    const density = jStat.beta.pdf(x, alpha, beta);
    if (Number.isFinite(density)) out.push({ x, density });
  }
  return out;
}
