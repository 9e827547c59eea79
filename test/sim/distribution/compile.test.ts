import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import { compileDistribution, type DistributionSpec } from "../../../src/sim/index.js";
import { QS, quantileTolerance } from "../../support/quantile-tolerance.js";

function sorted(spec: DistributionSpec, n: number, seed: number): Float64Array {
  const draw = compileDistribution(spec).sampler(createStream(seed, "latency-test").source);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw();
  return xs.sort();
}

describe("latency distributions", () => {
  const cases: [string, DistributionSpec, (x: number) => number][] = [
    // Reference cdfs written independently of the module's own (closed forms, jStat).
    [
      "lognormal by median and p99",
      { type: "lognormal", median: 45, p99: 400 },
      (x) =>
        jStat.normal.cdf(
          Math.log(x),
          Math.log(45),
          (Math.log(400) - Math.log(45)) / 2.3263478740408408,
        ),
    ],
    [
      "lognormal by mu, sigma",
      { type: "lognormal", mu: 2, sigma: 0.5 },
      (x) => jStat.lognormal.cdf(x, 2, 0.5),
    ],
    ["gamma", { type: "gamma", shape: 2.5, scale: 28 }, (x) => jStat.gamma.cdf(x, 2.5, 28)],
    ["exponential", { type: "exponential", mean: 5 }, (x) => 1 - Math.exp(-x / 5)],
    [
      "pareto",
      { type: "pareto", scale: 10, shape: 1.5 },
      (x) => (x < 10 ? 0 : 1 - (10 / x) ** 1.5),
    ],
    [
      "weibull",
      { type: "weibull", shape: 0.8, scale: 20 },
      (x) => 1 - Math.exp(-((x / 20) ** 0.8)),
    ],
    [
      "shifted gamma",
      { type: "gamma", shape: 2, scale: 5, shift: 10 },
      (x) => (x < 10 ? 0 : jStat.gamma.cdf(x - 10, 2, 5)),
    ],
    [
      "mixture",
      {
        type: "mixture",
        components: [
          { weight: 3, distribution: { type: "exponential", mean: 2 } },
          { weight: 1, distribution: { type: "lognormal", mu: 4, sigma: 0.3 } },
        ],
      },
      (x) => 0.75 * (1 - Math.exp(-x / 2)) + 0.25 * jStat.lognormal.cdf(x, 4, 0.3),
    ],
  ];
  const n = 200_000;
  for (const [name, spec, cdf] of cases) {
    it(`${name}: sample quantiles sit where the configured cdf puts them`, () => {
      const xs = sorted(spec, n, 3);
      for (const q of QS) {
        const x = xs[Math.ceil(q * n) - 1];
        expect(Math.abs(cdf(x) - q)).toBeLessThan(quantileTolerance(q, n));
      }
    });
    it(`${name}: the compiled cdf and quantile agree with the reference`, () => {
      const d = compileDistribution(spec);
      for (const q of QS) {
        const x = d.quantile(q);
        expect(Math.abs(cdf(x) - q)).toBeLessThan(1e-6);
        expect(Math.abs(d.cdf(x) - q)).toBeLessThan(1e-6);
      }
    });
  }

  it("lognormal by median and p99 puts those exact values at the 50th and 99th percentiles", () => {
    const d = compileDistribution({ type: "lognormal", median: 12, p99: 60, shift: 2 });
    expect(d.quantile(0.5)).toBeCloseTo(12, 9);
    expect(d.quantile(0.99)).toBeCloseTo(60, 9);
  });

  it("empirical resamples its values uniformly", () => {
    const samples = [1, 2, 3, 10];
    const d = compileDistribution({ type: "empirical", samples });
    expect(d.cdf(2.5)).toBe(0.5);
    expect(d.quantile(0.75)).toBe(3);
    const draw = d.sampler(createStream(1, "empirical").source);
    const counts = new Map<number, number>();
    const m = 40_000;
    for (let i = 0; i < m; i++) {
      const v = draw();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    // Each value has probability 1/4: binomial sd √(m·¼·¾); 5 sd.
    for (const v of samples) {
      expect(Math.abs((counts.get(v) ?? 0) - m / 4)).toBeLessThan(5 * Math.sqrt((m * 3) / 16));
    }
  });
});
