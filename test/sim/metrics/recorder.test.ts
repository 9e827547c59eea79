import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenario, loadScenario, runSimulation } from "../../../src/sim/index.js";
import { ProbeRouter } from "../helpers.js";

const scenarios = join(__dirname, "../../../data/scenarios");

describe("static regret", () => {
  it("equals the dynamic regret when every type's best backend never changes", () => {
    // Stationary rewards: the best backend at each moment is the best fixed one, so both
    // regrets sum the same per-query gaps (up to float rounding of two different sums).
    const compiled = compileScenario(loadScenario(join(scenarios, "bernoulli.json")));
    for (const strategy of ["ucb1", "random", "oracle"]) {
      const r = runSimulation({ scenario: compiled, strategy, rounds: 3000, seed: 7 });
      expect(r.totals.staticRegret, strategy).toBeCloseTo(r.totals.regret, 6);
    }
  });

  it("is the best fixed backend's expected reward minus the chosen ones', per type", () => {
    // Recompute it from the scenario's expected rewards for a router that always picks qdrant
    // on the drift scenario, where the best similarity backend changes mid-run.
    const compiled = compileScenario(loadScenario(join(scenarios, "drift.json")));
    const nB = compiled.backends.length;
    const sums = new Float64Array(compiled.types.length * nB);
    let chosen = 0;
    const probe = new ProbeRouter("qdrant");
    const select = probe.select.bind(probe);
    probe.select = (query, context) => {
      const ty = compiled.typeIndex.get(query.type!)!;
      for (let b = 0; b < nB; b++)
        sums[ty * nB + b] += compiled.expectedReward(ty, b, context.now!);
      const d = select(query, context);
      chosen += compiled.expectedReward(ty, compiled.backendIndex.get(d.backend)!, context.now!);
      return d;
    };
    const r = runSimulation({ scenario: compiled, strategy: () => probe, rounds: 8000, seed: 3 });
    let best = 0;
    for (let ty = 0; ty < compiled.types.length; ty++) {
      best += Math.max(...sums.subarray(ty * nB, (ty + 1) * nB));
    }
    expect(r.totals.staticRegret).toBeCloseTo(best - chosen, 6);
    // The oracle switches backends as the drift unfolds, so it beats every fixed backend.
    const oracle = runSimulation({ scenario: compiled, strategy: "oracle", rounds: 8000, seed: 3 });
    expect(oracle.totals.staticRegret).toBeLessThan(0);
  });
});
