/**
 * Fits total time = fixed + perQuery · n, minimising the squared RELATIVE error
 * Σ ((tᵢ − a − b·nᵢ) / tᵢ)², so sizes spread over decades count alike (plain least squares
 * would fit the largest size only). Weighted least squares with weights 1/tᵢ²: the 2×2
 * normal equations are solved directly.
 *
 * @param points (queries, total ms) pairs, ms > 0
 * @returns the fixed cost per run (ms) and the marginal cost per query (ns)
 * @throws {RangeError} with fewer than two distinct sizes
 * @example fixedPlusLinearFit([{ queries: 100, ms: 6 }, { queries: 1e6, ms: 1505 }])
 */
export function fixedPlusLinearFit(points: readonly { queries: number; ms: number }[]): {
  fixedMs: number;
  perQueryNs: number;
} {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  for (const { queries: n, ms: t } of points) {
    if (!(t > 0)) throw new RangeError(`fit needs total times > 0, got ${t}`);
    const w = 1 / (t * t);
    s0 += w;
    s1 += w * n;
    s2 += w * n * n;
    t0 += w * t;
    t1 += w * n * t;
  }
  const det = s0 * s2 - s1 * s1;
  // Relative to its terms: a determinant this small means one distinct size.
  if (!(points.length >= 2 && Math.abs(det) > 1e-12 * s0 * s2)) {
    throw new RangeError("fit needs at least two distinct sizes");
  }
  const a = (t0 * s2 - s1 * t1) / det;
  const b = (s0 * t1 - s1 * t0) / det;
  return { fixedMs: a, perQueryNs: b * 1e6 };
}
