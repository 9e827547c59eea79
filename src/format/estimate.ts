/**
 * Formats a mean with its interval as `mean [lo, hi]`, or the mean alone when there is no
 * interval (one repetition). Takes the shape of the stats module's `Estimate` without
 * importing it, so format stays a leaf.
 *
 * @param e the mean and the interval's ends (NaN or null ends: no interval)
 * @param f how to format one number
 * @returns the text
 * @example formatEstimate({ mean: 2, lo: 1, hi: 3 }, String) // "2 [1, 3]"
 */
export function formatEstimate(
  e: { mean: number; lo: number | null; hi: number | null },
  f: (x: number) => string,
): string {
  const { lo, hi } = e;
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return f(e.mean);
  return `${f(e.mean)} [${f(lo)}, ${f(hi)}]`;
}
