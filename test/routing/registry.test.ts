import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import {
  createRouter,
  DEFAULT_BACKENDS,
  isLearnable,
  LEARNING_STRATEGIES,
  RoutingInputError,
  STRATEGY_NAMES,
} from "../../src/routing/index.js";

const NAMES = STRATEGY_NAMES.map((n) => (n === "always:<backend>" ? "always:qdrant" : n));

const stepArb = fc.record({
  query: fc.oneof(
    fc.record({ type: fc.constantFrom("relationship", "personal", "unknown", "novel-type") }),
    fc.record({ text: fc.string({ maxLength: 40 }) }),
    fc.constant({}),
  ),
  available: fc.subarray([...DEFAULT_BACKENDS, "elastic", "redis"], { minLength: 1 }),
  relevance: fc.double({ min: 0, max: 1, noNaN: true }),
  latencyMs: fc.double({ min: 0, max: 3000, noNaN: true }),
  cancel: fc.boolean(),
});

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** Runs steps through a router the way the simulator does; returns the chosen backends. */
function drive(name: string, seed: number, steps: Step[]): string[] {
  const r = createRouter(name, { rng: createStream(seed, "router", name), coldStart: 2 });
  return steps.map((s, t) => {
    const d = r.select(s.query, { available: s.available, now: t * 10 });
    expect(s.available).toContain(d.backend);
    r.onDispatch?.(d.backend, t * 10);
    if (s.cancel) r.onCancel?.(d.backend, t * 10 + 1);
    else r.record({ decision: d, relevance: s.relevance, latencyMs: s.latencyMs, now: t * 10 + 5 });
    return d.backend;
  });
}

describe("createRouter", () => {
  it("knows the stable names", () => {
    expect(STRATEGY_NAMES).toEqual([
      "rule-based",
      "thompson",
      "epsilon-greedy",
      "ucb1",
      "random",
      "round-robin",
      "least-outstanding",
      "peak-ewma",
      "kl-ucb",
      "sw-ucb",
      "d-ucb",
      "exp3",
      "linucb",
      "linear-thompson",
      "adaptive-pattern",
      "always:<backend>",
    ]);
    for (const name of NAMES) expect(createRouter(name).name).toBe(name);
  });

  it("rejects an unknown name, listing the valid ones", () => {
    expect(() => createRouter("thomson")).toThrow(RoutingInputError);
    expect(() => createRouter("thomson")).toThrow(
      /unknown strategy "thomson"; valid names: rule-based, thompson, .*always:<backend>/,
    );
    expect(() => createRouter("always:")).toThrow(/backend/);
    expect(() => createRouter("toString")).toThrow(/unknown strategy/);
  });

  it("says which routers can save and load", () => {
    expect(NAMES.filter((n) => isLearnable(createRouter(n)))).toEqual([
      "thompson",
      "epsilon-greedy",
      "ucb1",
      "kl-ucb",
      "sw-ucb",
      "d-ucb",
      "linucb",
      "linear-thompson",
    ]);
  });

  it("lists the learning strategies: every one that saves its state, and exp3", () => {
    expect(LEARNING_STRATEGIES.every((n) => STRATEGY_NAMES.includes(n))).toBe(true);
    const saving = NAMES.filter((n) => isLearnable(createRouter(n)));
    expect(LEARNING_STRATEGIES.filter((n) => !saving.includes(n))).toEqual(["exp3"]);
    expect(saving.every((n) => LEARNING_STRATEGIES.includes(n))).toBe(true);
  });

  it("every strategy decides among the available backends and reproduces from its seed (property)", () => {
    for (const name of NAMES) {
      fc.assert(
        fc.property(
          fc.array(stepArb, { minLength: 1, maxLength: 30 }),
          fc.integer(),
          (steps, seed) => {
            expect(drive(name, seed, steps)).toEqual(drive(name, seed, steps));
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it("every strategy rejects an empty available list and bad outcomes, naming the field", () => {
    for (const name of NAMES) {
      const r = createRouter(name);
      expect(() => r.select({ type: "personal" }, { available: [] })).toThrow(/context\.available/);
      const d = r.select({ type: "personal" }, { available: ["mem0"] });
      expect(() => r.record({ decision: d, relevance: Number.NaN, latencyMs: 1 })).toThrow(
        /outcome\.relevance/,
      );
      expect(() => r.record({ decision: d, relevance: 0.5, latencyMs: -3 })).toThrow(
        /outcome\.latencyMs/,
      );
      expect(r.stats()).toMatchObject({ strategy: name, decisions: 1, outcomes: 0 });
    }
  });
});
