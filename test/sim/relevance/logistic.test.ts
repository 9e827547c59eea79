import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import {
  compileRelevance,
  LOGIT_LIMIT,
  type LogisticRelevanceSpec,
  parseScenario,
  type Scenario,
  ScenarioError,
  sigmoid,
  textWords,
} from "../../../src/sim/index.js";

const spec: LogisticRelevanceSpec = {
  type: "logistic",
  intercept: -1,
  words: { graph: 3, stale: -2 },
  concentration: 20,
};

describe("logistic relevance", () => {
  it("has mean σ(intercept + the weights of the words present), each word once, any case", () => {
    const r = compileRelevance(spec);
    expect(r.contextual).toBe(true);
    expect(r.mean).toBeCloseTo(sigmoid(-1), 12);
    expect(r.forText("a Graph of GRAPH graph").mean).toBeCloseTo(sigmoid(2), 12);
    expect(r.forText("stale graph?").mean).toBeCloseTo(sigmoid(0), 12);
    // "graphs" is another word: no weight.
    expect(r.forText("graphs").mean).toBeCloseTo(sigmoid(-1), 12);
    expect(r.forText(undefined).key).toBe(r.key);
  });

  it("is Beta(m·c, (1 − m)·c) with a concentration, its P(≥ threshold) the Beta's", () => {
    const m = sigmoid(2);
    const q = compileRelevance(spec).forText("graph");
    expect(q.probAtLeast(0.7)).toBeCloseTo(1 - jStat.ibeta(0.7, m * 20, (1 - m) * 20), 12);
    expect(q.key).toBe(compileRelevance({ type: "beta", alpha: m * 20, beta: (1 - m) * 20 }).key);
  });

  it("is Bernoulli(m) without one", () => {
    const q = compileRelevance({ ...spec, concentration: undefined }).forText("graph");
    expect(q.probAtLeast(0.7)).toBeCloseTo(sigmoid(2), 12);
    // Draws are 0 or 1, and their mean estimates m: sd ≤ 0.5/√n = 0.005 at n = 10⁴; 4 sd.
    const draw = q.sampler(createStream(3, "relevance").source, 0.7);
    let sum = 0;
    let other = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = draw();
      if (v !== 0 && v !== 1) other++;
      sum += v;
    }
    expect(other).toBe(0);
    expect(Math.abs(sum / 10_000 - sigmoid(2))).toBeLessThan(0.02);
  });

  it("models that do not read words are their own model for every text", () => {
    const r = compileRelevance({ type: "beta", mean: 0.8, concentration: 10 });
    expect(r.contextual).toBe(false);
    expect(r.forText("graph")).toBe(r);
  });

  it("splits words as the classifier does (Unicode letters, digits, marks, _), lower-cased", () => {
    expect([...textWords("Ünïcode naïve_x, 3D-Graph!")]).toEqual([
      "ünïcode",
      "naïve_x",
      "3d",
      "graph",
    ]);
    expect(textWords(undefined).size).toBe(0);
  });

  it("keeps every mean strictly inside (0, 1) within the log-odds limit (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -LOGIT_LIMIT, max: LOGIT_LIMIT, noNaN: true }), (z) => {
        const m = sigmoid(z);
        return m > 0 && m < 1 && 1 - m > 0;
      }),
    );
  });
});

/** A one-backend scenario whose relevance is `relevance`. */
function scenario(relevance: unknown): Scenario {
  return {
    name: "t",
    backends: {
      a: { latencyMs: { type: "constant", value: 1 }, relevance: { default: relevance } },
    },
    workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 10 } },
    slo: { latencyMs: 100, minRelevance: 0.7 },
  } as Scenario;
}

function messageOf(relevance: unknown): string {
  try {
    parseScenario(scenario(relevance), "x.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("logistic relevance validation", () => {
  it("accepts a valid model", () => {
    expect(() => parseScenario(scenario(spec), "x.json")).not.toThrow();
  });

  it("rejects a key that is not one lower-case word, naming it", () => {
    expect(messageOf({ ...spec, words: { Graph: 1 } })).toContain(
      "x.json: backends.a.relevance.default.words.Graph must be one lower-case word",
    );
    expect(messageOf({ ...spec, words: { "two words": 1 } })).toContain(
      "backends.a.relevance.default.words.two words must be one lower-case word",
    );
  });

  it("rejects log-odds beyond ±30, where the mean rounds to 0 or 1", () => {
    expect(messageOf({ ...spec, intercept: 20, words: { a: 6, b: 5 } })).toContain(
      "backends.a.relevance.default.words let the log-odds reach 31",
    );
    expect(messageOf({ ...spec, intercept: -29, words: { a: -2 } })).toContain(
      "let the log-odds reach -31",
    );
  });

  it("rejects a bad concentration, a missing intercept and unknown fields", () => {
    expect(messageOf({ ...spec, concentration: 2e4 })).toContain(
      "backends.a.relevance.default.concentration",
    );
    expect(messageOf({ type: "logistic", words: {} })).toContain(
      "backends.a.relevance.default.intercept",
    );
    expect(messageOf({ ...spec, bias: 1 })).toContain('unknown field "bias"');
  });
});
