import { describe, expect, it } from "vitest";
import { createRouter } from "../../../src/routing/registry.js";
import type { Router } from "../../../src/routing/types.js";
import { runSimulation } from "../../../src/sim/run/run-simulation.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import type { StrategyContext } from "../../../src/sim/strategy/create-strategy.js";

const scenario = loadScenario("data/scenarios/default.json");
const base = { scenario, rounds: 3_000, seed: 21, points: 2 };

/** A factory that builds the registry's Thompson router from the stream it is given. */
const wrapped = (context: StrategyContext): Router =>
  createRouter("thompson", {
    rng: context.rng,
    backends: context.compiled.backends,
    queryTypes: context.compiled.types,
  });

describe("runSimulation's streamName", () => {
  it("gives a factory the stream of the strategy it names: the same run as that strategy", () => {
    const plain = runSimulation({ ...base, strategy: "thompson" });
    const named = runSimulation({ ...base, strategy: wrapped, streamName: "thompson" });
    expect(named.totals).toEqual(plain.totals);
    expect(named.curves).toEqual(plain.curves);
  });

  it("defaults to the strategy's name: a factory's function name draws another stream", () => {
    const plain = runSimulation({ ...base, strategy: "thompson" });
    const unnamed = runSimulation({ ...base, strategy: wrapped });
    // Stream "wrapped", not "thompson": 3,000 Thompson draws from another stream choose
    // differently somewhere, so the regret differs.
    expect(unnamed.totals.regret).not.toBe(plain.totals.regret);
    // A factory whose function is called `thompson` draws the `thompson` stream by default.
    const thompson = (context: StrategyContext) => wrapped(context);
    expect(runSimulation({ ...base, strategy: thompson }).totals).toEqual(plain.totals);
  });
});
