import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { Decision } from "../../src/routing/decision.js";
import {
  AdaptivePatternRouter,
  createRouter,
  DEFAULT_ADAPTIVE_PATTERNS,
  parseStrategySpec,
  RoutingInputError,
} from "../../src/routing/index.js";
import { isPatternChoosing } from "../../src/routing/types.js";

describe("AdaptivePatternRouter", () => {
  it("names one of its patterns in every decision and passes the backend router's choice on", () => {
    const r = new AdaptivePatternRouter({ seed: 3 });
    expect(isPatternChoosing(r)).toBe(true);
    expect(r.patterns).toEqual(DEFAULT_ADAPTIVE_PATTERNS);
    for (let i = 0; i < 50; i++) {
      const d = r.select({ type: "personal" }, { available: ["mem0", "qdrant"] });
      expect(d).toBeInstanceOf(Decision);
      expect(["mem0", "qdrant"]).toContain(d.backend);
      expect(r.patterns).toContain(d.pattern);
      r.onQueryComplete(d, true, d.pattern === "feed-forward" ? 1 : 2);
    }
    const row = r.patternTable().find((x) => x.type === "personal");
    expect(row?.patterns.reduce((a, p) => a + p.picks, 0)).toBe(50);
  });

  it("rescales 1[SLO met] − λ·min(calls − 1, E) from [−λE, 1] to [0, 1]", () => {
    const r = new AdaptivePatternRouter({ callCost: 0.1, maxExtraCalls: 2 });
    // λE = 0.2: r̃ = (r + 0.2) / 1.2.
    expect(r.rescaledReward(true, 1)).toBeCloseTo(1, 12);
    expect(r.rescaledReward(false, 1)).toBeCloseTo(0.2 / 1.2, 12);
    expect(r.rescaledReward(true, 2)).toBeCloseTo(1.1 / 1.2, 12);
    expect(r.rescaledReward(false, 3)).toBe(0);
    // More extra calls than E count as E.
    expect(r.rescaledReward(false, 9)).toBe(0);
    expect(new AdaptivePatternRouter({ callCost: 0 }).rescaledReward(true, 5)).toBe(1);
  });

  /**
   * The Bernoulli trick: each completed query adds a Bernoulli(r̃) success, so the posterior
   * mean α/(α + β) = (1 + successes)/(2 + n) estimates E[r̃]. Here every query sends 2 calls and
   * meets the SLO with probability p = 0.7 (λ = 0.2, E = 1): E[r̃] = (p − 0.2 + 0.2)/1.2 = 0.583.
   * Over n = 20,000 draws the successes have sd √(n r̃(1 − r̃)) ≈ 70, i.e. 0.0035 in the mean; the
   * prior moves it by < 10⁻⁴. 4 sd: 0.014.
   */
  it("feeds the posterior a Bernoulli draw of the rescaled reward (its mean is E[r̃])", () => {
    const r = new AdaptivePatternRouter({
      rng: createStream(7, "router"),
      patterns: ["parallel:fanout=2,rule=first-k"],
      callCost: 0.2,
    });
    const outcomes = createStream(7, "outcomes");
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const d = r.select({ type: "similarity" }, { available: ["qdrant", "hybrid"] });
      r.onQueryComplete(d, outcomes.next() < 0.7, 2);
    }
    const row = r.patternTable().find((x) => x.type === "similarity");
    const cell = row?.patterns[0] ?? { alpha: 0, beta: 0, mean: Number.NaN };
    expect(cell.alpha + cell.beta).toBe(n + 2);
    const expected = 0.7 / 1.2;
    expect(Math.abs(cell.mean - expected)).toBeLessThan(
      4 * Math.sqrt((expected * (1 - expected)) / n),
    );
  });

  it("rejects bad options and foreign decisions, naming the field", () => {
    expect(() => new AdaptivePatternRouter({ callCost: -1 })).toThrow(/lambda/);
    expect(() => new AdaptivePatternRouter({ maxExtraCalls: 0 })).toThrow(/maxExtraCalls/);
    expect(() => new AdaptivePatternRouter({ patterns: [] })).toThrow(/patterns/);
    expect(() => new AdaptivePatternRouter({ patterns: ["hedged", "hedged"] })).toThrow(
      /patterns\.1.*repeats/,
    );
    const r = new AdaptivePatternRouter();
    const d = r.select({ type: "personal" }, { available: ["mem0"] });
    expect(() => r.onQueryComplete({ ...d.toJSON(), pattern: "chain" }, true, 1)).toThrow(
      RoutingInputError,
    );
    expect(() => r.onQueryComplete(d, true, 0)).toThrow(/calls/);
  });

  it("takes λ and E as --strategy options (λ as `lambda`)", () => {
    expect(parseStrategySpec("adaptive-pattern:lambda=0.2,maxExtraCalls=2")).toEqual({
      name: "adaptive-pattern",
      options: { callCost: 0.2, maxExtraCalls: 2 },
    });
    const r = createRouter("adaptive-pattern:lambda=0.2") as AdaptivePatternRouter;
    expect(r.callCost).toBe(0.2);
    expect(() => createRouter("adaptive-pattern:lambda=-0.5")).toThrow(
      /adaptive-pattern.*lambda.*≥ 0/,
    );
    expect(() => parseStrategySpec("adaptive-pattern:fanout=2")).toThrow(/has no option "fanout"/);
  });
});
