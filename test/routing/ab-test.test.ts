import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import {
  AbTestRouter,
  createRouter,
  probabilityToBeBest,
  RoutingInputError,
  twoProportionZTest,
  type VariantDecision,
} from "../../src/routing/index.js";

const available = ["qdrant", "neo4j"];

/** An A/B test of always-qdrant against always-neo4j with given success probabilities. */
function run(pA: number, pB: number, n: number, seed: number, minSamples = 100) {
  const ab = new AbTestRouter({
    variants: [
      { name: "A", router: createRouter("always:qdrant") },
      { name: "B", router: createRouter("always:neo4j") },
    ],
    seed,
    minSamples,
  });
  const world = createStream(seed, "ab-world");
  for (let i = 0; i < n; i++) {
    const d = ab.select({ id: `user-${i}` }, { available });
    const p = d.variant === "A" ? pA : pB;
    ab.record({ decision: d, relevance: world.next() < p ? 0.9 : 0.1, latencyMs: 20 });
  }
  return ab;
}

describe("AbTestRouter", () => {
  it("assigns deterministically by id and by weight", () => {
    const mk = () =>
      new AbTestRouter({
        variants: [
          { name: "rules", router: createRouter("rule-based"), weight: 3 },
          { name: "thompson", router: createRouter("thompson"), weight: 1 },
        ],
        salt: "exp-1",
      });
    const a = mk();
    const b = mk();
    let rules = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const v = a.assign({ id: `u${i}` });
      expect(b.assign({ id: `u${i}` })).toBe(v);
      if (v === "rules") rules++;
    }
    // Binomial(20,000, 3/4): sd = √(n·0.75·0.25) = 61; within 5 sd.
    expect(Math.abs(rules - 0.75 * n)).toBeLessThan(5 * 61.2);
    const d = a.select({ id: "u1", type: "personal" }, { available: ["mem0", "qdrant"] });
    expect(d.variant).toBe(a.assign({ id: "u1" }));
    expect(d.reason).toMatch(/A\/B variant/);
  });

  it("says 'insufficient data' honestly until every variant has enough outcomes", () => {
    const ab = run(0.2, 0.9, 60, 1);
    const c = ab.compare();
    expect(c.status).toBe("insufficient-data");
    expect(c.message).toMatch(/Insufficient data.*at least 100 outcomes/);
    expect(c.winner).toBeUndefined();
  });

  it("finds a clear winner with the z-test and the Bayesian method", () => {
    // 0.4 vs 0.6 with ≈ 1000 per arm: z ≈ 0.2 / √(0.5·0.5·2/1000) ≈ 8.9, far beyond any
    // threshold; P(B best) is then ≈ 1.
    const ab = run(0.4, 0.6, 2000, 2);
    const z = ab.compare("z-test");
    expect(z).toMatchObject({ status: "winner", winner: "B" });
    expect(z.tests[0].pValue).toBeLessThan(1e-6);
    const bayes = ab.compare("bayesian");
    expect(bayes).toMatchObject({ status: "winner", winner: "B" });
    expect(bayes.variants[1].probabilityBest).toBeGreaterThan(0.999);
    const [lo, hi] = bayes.variants[1].successRateInterval;
    expect(lo).toBeLessThan(0.6);
    expect(hi).toBeGreaterThan(0.6);
  });

  it("reports no significant difference between equal variants", () => {
    // Both 0.5: under H0 the z-test rejects with probability α; with α = 0.001 a false
    // "winner" would need |z| > 3.29.
    const ab = new AbTestRouter({
      variants: [
        { name: "A", router: createRouter("always:qdrant") },
        { name: "B", router: createRouter("always:neo4j") },
      ],
      seed: 3,
      alpha: 0.001,
    });
    const world = createStream(3, "ab-world");
    for (let i = 0; i < 2000; i++) {
      const d = ab.select({}, { available });
      ab.record({ decision: d, relevance: world.next() < 0.5 ? 0.9 : 0.1, latencyMs: 20 });
    }
    expect(ab.compare().status).toBe("no-significant-difference");
  });

  it("computes the probability to be best close to the exact value", () => {
    // P(B > A) = ∫ f_B(x) F_A(x) dx for Beta posteriors, by the midpoint rule on 20,000
    // cells (error ≪ 1e-4). The Monte Carlo estimate with 20,000 draws has sd ≤ 0.5/√20000
    // = 0.0035; 5 sd = 0.018.
    const a = { successes: 45, trials: 100 };
    const b = { successes: 55, trials: 100 };
    const [, pb] = probabilityToBeBest([a, b], { seed: 9 });
    let exact = 0;
    const cells = 20_000;
    for (let k = 0; k < cells; k++) {
      const x = (k + 0.5) / cells;
      exact += jStat.beta.pdf(x, 56, 46) * jStat.beta.cdf(x, 46, 56) * (1 / cells);
    }
    expect(Math.abs(pb - exact)).toBeLessThan(0.018);
    // And the z-test matches the textbook formula.
    const z = twoProportionZTest(a, b);
    expect(z.z).toBeCloseTo(0.1 / Math.sqrt(0.5 * 0.5 * (2 / 100)), 10);
  });

  it("rejects bad configurations and outcomes from outside the test", () => {
    const r = createRouter("random");
    expect(() => new AbTestRouter({ variants: [{ name: "x", router: r }] })).toThrow(
      /two variants/,
    );
    expect(
      () =>
        new AbTestRouter({
          variants: [
            { name: "x", router: r },
            { name: "x", router: r },
          ],
        }),
    ).toThrow(/variants\[1\]\.name.*duplicate/);
    expect(
      () =>
        new AbTestRouter({
          variants: [
            { name: "x", router: r, weight: 0 },
            { name: "y", router: r },
          ],
        }),
    ).toThrow(/variants\[0\]\.weight/);
    const ab = run(0.5, 0.5, 1, 4);
    const plain = r.select({}, { available });
    expect(() => ab.record({ decision: plain, relevance: 1, latencyMs: 1 })).toThrow(
      RoutingInputError,
    );
    const d = ab.select({}, { available }) as VariantDecision;
    expect(() => ab.record({ decision: d, relevance: 2, latencyMs: 1 })).toThrow(/relevance/);
  });
});
