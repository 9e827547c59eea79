/**
 * The digamma function ψ(x) = d/dx ln Γ(x), for x > 0 (jstat has none).
 *
 * Method: shift x up with ψ(x) = ψ(x + 1) − 1/x until x ≥ 10, then the asymptotic series
 * ψ(x) ≈ ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), whose first omitted term (691/(32760 x¹²)) is below 3e-14 there.
 *
 * @param x a positive number
 * @returns ψ(x)
 * @throws {RangeError} when x is not a positive finite number
 * @example digamma(1) // −0.5772156649… (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`digamma needs a positive finite x, got ${x}`);
  }
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Bernoulli terms B2/2 = 1/12, B4/4 = −1/120, B6/6 = 1/252, B8/8 = −1/240, B10/10 = 1/132.
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return shift + Math.log(x) - 0.5 / x - series;
}
