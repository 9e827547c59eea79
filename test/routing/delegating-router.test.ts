import { describe, expect, it } from "vitest";
import { DelegatingRouter } from "../../src/routing/delegating-router.js";
import { createRouter } from "../../src/routing/registry.js";

describe("DelegatingRouter", () => {
  it("passes every call through, so it routes and learns exactly as the inner router", () => {
    const options = { seed: 9, backends: ["a", "b", "c"] };
    const plain = createRouter("least-outstanding", options);
    const wrapped = new DelegatingRouter(createRouter("least-outstanding", options));
    expect(wrapped.name).toBe(plain.name);
    for (let i = 0; i < 50; i++) {
      const context = { available: ["a", "b", "c"], now: i };
      const a = plain.select({ type: "similarity" }, context);
      const b = wrapped.select({ type: "similarity" }, context);
      expect(b.backend).toBe(a.backend);
      // In-flight counts steer a load-aware router: dispatch and cancel must reach it.
      plain.onDispatch?.(a.backend, i);
      wrapped.onDispatch(b.backend, i);
      if (i % 3 === 0) {
        plain.onCancel?.(a.backend, i);
        wrapped.onCancel(b.backend, i);
      } else {
        plain.record({ decision: a, relevance: 1, latencyMs: 1 + (i % 7), now: i });
        wrapped.record({ decision: b, relevance: 1, latencyMs: 1 + (i % 7), now: i });
      }
    }
    expect(wrapped.stats()).toEqual(plain.stats());
  });
});
