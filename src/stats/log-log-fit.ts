/** A straight line fitted to (log10 x, log10 y) by least squares. */
export interface LogLogFit {
  /** d log y / d log x: 1 is linear growth, 0 is flat. */
  slope: number;
  /** log10 y at x = 1. */
  intercept: number;
  /** Coefficient of determination of the fit in log space (1 when every point lies on it). */
  r2: number;
  /** Smallest and largest x used, and how many points. */
  from: number;
  to: number;
  points: number;
}

/**
 * Fits log10 y = intercept + slope · log10 x by ordinary least squares.
 *
 * @param points (x, y) pairs, both positive
 * @returns the slope, intercept and r² in log space
 * @throws {RangeError} with fewer than two distinct x, or a value ≤ 0
 * @example logLogFit([{ x: 10, y: 2 }, { x: 100, y: 20 }]).slope // 1
 */
export function logLogFit(points: readonly { x: number; y: number }[]): LogLogFit {
  for (const p of points) {
    if (!(p.x > 0 && p.y > 0))
      throw new RangeError(`log-log fit needs x, y > 0, got ${p.x}, ${p.y}`);
  }
  const lx = points.map((p) => Math.log10(p.x));
  const ly = points.map((p) => Math.log10(p.y));
  const n = points.length;
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) ** 2;
  }
  if (!(n >= 2 && sxx > 0)) throw new RangeError("log-log fit needs at least two distinct x");
  const slope = sxy / sxx;
  return {
    slope,
    intercept: my - slope * mx,
    // With one regressor, r² is the squared correlation; a flat y fits exactly.
    r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy),
    from: Math.min(...points.map((p) => p.x)),
    to: Math.max(...points.map((p) => p.x)),
    points: n,
  };
}
