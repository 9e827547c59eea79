/** Options for {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex edge along each coordinate (default 0.1 for every coordinate). */
  step?: number | readonly number[];
  /** Stop when the simplex's values and coordinates differ by less than this (default 1e-10). */
  tolerance?: number;
  /** Most iterations per run (default 2000). */
  maxIterations?: number;
  /** Restarts from the best point with a fresh simplex (default 1; see below). */
  restarts?: number;
}

/** The minimum found by {@link nelderMead}. */
export interface NelderMeadResult {
  x: number[];
  value: number;
  /** Function evaluations used. */
  evaluations: number;
}

/**
 * Minimises a function of a few variables by the Nelder–Mead simplex method (standard
 * coefficients: reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al. 1998).
 *
 * Why by hand: the lab has no optimisation dependency, and the censored latency fits need
 * only a derivative-free minimiser in 2 dimensions (≈ 60 lines). Nelder–Mead can stall short
 * of the minimum when its simplex collapses, so it restarts from the best point with a fresh
 * simplex, the usual remedy; a restart that does not move confirms the minimum. Non-finite
 * values (e.g. a log-likelihood of −∞) count as +∞, so the simplex walks away from them.
 *
 * @param f the function to minimise
 * @param x0 the starting point (any finite coordinates)
 * @param options initial step, tolerance, iteration cap, restarts
 * @returns the best point found, its value and the evaluations used
 * @throws {RangeError} when x0 is empty or not finite
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = x0.length;
  if (d === 0 || !x0.every(Number.isFinite)) {
    throw new RangeError(`nelderMead needs a finite starting point, got [${x0.join(", ")}]`);
  }
  const tol = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 2000;
  const steps = Array.from({ length: d }, (_, i) =>
    typeof options.step === "number" ? options.step : (options.step?.[i] ?? 0.1),
  );
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) || v === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : v;
  };
  let best = { x: x0.slice(), value: value(x0) };
  for (let run = 0; run <= (options.restarts ?? 1); run++) {
    const simplex: { x: number[]; value: number }[] = [best];
    for (let i = 0; i < d; i++) {
      const x = best.x.slice();
      x[i] += steps[i];
      simplex.push({ x, value: value(x) });
    }
    for (let it = 0; it < maxIterations; it++) {
      simplex.sort((a, b) => a.value - b.value);
      const lo = simplex[0];
      const hi = simplex[d];
      const spread = Math.abs(hi.value - lo.value);
      let size = 0;
      for (const p of simplex) {
        for (let i = 0; i < d; i++) size = Math.max(size, Math.abs(p.x[i] - lo.x[i]));
      }
      if (spread <= tol * (1 + Math.abs(lo.value)) && size <= tol * (1 + norm(lo.x))) break;
      const centroid = new Array<number>(d).fill(0);
      for (let k = 0; k < d; k++) {
        for (let i = 0; i < d; i++) centroid[i] += simplex[k].x[i] / d;
      }
      const towards = (t: number) => centroid.map((c, i) => c + t * (hi.x[i] - c));
      const xr = towards(-1);
      const fr = value(xr);
      if (fr < lo.value) {
        const xe = towards(-2);
        const fe = value(xe);
        simplex[d] = fe < fr ? { x: xe, value: fe } : { x: xr, value: fr };
      } else if (fr < simplex[d - 1].value) {
        simplex[d] = { x: xr, value: fr };
      } else {
        // Contract outside (towards the reflection) when it improved on the worst, else inside.
        const xc = towards(fr < hi.value ? -0.5 : 0.5);
        const fc = value(xc);
        if (fc < Math.min(fr, hi.value)) {
          simplex[d] = { x: xc, value: fc };
        } else {
          for (let k = 1; k <= d; k++) {
            const x = simplex[k].x.map((v, i) => lo.x[i] + 0.5 * (v - lo.x[i]));
            simplex[k] = { x, value: value(x) };
          }
        }
      }
    }
    simplex.sort((a, b) => a.value - b.value);
    const moved = simplex[0].value < best.value;
    best = simplex[0];
    if (run > 0 && !moved) break;
  }
  return { x: best.x, value: best.value, evaluations };
}

function norm(x: readonly number[]): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}
