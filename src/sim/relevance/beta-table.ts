import jStat from "jstat";
import type { RandomSource } from "../../random/index.js";

/** Knots per side of the split (see {@link betaTableSampler}). */
const KNOTS = 1024;
/** Integration cells per side when building the knots. */
const CELLS = 16384;
/** Built tables, shared by every run in this thread (they depend only on α, β, threshold). */
const cache = new Map<string, Tables>();
const CACHE_LIMIT = 512;

interface Tables {
  split: number;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * A Beta(α, β) sampler by inversion of a tabulated quantile function, split at a threshold.
 *
 * Why not d3-random's `randomBeta`: it draws two Marsaglia–Tsang gammas (≈ 9 uniforms, logs
 * and a square root), the largest single cost of a simulated request after the router itself;
 * a table lookup is one uniform and a linear interpolation (measured on the project machine:
 * ≈ 330 ns against ≈ 40 ns per draw).
 *
 * Why it stays exact where it matters: the table is split at u* = F(threshold), the exact
 * Beta cdf (jStat's incomplete beta) at the SLO's minimum relevance. A draw u < u* always lands
 * below the threshold and u ≥ u* at or above it, so P(relevance ≥ threshold), the success
 * probability that the oracle and the regret use, is exactly the Beta distribution's. Within
 * each side the quantile function is interpolated linearly between `KNOTS` knots, found by
 * integrating the density on a fine grid (midpoint rule, rescaled to the side's exact mass),
 * so any other quantile moves by about one knot spacing (1/1024 of that side's mass) at most.
 *
 * @param alpha α > 0
 * @param beta β > 0
 * @param threshold the relevance at which the table is split (the SLO's minRelevance)
 * @param source uniform source in [0, 1)
 * @returns a sampler of relevance in [0, 1]
 * @example betaTableSampler(17, 3, 0.7, createStream(1, "relevance").source)()
 */
export function betaTableSampler(
  alpha: number,
  beta: number,
  threshold: number,
  source: RandomSource,
): () => number {
  const { split, lower, upper } = tablesFor(alpha, beta, threshold);
  const lowScale = split > 0 ? KNOTS / split : 0;
  const highScale = split < 1 ? KNOTS / (1 - split) : 0;
  return () => {
    const u = source();
    let table: Float64Array;
    let x: number;
    if (u < split) {
      table = lower;
      x = u * lowScale;
    } else {
      table = upper;
      x = (u - split) * highScale;
    }
    const i = x | 0;
    return table[i] + (x - i) * (table[i + 1] - table[i]);
  };
}

function tablesFor(alpha: number, beta: number, threshold: number): Tables {
  const key = `${alpha},${beta},${threshold}`;
  let t = cache.get(key);
  if (t === undefined) {
    const m = Math.min(1, Math.max(0, threshold));
    const split = m <= 0 ? 0 : m >= 1 ? 1 : jStat.ibeta(m, alpha, beta);
    t = {
      split,
      lower: side(0, m, alpha, beta),
      upper: side(m, 1, alpha, beta),
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, t);
  }
  return t;
}

/**
 * KNOTS + 1 quantiles of the Beta density restricted to [lo, hi], equally spaced in
 * probability, plus a guard slot (u · scale can round up to exactly KNOTS).
 */
function side(lo: number, hi: number, a: number, b: number): Float64Array {
  const table = new Float64Array(KNOTS + 2);
  table.fill(hi);
  table[0] = lo;
  if (!(hi > lo)) return table;
  const h = (hi - lo) / CELLS;
  // Log-density at cell midpoints, up to a constant (the side is rescaled to mass 1 anyway);
  // subtracting the maximum avoids underflow for large α, β.
  const logs = new Float64Array(CELLS);
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < CELLS; j++) {
    const x = lo + (j + 0.5) * h;
    const l = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x);
    logs[j] = l;
    if (l > max) max = l;
  }
  const cumulative = new Float64Array(CELLS + 1);
  for (let j = 0; j < CELLS; j++) cumulative[j + 1] = cumulative[j] + Math.exp(logs[j] - max);
  const total = cumulative[CELLS];
  let j = 0;
  for (let i = 1; i < KNOTS; i++) {
    const target = (total * i) / KNOTS;
    while (j < CELLS - 1 && cumulative[j + 1] < target) j++;
    const cell = cumulative[j + 1] - cumulative[j];
    const f = cell > 0 ? (target - cumulative[j]) / cell : 0;
    table[i] = Math.min(hi, Math.max(lo, lo + (j + f) * h));
  }
  return table;
}
