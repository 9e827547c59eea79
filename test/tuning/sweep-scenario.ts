import { parseScenario } from "../../src/sim/scenario/parse.js";

/**
 * A small Bernoulli bandit for sweep tests: two query types, three backends whose success
 * probabilities differ per type, so priors and forgetting change the regret.
 */
export const bernoulliScenario = parseScenario(
  {
    name: "sweep-test",
    backends: {
      a: {
        latencyMs: { type: "constant", value: 5 },
        relevance: { x: { type: "bernoulli", p: 0.8 }, y: { type: "bernoulli", p: 0.3 } },
      },
      b: {
        latencyMs: { type: "constant", value: 5 },
        relevance: { x: { type: "bernoulli", p: 0.6 }, y: { type: "bernoulli", p: 0.7 } },
      },
      c: {
        latencyMs: { type: "constant", value: 5 },
        relevance: { default: { type: "bernoulli", p: 0.5 } },
      },
    },
    workload: { mix: { x: 0.5, y: 0.5 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 100, minRelevance: 0.5 },
  },
  "sweep-test",
);
