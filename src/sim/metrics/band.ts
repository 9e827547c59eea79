import jStat from "jstat";

/** A mean over repetitions with its 95 % confidence band. */
export interface Band {
  mean: number;
  /** Lower end of the 95 % confidence interval of the mean (Student t, R − 1 d.f.). */
  lo: number;
  hi: number;
  /** Sample standard deviation over repetitions (0 with one repetition). */
  sd: number;
}

/** A curve's mean and 95 % band, point by point. */
export interface BandSeries {
  mean: number[];
  lo: number[];
  hi: number[];
}

/**
 * The mean of per-repetition values with a 95 % confidence interval of the mean:
 * mean ± t(0.975, R − 1) · sd / √R. NaN values (e.g. a percentile of no queries) are left
 * out; with one value the band collapses to the mean.
 *
 * @param values one value per repetition
 * @returns the band; all NaN when no value is a number
 * @example band([0.91, 0.93, 0.92]).mean // 0.92
 */
export function band(values: readonly number[]): Band {
  const xs = values.filter((v) => !Number.isNaN(v));
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, sd: Number.NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean, sd: 0 };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (jStat.studentt.inv(0.975, n - 1) * sd) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half, sd };
}

/**
 * Point-by-point {@link band} of several curves of equal length.
 *
 * @param curves one curve per repetition
 * @returns mean, lo and hi arrays
 */
export function bandSeries(curves: readonly (readonly number[])[]): BandSeries {
  const out: BandSeries = { mean: [], lo: [], hi: [] };
  const length = curves.length === 0 ? 0 : Math.min(...curves.map((c) => c.length));
  for (let i = 0; i < length; i++) {
    const b = band(curves.map((c) => c[i]));
    out.mean.push(b.mean);
    out.lo.push(b.lo);
    out.hi.push(b.hi);
  }
  return out;
}
