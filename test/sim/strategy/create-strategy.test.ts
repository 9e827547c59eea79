import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import { RoutingInputError } from "../../../src/routing/errors.js";
import {
  CompiledScenario,
  createStrategy,
  parseScenario,
  runExperiment,
  runSimulation,
} from "../../../src/sim/index.js";
import { uniformScenario } from "../helpers.js";

describe("always:<backend> with a backend the scenario lacks", () => {
  const scenario = parseScenario(
    uniformScenario(2, {
      latencyMs: { type: "constant", value: 1 },
      relevance: { default: { type: "constant", value: 1 } },
    }),
    "x.json",
  );
  const message = 'always:nosuch: "nosuch" is not a backend of the scenario (b0, b1)';

  it("is refused where strategies are created", () => {
    const compiled = new CompiledScenario(scenario);
    const context = { compiled, seed: 1, repetition: 0, rng: createStream(1, "r") };
    expect(() => createStrategy("always:nosuch", context)).toThrow(RoutingInputError);
    expect(() => createStrategy("always:nosuch", context)).toThrow(message);
    expect(createStrategy("always:b1", context).name).toBe("always:b1");
    expect(() => runSimulation({ scenario, strategy: "always:nosuch", rounds: 10 })).toThrow(
      message,
    );
  });

  it("is refused by runExperiment before any thread starts", async () => {
    await expect(
      runExperiment({ scenario, strategies: ["always:b0", "always:nosuch"], rounds: 10 }),
    ).rejects.toThrow(message);
  });
});
