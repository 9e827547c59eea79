import { describe, expect, it } from "vitest";
import { routingDecisionsSchema } from "../../../src/report/schemas/index.js";
import {
  routingDecisionsResult,
  runClassificationStudy,
  runDecisionSpeedStudy,
} from "../../../src/studies/index.js";

describe("routingDecisionsSchema", () => {
  // The type check proves the schema equals RoutingDecisionsResult; this checks the JSON the
  // current code writes, nulls and all, reads back to the value it was written from.
  it("reads back what notebook 01's code writes", async () => {
    const speed = await runDecisionSpeedStudy({
      quick: true,
      seed: 3,
      measure: {
        runs: 1,
        timeMs: 20,
        warmupMs: 10,
        batchSize: 500,
        pretrainOutcomes: 100,
        growthCheckOutcomes: 1_000,
      },
    });
    const written = routingDecisionsResult({
      classification: runClassificationStudy(),
      speed,
      seed: 3,
      quick: true,
    });
    const read = routingDecisionsSchema.parse(JSON.parse(JSON.stringify(written)));
    expect(read).toEqual(written);
  }, 60_000);
});
