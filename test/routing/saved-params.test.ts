import { describe, expect, it } from "vitest";
import { createRouter, RoutingInputError } from "../../src/routing/index.js";

/** A saved-parameters document for one type over `backends`, with the given sums. */
const saved = (backends: string[], successes: number[], failures: number[]) => ({
  format: "routing-lab/bandit",
  version: 1,
  strategy: "thompson",
  backends,
  queryTypes: ["t"],
  types: { t: { successes, failures, outcomes: 0 } },
});

/** The error `load` throws for `params`, or undefined. */
function loadError(params: unknown): RoutingInputError | undefined {
  try {
    createRouter("thompson", {}).load(params, { source: "p.json" });
  } catch (err) {
    if (err instanceof RoutingInputError) return err;
    throw err;
  }
  return undefined;
}

describe("saved parameters", () => {
  it("reject a sum that makes the posterior improper, naming the field (it never samples)", () => {
    // Beta(1, 1) prior: α = 1 + (−5) ≤ 0.
    const err = loadError(saved(["a"], [-5], [0]));
    expect(err?.field).toBe("p.json.types.t.successes.0");
    expect(err?.message).toMatch(/α = 1 \+ -5 ≤ 0/);
    expect(loadError(saved(["a"], [0], [-1]))?.field).toBe("p.json.types.t.failures.0");
  });

  it("accept negative sums that keep the posterior proper (tuned priors below 1 are α − 1)", () => {
    expect(loadError(saved(["a"], [-0.7], [-0.3]))).toBeUndefined();
    const router = createRouter("thompson", { seed: 1 });
    router.load(saved(["a", "b"], [-0.7, 0], [-0.3, 0]));
    expect(["a", "b"]).toContain(
      router.select({ type: "t", text: "x" }, { available: ["a", "b"] }).backend,
    );
  });

  it("reject a backend listed twice, naming the repeat", () => {
    const err = loadError(saved(["a", "b", "a"], [1, 1, 1], [0, 0, 0]));
    expect(err?.field).toBe("p.json.backends.2");
    expect(err?.message).toMatch(/repeats "a"/);
  });

  it("load what a router saved, which then decides", () => {
    const router = createRouter("thompson", { seed: 1 });
    const d = router.select({ type: "t", text: "x" }, { available: ["a", "b"] });
    router.record({ decision: d, relevance: 1, latencyMs: 10 });
    const copy = createRouter("thompson", { seed: 1 });
    expect(() => copy.load(router.save())).not.toThrow();
    expect(["a", "b"]).toContain(
      copy.select({ type: "t", text: "x" }, { available: ["a", "b"] }).backend,
    );
  });
});
