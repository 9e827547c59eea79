import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileScenario, loadScenario, runSimulation } from "../../../src/sim/index.js";
import { MetricsRecorder } from "../../../src/sim/metrics/recorder.js";
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

describe("MetricsRecorder.routed", () => {
  it("folds to the sums staticRewards gives, query by query", () => {
    // Two recorders see the same routed queries under constant rewards: one per query with
    // every backend's reward, one counted per (row, chosen) and folded. Rows map to types.
    const nB = 3;
    const rowType = Int32Array.from([0, 1, 1, 2]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: rowType.length * nB,
          maxLength: rowType.length * nB,
        }),
        fc.array(fc.tuple(fc.nat(rowType.length - 1), fc.nat(nB - 1)), { maxLength: 200 }),
        (rewards, queries) => {
          const table = Float64Array.from(rewards);
          const ids = ["a", "b", "c"];
          const each = new MetricsRecorder(ids, 1000, 10, 3, rowType.length);
          const folded = new MetricsRecorder(ids, 1000, 10, 3, rowType.length);
          for (const [row, chosen] of queries) {
            each.staticRewards(rowType[row], table.subarray(row * nB, row * nB + nB), chosen);
            folded.routed(row, chosen);
          }
          folded.foldRouted(table, rowType);
          folded.foldRouted(table, rowType); // a second fold adds nothing: the counts were cleared
          const a = each.result().totals.staticRegret;
          const b = folded.result().totals.staticRegret;
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, queries.length));
        },
      ),
    );
  });
});
