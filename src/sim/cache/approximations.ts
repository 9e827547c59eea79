/**
 * Zipf popularities: item k (0-based) of n is requested with probability ∝ 1/(k + 1)^s, as
 * the workload's `repeats` catalogue draws them.
 *
 * @param n distinct items
 * @param s the exponent (0 = uniform)
 * @returns probabilities summing to 1
 * @example zipfPopularities(3, 1) // [0.545…, 0.272…, 0.181…]
 */
export function zipfPopularities(n: number, s: number): Float64Array {
  const p = Float64Array.from({ length: n }, (_, k) => (k + 1) ** -s);
  const sum = p.reduce((a, b) => a + b, 0);
  for (let k = 0; k < n; k++) p[k] /= sum;
  return p;
}

/** Solves f(t) = target for an increasing f on t > 0 by bracketing and bisection. */
function solveIncreasing(f: (t: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  while (f(hi) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Che's approximation of an LRU cache's hit rate under the independent reference model
 * (Che, Tung & Wang 2002; Fricker, Robert & Roberts 2012): item i is in the cache when it
 * was requested within the characteristic time t_C, so its hit probability is
 * 1 − exp(−pᵢ t_C), where t_C solves Σᵢ (1 − exp(−pᵢ t_C)) = C (the cache holds C items on
 * average). The hit rate is Σᵢ pᵢ (1 − exp(−pᵢ t_C)).
 *
 * @param popularities request probabilities (summing to 1)
 * @param capacity entries C, below the number of items
 * @returns the predicted hit rate in [0, 1]
 * @throws {RangeError} when capacity is not in [1, items)
 * @example cheHitRate(zipfPopularities(10_000, 1), 1_000) // ≈ 0.66
 */
export function cheHitRate(popularities: Float64Array, capacity: number): number {
  checkCapacity(popularities, capacity);
  const occupancy = (t: number) => {
    let s = 0;
    for (const p of popularities) s += -Math.expm1(-p * t);
    return s;
  };
  const t = solveIncreasing(occupancy, capacity);
  let h = 0;
  for (const p of popularities) h += p * -Math.expm1(-p * t);
  return h;
}

/**
 * The approximation of a FIFO (or random-replacement) cache's hit rate under the independent
 * reference model (Fricker, Robert & Roberts 2012; Gelenbe 1973 for the exact form): item i's
 * hit probability is pᵢ t / (1 + pᵢ t), where t solves Σᵢ pᵢ t / (1 + pᵢ t) = C. The hit
 * rate is Σᵢ pᵢ · pᵢ t / (1 + pᵢ t). It lies below Che's LRU figure: FIFO evicts popular
 * items on schedule, however often they are hit.
 *
 * @param popularities request probabilities (summing to 1)
 * @param capacity entries C, below the number of items
 * @returns the predicted hit rate in [0, 1]
 * @throws {RangeError} when capacity is not in [1, items)
 * @example fifoHitRate(zipfPopularities(10_000, 1), 1_000) // ≈ 0.63
 */
export function fifoHitRate(popularities: Float64Array, capacity: number): number {
  checkCapacity(popularities, capacity);
  const occupancy = (t: number) => {
    let s = 0;
    for (const p of popularities) s += (p * t) / (1 + p * t);
    return s;
  };
  const t = solveIncreasing(occupancy, capacity);
  let h = 0;
  for (const p of popularities) h += (p * p * t) / (1 + p * t);
  return h;
}

function checkCapacity(popularities: Float64Array, capacity: number): void {
  if (!(capacity >= 1 && capacity < popularities.length)) {
    throw new RangeError(
      `capacity must be in [1, ${popularities.length}) (the number of items), got ${capacity}`,
    );
  }
}
