import { describe, expect, it } from "vitest";
import { EpsilonGreedyRouter } from "../../src/routing/index.js";

describe("EpsilonGreedyRouter", () => {
  it("explores at rate ε", () => {
    // Arm "good" always succeeds, the others always fail, so after each arm's first play the
    // greedy choice is "good". Each decision explores with probability ε = 0.1 and then picks
    // uniformly among k = 3 arms. Over N = 20,000 decisions the explore count is
    // Binomial(N, ε): mean 2,000, sd √(N ε (1 − ε)) = 42.4; the non-greedy picks are
    // Binomial(N, ε (k − 1)/k): mean 1,333, sd 35.3. Both are checked within 5 sd (a false
    // failure has probability < 1e-6).
    const available = ["good", "bad1", "bad2"];
    const r = new EpsilonGreedyRouter({ seed: 11, epsilon: 0.1, backends: available });
    // Warm up: one outcome per arm (optimistic initial values make each arm tried first).
    for (let i = 0; i < available.length; i++) {
      const d = r.select({ type: "t" }, { available });
      r.record({ decision: d, relevance: d.backend === "good" ? 1 : 0, latencyMs: 1 });
    }
    const n = 20_000;
    let explored = 0;
    let nonGreedy = 0;
    for (let i = 0; i < n; i++) {
      const d = r.select({ type: "t" }, { available });
      if (d.reason.startsWith("ε-greedy explored")) explored++;
      if (d.backend !== "good") nonGreedy++;
      r.record({ decision: d, relevance: d.backend === "good" ? 1 : 0, latencyMs: 1 });
    }
    expect(Math.abs(explored - n * 0.1)).toBeLessThan(5 * Math.sqrt(n * 0.1 * 0.9));
    const q = (0.1 * 2) / 3;
    expect(Math.abs(nonGreedy - n * q)).toBeLessThan(5 * Math.sqrt(n * q * (1 - q)));
  });

  it("rejects ε outside [0, 1]", () => {
    expect(() => new EpsilonGreedyRouter({ epsilon: 1.5 })).toThrow(/epsilon/);
  });
});
