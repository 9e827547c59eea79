import { join } from "node:path";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { compileScenario, loadScenario, runSimulation } from "../../src/sim/index.js";

/** Upper end of a one-sided 97.5 % t-interval for the mean of xs. */
function upper(xs: number[]): number {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return mean + (jStat.studentt.inv(0.975, n - 1) * sd) / Math.sqrt(n);
}

describe("Thompson sampling on the Bernoulli scenario", () => {
  const scenario = compileScenario(
    loadScenario(join(__dirname, "../../data/scenarios/bernoulli.json")),
  );
  const T = 25_600;
  const reps = 40;
  /** Cumulative regret after every T/64 = 400 queries, per repetition. */
  const regret = (strategy: string) =>
    Array.from(
      { length: reps },
      (_, repetition) =>
        runSimulation({ scenario, strategy, rounds: T, seed: 2024, repetition, points: 64 }).curves
          .regret,
    );
  const at = (c: number[], t: number) => c[t / 400 - 1];
  const thompson = regret("thompson");

  it("has regret growing logarithmically, slower than √t", () => {
    // Logarithmic growth adds the same amount per doubling of t, so the late span T/8 → T
    // and the early span T/64 → T/8 (three doublings each) add equal regret; growth like t^a
    // makes the late span 2^(3a) times the early one (2.83 for √t, 8 for linear). The test:
    // d = late − 2·early has a negative mean with 97.5 % confidence (t-interval over the
    // repetitions), which rules out t^a for every a ≥ 1/3, √t and linear included.
    const d = thompson.map((c) => {
      const early = at(c, T / 8) - at(c, T / 64);
      const late = at(c, T) - at(c, T / 8);
      return late - 2 * early;
    });
    expect(upper(d)).toBeLessThan(0);
    // It does keep growing: exploration never stops entirely.
    expect(thompson.every((c) => at(c, T) >= at(c, T / 8))).toBe(true);
    expect(thompson.reduce((a, c) => a + at(c, T) - at(c, T / 8), 0)).toBeGreaterThan(0);
  });

  it("beats UCB1 and ε-greedy (paired over repetitions, one-sided 97.5 %)", () => {
    for (const other of ["ucb1", "epsilon-greedy"]) {
      const theirs = regret(other);
      const diff = thompson.map((c, r) => at(c, T) - at(theirs[r], T));
      expect(upper(diff), other).toBeLessThan(0);
    }
  });
});
