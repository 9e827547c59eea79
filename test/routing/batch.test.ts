import { describe, expect, it } from "vitest";
import {
  createRouter,
  DEFAULT_BACKENDS,
  recordBatch,
  routeBatch,
} from "../../src/routing/index.js";

describe("routeBatch", () => {
  it("gives the same decisions as calling select in order", () => {
    const queries = Array.from({ length: 300 }, (_, i) => ({
      type: ["personal", "temporal", "similarity"][i % 3],
    }));
    const a = createRouter("thompson", { seed: 5 });
    const b = createRouter("thompson", { seed: 5 });
    const batch = routeBatch(a, queries, { available: DEFAULT_BACKENDS });
    const one = queries.map((q) => b.select(q, { available: DEFAULT_BACKENDS }));
    expect(batch.map((d) => d.backend)).toEqual(one.map((d) => d.backend));
  });

  it("records in order and names the index of a bad outcome", () => {
    const r = createRouter("thompson", { seed: 6 });
    const ds = routeBatch(r, [{ type: "personal" }, { type: "personal" }], {
      available: ["mem0"],
    });
    expect(() =>
      recordBatch(r, [
        { decision: ds[0], relevance: 1, latencyMs: 1 },
        { decision: ds[1], relevance: Number.NaN, latencyMs: 1 },
      ]),
    ).toThrow(/outcomes\[1\]: outcome\.relevance/);
    expect(r.stats().outcomes).toBe(1);
  });
});
