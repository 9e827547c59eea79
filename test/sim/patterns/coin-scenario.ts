import type { Scenario } from "../../../src/sim/index.js";
import { uniformScenario } from "../helpers.js";

/** A backend answering in 10 ms, relevant (relevance 1) with probability p, else 0. */
const coin = (p: number): Scenario["backends"][string] => ({
  latencyMs: { type: "constant", value: 10 },
  relevance: { default: { type: "bernoulli", p } },
});

/** Three such backends a, b and c at p = ½: each call is a fair coin, every call 10 ms. */
export const coinScenario: Scenario = {
  ...uniformScenario(1, coin(0.5)),
  backends: { a: coin(0.5), b: coin(0.5), c: coin(0.5) },
};
