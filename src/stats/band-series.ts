import { meanInterval } from "./estimate.js";

/** A curve's mean and 95 % band, point by point. */
export interface BandSeries {
  mean: number[];
  lo: number[];
  hi: number[];
}

/**
 * Point-by-point {@link meanInterval} of several curves, cut to the shortest.
 *
 * @param curves one curve per repetition
 * @returns mean, lo and hi arrays
 * @example bandSeries([[1, 2], [3, 4]]).mean // [2, 3]
 */
export function bandSeries(curves: readonly (readonly number[])[]): BandSeries {
  const out: BandSeries = { mean: [], lo: [], hi: [] };
  const length = curves.length === 0 ? 0 : Math.min(...curves.map((c) => c.length));
  for (let i = 0; i < length; i++) {
    const e = meanInterval(curves.map((c) => c[i]));
    out.mean.push(e.mean);
    out.lo.push(e.lo);
    out.hi.push(e.hi);
  }
  return out;
}
