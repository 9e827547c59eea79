import { describe, expect, it } from "vitest";
import {
  cheHitRate,
  fifoHitRate,
  irmHitRate,
  zipfPopularities,
} from "../../../src/sim/cache/index.js";

/**
 * Hit rates of the cache's own eviction policies under the independent reference model (IRM:
 * each request is item k with Zipf probability pₖ ∝ 1/(k+1)^s, independently), against the
 * classical approximations:
 *
 * - **LRU, Che's approximation.** An item is in an LRU cache when it was requested within
 *   the characteristic time t_C; under IRM that has probability 1 − exp(−pᵢ t_C), and t_C
 *   solves Σᵢ (1 − exp(−pᵢ t_C)) = C (the cache holds C items). Hit rate Σᵢ pᵢ (1 − e^{−pᵢ t_C}).
 * - **FIFO.** An item inserted at a miss stays for a fixed time t (C further insertions), so
 *   it is present with probability pᵢ t / (1 + pᵢ t) (a renewal argument: it waits ≈ 1/pᵢ
 *   absent, then t present), where t solves Σᵢ pᵢ t / (1 + pᵢ t) = C. Hit rate
 *   Σᵢ pᵢ · pᵢ t / (1 + pᵢ t).
 * Both t are found by bisection (`cheHitRate`, `fifoHitRate` in src/sim/cache/approximations.ts).
 *
 * Tolerance, 1 point (the issue's): the approximations' own error at 10⁴ items and C ≥ 100 is
 * a few tenths of a point at most (Fricker, Robert & Roberts 2012: they are exact as C → ∞),
 * and the simulated rate over N = 2·10⁵ counted requests has a binomial standard error
 * √(h(1−h)/N) ≤ √(0.25/2·10⁵) ≈ 0.0011 (requests are independent under IRM; the cache's
 * state makes successive hits only weakly dependent), so 1 point is ≥ 9 standard errors above
 * the approximation error: a correct policy fails with negligible probability, while a wrong
 * one (FIFO where LRU is expected, 2–5 points lower where the two predictions differ) fails.
 */
const ITEMS = 10_000;
const REQUESTS = 200_000;
const TOL = 0.01;

describe("result-cache policies against theory (IRM, 10⁴ items)", () => {
  for (const s of [0.6, 1.0]) {
    for (const share of [0.01, 0.1]) {
      const capacity = ITEMS * share;
      it(`Zipf ${s}, capacity ${share * 100} %: LRU ≈ Che, FIFO ≈ its own approximation`, () => {
        const p = zipfPopularities(ITEMS, s);
        const che = cheHitRate(p, capacity);
        const fifo = fifoHitRate(p, capacity);
        const base = { items: ITEMS, zipfExponent: s, capacity, requests: REQUESTS, seed: 7 };
        const lru = irmHitRate({ ...base, policy: "lru" });
        const fifoSim = irmHitRate({ ...base, policy: "fifo" });
        expect(Math.abs(lru - che)).toBeLessThan(TOL);
        expect(Math.abs(fifoSim - fifo)).toBeLessThan(TOL);
        // FIFO is below LRU; where the two predictions are more than 2 tolerances apart, each
        // simulation lies nearer its own approximation (the two cannot be confused).
        expect(fifo).toBeLessThan(che);
        if (che - fifo > 2 * TOL) {
          expect(Math.abs(lru - che)).toBeLessThan(Math.abs(lru - fifo));
          expect(Math.abs(fifoSim - fifo)).toBeLessThan(Math.abs(fifoSim - che));
        }
      });
    }
  }

  it("approximations: a uniform catalogue hits C/n under both; capacity is checked", () => {
    // With equal popularities every item is cached with probability C/n, whatever the policy.
    const p = zipfPopularities(1000, 0);
    expect(cheHitRate(p, 100)).toBeCloseTo(0.1, 9);
    expect(fifoHitRate(p, 100)).toBeCloseTo(0.1, 9);
    expect(() => cheHitRate(p, 1000)).toThrow(RangeError);
    expect(() => fifoHitRate(p, 0)).toThrow(RangeError);
  });
});
