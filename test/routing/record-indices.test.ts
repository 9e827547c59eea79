import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { ThompsonRouter } from "../../src/routing/index.js";

// `record` takes a fast path with the indices a decision carries when the decision came from
// the same router; any other decision must be credited by name. These check both paths land
// on the same posterior cell.
describe("ThompsonRouter.record credits the backend that served", () => {
  it("by name when the decision came from another router with another backend order", () => {
    const a = new ThompsonRouter({
      rng: createStream(1, "a"),
      backends: ["qdrant", "neo4j", "mem0"],
    });
    const b = new ThompsonRouter({
      rng: createStream(1, "b"),
      backends: ["mem0", "neo4j", "qdrant"],
    });
    const d = a.select({ type: "similarity" }, { available: ["qdrant", "neo4j", "mem0"] });
    b.record({ decision: d, relevance: 0.9, latencyMs: 10, success: true });
    const post = b.posterior("similarity");
    const served = post.find((p) => p.backend === d.backend);
    expect(served?.alpha).toBe(2);
    expect(
      post.filter((p) => p.backend !== d.backend).every((p) => p.alpha === 1 && p.beta === 1),
    ).toBe(true);
  });

  it("on the outcome's backend when it differs from the decision's (fan-out, hedging)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.boolean(), (other, success) => {
        const backends = ["qdrant", "neo4j", "mem0"];
        const r = new ThompsonRouter({ rng: createStream(2, "fanout"), backends });
        const d = r.select({ type: "relationship" }, { available: backends });
        const served = backends[other];
        r.record({ decision: d, backend: served, relevance: 0.5, latencyMs: 5, success });
        for (const p of r.posterior("relationship")) {
          const expected = p.backend === served ? (success ? [2, 1] : [1, 2]) : [1, 1];
          expect([p.alpha, p.beta]).toEqual(expected);
        }
      }),
    );
  });
});
