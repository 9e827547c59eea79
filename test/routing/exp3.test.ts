import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { Exp3Router } from "../../src/routing/exp3.js";
import { compileScenario, runSimulation, type Scenario } from "../../src/sim/index.js";

const T = 20_000;
const arm = (p: number, after: number): Scenario["backends"][string] => ({
  latencyMs: { type: "constant", value: 1 },
  relevance: { default: { type: "bernoulli", p } },
  windows: [
    { kind: "drift", startMs: T / 2, relevance: { default: { type: "bernoulli", p: after } } },
  ],
});

// Three Bernoulli backends whose best switches halfway: b0 (0.7) until 10 s, then b2 (0.7).
// One closed-loop client and 1 ms latency: every outcome is known before the next decision
// (Exp3's feedback model) and T queries take T ms of virtual time.
const scenario: Scenario = {
  name: "switching-best",
  backends: { b0: arm(0.7, 0.3), b1: arm(0.5, 0.5), b2: arm(0.3, 0.7) },
  workload: { mix: { unknown: 1 }, arrivals: { type: "closed", clients: 1 } },
  slo: { latencyMs: 1000, minRelevance: 1 },
};

describe("Exp3", () => {
  it("keeps its expected static regret within 2√(e − 1)·√(T K ln K) when the best backend switches", () => {
    // Auer et al. (2002), Corollary 3.2: with γ = min(1, √(K ln K / ((e − 1) g))) and g ≥ the
    // best fixed arm's total reward (g = T works, rewards being ≤ 1), Exp3's expected regret
    // against the best fixed arm is ≤ 2√(e − 1)·√(g K ln K), for any reward sequence. The
    // run's static regret uses expected rewards, and E[max_b Σ x_t(b)] ≥ max_b Σ μ_t(b), so its
    // expectation is bounded too. Test: the 97.5 % upper t-bound of the mean over 12
    // repetitions is below the bound (673 here).
    const compiled = compileScenario(scenario);
    const K = 3;
    const bound = 2 * Math.sqrt(Math.E - 1) * Math.sqrt(T * K * Math.log(K));
    const runs = Array.from({ length: 12 }, (_, repetition) =>
      runSimulation({
        scenario: compiled,
        strategy: `exp3:horizon=${T}`,
        rounds: T,
        seed: 17,
        repetition,
      }),
    );
    const regrets = runs.map((r) => r.totals.staticRegret);
    const n = regrets.length;
    const mean = regrets.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(regrets.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(runs[0].totals.simulatedMs).toBeGreaterThan(T / 2); // the switch happened
    expect(mean + (jStat.studentt.inv(0.975, n - 1) * sd) / Math.sqrt(n)).toBeLessThan(bound);
    // The static regret is not the dynamic one: against the best backend at each moment,
    // no fixed-arm learner can avoid a regret linear in the time after the switch.
    expect(runs[0].totals.regret).toBeGreaterThan(runs[0].totals.staticRegret);
  });

  it("draws each backend with probability ≥ γ/K and learns from its own choices only", () => {
    const r = new Exp3Router({ gamma: 0.3, backends: ["x", "y"], seed: 4 });
    const rng = createStream(4, "exp3");
    let y = 0;
    for (let t = 0; t < 4000; t++) {
      const d = r.select({ type: "unknown" }, { available: ["x", "y"] });
      // The decision's scores are the probabilities: they sum to 1, each ≥ γ/K = 0.15.
      expect(d.scores!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...d.scores!)).toBeGreaterThanOrEqual(0.15 - 1e-12);
      if (d.backend === "y") y++;
      const p = d.backend === "y" ? 0.9 : 0.1;
      r.record({ decision: d, relevance: rng.next() < p ? 1 : 0, latencyMs: 1 });
      // An outcome of the other backend (a hedge) is ignored.
      r.record({ decision: d, backend: d.backend === "x" ? "y" : "x", relevance: 1, latencyMs: 1 });
    }
    // y is much better: Exp3 ends up drawing it with probability near 1 − γ/2 = 0.85, so over
    // 4,000 rounds well over half; if the hedged outcomes were learned from, x would gain
    // weight at reward 1 and the share would fall.
    expect(y / 4000).toBeGreaterThan(0.7);
    expect(() => new Exp3Router({ gamma: 0 })).toThrow(/^gamma: /);
    expect(() => new Exp3Router({ gamma: 0.1, horizon: 10 })).toThrow(/^horizon: cannot/);
    expect(() => new Exp3Router({ horizon: 0 })).toThrow(/^horizon: /);
  });
});
