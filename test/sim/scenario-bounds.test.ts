import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createStream } from "../../src/random/index.js";
import { largestDraw, MAX_DRAW } from "../../src/sim/distribution/draw-bound.js";
import {
  compileDistribution,
  compileRelevance,
  type DistributionSpec,
  distributionSpecSchema,
  formatIssues,
  parseScenario,
  relevanceSpecSchema,
  type Scenario,
  ScenarioError,
} from "../../src/sim/index.js";
import { BETA_SHAPE_MAX, BETA_SHAPE_MIN } from "../../src/sim/relevance/beta-bounds.js";

const scenarios = join(__dirname, "../../data/scenarios");

/** default.json as the reviewer changed it: hybrid without a timeout, with this latency. */
function defaultWith(latencyMs: unknown): Scenario {
  const s = JSON.parse(readFileSync(join(scenarios, "default.json"), "utf8"));
  delete s.workload.queries;
  delete s.backends.hybrid.timeoutMs;
  s.backends.hybrid.latencyMs = latencyMs;
  return s;
}

/** The issues as a scenario error lists them: `path message`. */
function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : formatIssues(r.error.issues).map((i) => `${i.path} ${i.message}`);
}

/** A uniform source stuck at its largest 32-bit value, 1 − 2⁻³²: the heavy tails' extreme. */
const largestUniform = () => 1 - 2 ** -32;

describe("distributions whose draws can be Infinity are rejected with the field path", () => {
  it("the reviewer's Pareto (scale 10, shape 0.01) names the file and the shape", () => {
    expect(() =>
      parseScenario(defaultWith({ type: "pareto", scale: 10, shape: 0.01 }), "x.json"),
    ).toThrow(
      /^x\.json: backends\.hybrid\.latencyMs\.shape must be ≥ 0\.0314 with scale 10, or draws can be Infinity/,
    );
    // README's "no mean when α ≤ 1" still holds: heavy but finite tails pass.
    expect(() =>
      parseScenario(defaultWith({ type: "pareto", scale: 10, shape: 0.5 }), "x.json"),
    ).not.toThrow();
  });

  it("reports an invalid gamma shape by its own rule, not by a crash of the bound", () => {
    for (const shape of [-1, 0, Number.NaN]) {
      const issues = issuesOf(distributionSpecSchema, { type: "gamma", shape, scale: 1 });
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i) => i.startsWith("shape"))).toBe(true);
    }
  });

  it.each<[string, DistributionSpec, string]>([
    ["pareto", { type: "pareto", scale: 10, shape: 0.0313 }, "shape must be ≥ 0.0314"],
    ["lognormal (μ, σ)", { type: "lognormal", mu: 0, sigma: 100 }, "sigma must be ≤ 71.7"],
    ["lognormal (median, p99)", { type: "lognormal", median: 1, p99: 1e300 }, "p99 must be ≤"],
    ["gamma", { type: "gamma", shape: 2.5, scale: 1e307 }, "scale must be ≤"],
    ["gamma's shape", { type: "gamma", shape: 1.1e6, scale: 1 }, "shape must be ≤ 1000000"],
    ["exponential", { type: "exponential", mean: 1e307 }, "mean must be ≤ 4.05e+306"],
    ["weibull", { type: "weibull", shape: 0.001, scale: 1 }, "shape must be ≥ 0.00438"],
    ["constant", { type: "constant", value: 1.7e308 }, "value must be ≤ 8.98e+307"],
    ["empirical", { type: "empirical", samples: [3, 1.7e308] }, "samples[1] must be ≤"],
    ["shift", { type: "exponential", mean: 1, shift: 1.7e308 }, "shift must be ≤"],
    [
      "a mixture's component",
      {
        type: "mixture",
        components: [
          { weight: 1, distribution: { type: "constant", value: 1 } },
          { weight: 1, distribution: { type: "pareto", scale: 1, shape: 0.01 } },
        ],
      },
      "components[1].distribution.shape must be ≥",
    ],
  ])("%s", (_, spec, message) => {
    const issues = issuesOf(distributionSpecSchema, spec);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(message);
  });

  it("the limit a message states is safe: at it, the largest draw is finite", () => {
    for (const shape of [0.0314, 0.5, 1]) {
      const spec: DistributionSpec = { type: "pareto", scale: 10, shape };
      expect(issuesOf(distributionSpecSchema, spec)).toEqual([]);
      const draw = compileDistribution(spec).sampler(largestUniform)();
      expect(Number.isFinite(draw)).toBe(true);
      expect(draw).toBeLessThanOrEqual(largestDraw(spec) * (1 + 1e-12));
    }
    expect(issuesOf(distributionSpecSchema, { type: "lognormal", mu: 0, sigma: 71.7 })).toEqual([]);
  });

  it("largestDraw bounds the samplers' draws at the extreme uniform (property)", () => {
    // Whatever the parameters, an accepted spec's extreme draw is finite and within the bound.
    const positive = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    const spec = fc.oneof(
      fc.record({ type: fc.constant("pareto" as const), scale: positive, shape: positive }),
      fc.record({ type: fc.constant("weibull" as const), scale: positive, shape: positive }),
      fc.record({ type: fc.constant("exponential" as const), mean: positive }),
    );
    fc.assert(
      fc.property(spec, (s) => {
        if (issuesOf(distributionSpecSchema, s).length > 0) return largestDraw(s) > MAX_DRAW;
        const draw = compileDistribution(s).sampler(largestUniform)();
        // The bound and the sampler round differently, by an ulp or so.
        return Number.isFinite(draw) && draw <= largestDraw(s) * (1 + 1e-12);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("log-normal and gamma draws stay below the bound over many draws (fixed seed)", () => {
    const specs: DistributionSpec[] = [
      { type: "lognormal", mu: 0, sigma: 3 },
      { type: "gamma", shape: 0.3, scale: 2 },
      { type: "gamma", shape: 40, scale: 2 },
    ];
    for (const spec of specs) {
      const draw = compileDistribution(spec).sampler(createStream(7, "bound").source);
      let max = 0;
      for (let i = 0; i < 200_000; i++) max = Math.max(max, draw());
      expect(max).toBeLessThan(largestDraw(spec));
    }
  });
});

describe("Beta relevance shapes are bounded where the sampler stays exact", () => {
  it("rejects the reviewer's α = β = 1e200 at each field", () => {
    expect(issuesOf(relevanceSpecSchema, { type: "beta", alpha: 1e200, beta: 1e200 })).toEqual([
      `alpha must be ≤ ${BETA_SHAPE_MAX}`,
      `beta must be ≤ ${BETA_SHAPE_MAX}`,
    ]);
    expect(issuesOf(relevanceSpecSchema, { type: "beta", alpha: 1e-310, beta: 1 })).toEqual([
      `alpha must be ≥ ${BETA_SHAPE_MIN}`,
    ]);
  });

  it("bounds the shapes derived from mean and concentration the same way", () => {
    expect(
      issuesOf(relevanceSpecSchema, { type: "beta", mean: 0.8, concentration: 20_000 }),
    ).toEqual([
      "concentration must be ≤ 12500 with mean 0.8 (α = mean · concentration and β = (1 − mean) · concentration must be from 1e-300 to 10000)",
    ]);
    expect(
      issuesOf(relevanceSpecSchema, { type: "beta", mean: 1e-200, concentration: 1e-200 })[0],
    ).toMatch(/^concentration must be ≥ 1e-100 with mean 1e-200/);
    expect(
      issuesOf(relevanceSpecSchema, { type: "beta", mean: 0.5, concentration: 20_000 }),
    ).toEqual([]);
  });

  it("at the bounds, draws are in [0, 1] and P(relevance ≥ threshold) is a probability", () => {
    const corners = [BETA_SHAPE_MIN, 1, BETA_SHAPE_MAX];
    for (const alpha of corners) {
      for (const beta of corners) {
        const r = compileRelevance({ type: "beta", alpha, beta });
        for (const threshold of [0.001, 0.5, 0.7, 0.999]) {
          const p = r.probAtLeast(threshold);
          expect(p).toBeGreaterThanOrEqual(-1e-12);
          expect(p).toBeLessThanOrEqual(1 + 1e-12);
          const draw = r.sampler(createStream(3, "beta", alpha, beta).source, threshold);
          for (let i = 0; i < 2000; i++) {
            const x = draw();
            expect(x >= 0 && x <= 1).toBe(true);
          }
        }
      }
    }
  });

  it("the whole scenario names the file and field", () => {
    const s = defaultWith({ type: "constant", value: 10 });
    s.backends.hybrid.relevance.default = { type: "beta", alpha: 1e200, beta: 2 };
    expect(() => parseScenario(s, "x.json")).toThrow(ScenarioError);
    expect(() => parseScenario(s, "x.json")).toThrow(
      "x.json: backends.hybrid.relevance.default.alpha must be ≤ 10000",
    );
  });
});
