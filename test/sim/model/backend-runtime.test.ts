import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import { compileDistribution } from "../../../src/sim/distribution/compile.js";
import type { DistributionSpec } from "../../../src/sim/distribution/spec.js";
import { latencySampler } from "../../../src/sim/model/backend-runtime.js";
import { ksCritical, ksDistance } from "../../support/ks-distance.js";

const N = 50_000;

// The engine draws these three kinds with its own samplers (not the distribution's d3 one):
// each must still follow the distribution's CDF. A correct sampler fails with p < 1e-6.
const SPECS: DistributionSpec[] = [
  { type: "lognormal", median: 45, p99: 400, shift: 2 },
  { type: "gamma", shape: 2.5, scale: 28, shift: 10 },
  { type: "gamma", shape: 0.6, scale: 5 },
  {
    type: "mixture",
    components: [
      { weight: 0.9, distribution: { type: "gamma", shape: 3, scale: 4 } },
      { weight: 0.1, distribution: { type: "exponential", mean: 20, shift: 5 } },
    ],
  },
];

describe("latencySampler", () => {
  for (const spec of SPECS) {
    it(`draws ${JSON.stringify(spec)} by its CDF`, () => {
      const dist = compileDistribution(spec);
      const draw = latencySampler(dist, createStream(7, "latency-sampler", spec.type));
      const xs = Array.from({ length: N }, draw);
      expect(ksDistance(xs, dist.cdf)).toBeLessThan(ksCritical(N));
    });
  }

  it("is the distribution's own sampler for other kinds (the same numbers)", () => {
    const dist = compileDistribution({ type: "exponential", mean: 20 });
    const a = latencySampler(dist, createStream(3, "x"));
    const b = dist.sampler(createStream(3, "x").source);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});
