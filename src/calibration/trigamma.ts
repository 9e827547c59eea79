/**
 * The trigamma function ψ′(x) = d²/dx² ln Γ(x), for x > 0.
 *
 * Method: shift x up with ψ′(x) = ψ′(x + 1) + 1/x² until x ≥ 10, then the asymptotic series
 * ψ′(x) ≈ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹, whose first omitted term (691/(2730 x¹³)) is below 3e-14 there.
 *
 * @param x a positive number
 * @returns ψ′(x)
 * @throws {RangeError} when x is not a positive finite number
 * @example trigamma(1) // π²/6
 */
export function trigamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`trigamma needs a positive finite x, got ${x}`);
  }
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // B2 = 1/6, B4 = −1/30, B6 = 1/42, B8 = −1/30, B10 = 5/66.
  const series =
    inv2 * inv * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - (5 / 66) * inv2))));
  return shift + inv + 0.5 * inv2 + series;
}
