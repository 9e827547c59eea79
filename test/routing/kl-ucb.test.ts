import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { bernoulliKl, KlUcbRouter, klUcbIndex } from "../../src/routing/kl-ucb.js";

describe("klUcbIndex", () => {
  it("is the largest q ≥ p with kl(p, q) ≤ bound, as bisection finds it (property)", () => {
    const bisect = (p: number, bound: number) => {
      let lo = p;
      let hi = 1;
      for (let k = 0; k < 200; k++) {
        const mid = 0.5 * (lo + hi);
        if (bernoulliKl(p, mid) > bound) hi = mid;
        else lo = mid;
      }
      return lo;
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-9, max: 50, noNaN: true }),
        (p, bound) => {
          const q = klUcbIndex(p, bound);
          expect(q).toBeGreaterThanOrEqual(p);
          expect(q).toBeLessThanOrEqual(1);
          // Near the root kl is ≈ quadratic, so q is determined only to ≈ √(ε·p(1−p)); 10⁻⁷
          // covers that and the 10⁻¹² cap below 1.
          expect(Math.abs(q - bisect(p, bound))).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 2000 },
    );
    expect(klUcbIndex(0.4, 0)).toBe(0.4);
    expect(klUcbIndex(1, 3)).toBe(1);
  });
});

describe("KL-UCB on a Bernoulli problem", () => {
  it("has regret / ln T in a derived band around the Lai–Robbins constant", () => {
    const mus = [0.9, 0.8, 0.7];
    const best = 0.9;
    const T = 20_000;
    const reps = 40;
    const names = mus.map((_, i) => `b${i}`);
    const ratios: number[] = [];
    for (let r = 0; r < reps; r++) {
      const router = new KlUcbRouter({ backends: names, seed: r });
      const rng = createStream(11, r, "kl-ucb");
      let regret = 0;
      for (let t = 0; t < T; t++) {
        const d = router.select({ type: "unknown" }, { available: names });
        const b = names.indexOf(d.backend);
        regret += best - mus[b];
        router.record({ decision: d, relevance: rng.next() < mus[b] ? 1 : 0, latencyMs: 1 });
      }
      ratios.push(regret / Math.log(T));
    }
    const mean = ratios.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
    const se = sd / Math.sqrt(reps);

    // The band. Lai & Robbins: E[Nₐ(T)] ~ ln T / kl(μₐ, μ*), so regret / ln T → C = Σ Δₐ / kl(μₐ, μ*)
    // (= 3.55 here). At finite T two first-order effects pull Nₐ(T) below ln T / kl(μₐ, μ*):
    // 1. A suboptimal arm is played only while its index exceeds the best arm's, and the best
    //    arm's index is not μ* but μ* + η, its own KL-UCB width: with N* ≈ T plays,
    //    N*·kl(μ*, μ* + η) = ln T and kl(μ, μ + η) ≈ η² / (2μ(1 − μ)) give
    //    η ≈ √(2μ*(1 − μ*) ln T / T) (0.0094 here). So Nₐ ≈ ln T / kl(μₐ, μ* + η).
    // 2. Arm a stops when its own index, computed from its empirical mean p̂ₐ, falls below that;
    //    p̂ₐ has sd σₐ = √(μₐ(1 − μₐ)/Nₐ), and a low p̂ stops it early. Allowing p̂ₐ two sd low
    //    in every repetition (a bound on the mean effect, which is smaller) gives
    //    Nₐ ≥ ln T / kl(μₐ − 2σₐ, μ* + η), solved for Nₐ by fixed-point iteration.
    // Lower edge: Σ Δₐ·Nₐ / ln T with effect 2's bound (1.3 here). Upper edge: C itself, since
    // both effects only lower the count, plus the one forced play of each arm (Δₐ / ln T).
    // Each edge is widened by 3 standard errors of the mean over the repetitions (the sampling
    // error of the measured mean; a 3 se miss has probability ≈ 0.3 %). KL-UCB's measured
    // ratio sits at ≈ 0.76·C; UCB1 would give ≈ 30 and KL-UCB with log t + 3 log log t ≈ 5,
    // both far above the band.
    const lnT = Math.log(T);
    const eta = Math.sqrt((2 * best * (1 - best) * lnT) / T);
    let C = 0;
    let lower = 0;
    for (const mu of mus) {
      if (mu === best) continue;
      const gap = best - mu;
      C += gap / bernoulliKl(mu, best);
      let n = lnT / bernoulliKl(mu, best + eta);
      for (let k = 0; k < 50; k++) {
        const low = Math.max(mu - 2 * Math.sqrt((mu * (1 - mu)) / n), 0);
        n = lnT / bernoulliKl(low, best + eta);
      }
      lower += (gap * n) / lnT;
    }
    const upper = C + mus.reduce((a, mu) => a + (best - mu), 0) / lnT;
    expect(C).toBeCloseTo(3.5536, 3);
    expect(mean).toBeGreaterThan(lower - 3 * se);
    expect(mean).toBeLessThan(upper + 3 * se);
  });

  it("explores more with the log log term, and reproduces from its seed", () => {
    const names = ["a", "b"];
    const run = (c: number) => {
      const router = new KlUcbRouter({ backends: names, c });
      const rng = createStream(3, "kl-ucb-c");
      let worse = 0;
      for (let t = 0; t < 3000; t++) {
        const d = router.select({ type: "unknown" }, { available: names });
        if (d.backend === "b") worse++;
        const mu = d.backend === "a" ? 0.6 : 0.4;
        router.record({ decision: d, relevance: rng.next() < mu ? 1 : 0, latencyMs: 1 });
      }
      return worse;
    };
    // log t + 3 log log t exceeds log t by 3 ln ln 3000 ≈ 6.2 (≈ 78 %) at the end, so the worse
    // arm's plays (≈ exploration / kl) grow by well over the noise of one run.
    expect(run(3)).toBeGreaterThan(run(0));
    expect(run(0)).toBe(run(0));
    expect(() => new KlUcbRouter({ c: -1 })).toThrow(/^c: /);
  });
});
