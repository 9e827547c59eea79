import { describe, expect, it } from "vitest";
import { AlwaysRouter } from "../../src/routing/always-router.js";

describe("AlwaysRouter", () => {
  it("always-X chooses X, or the first available when X is down", () => {
    const r = new AlwaysRouter({ backend: "mem0" });
    expect(r.select({}, { available: ["qdrant", "mem0"] })).toMatchObject({
      backend: "mem0",
      confidence: 1,
    });
    const down = r.select({}, { available: ["qdrant", "neo4j"] });
    expect(down).toMatchObject({ backend: "qdrant", confidence: 0 });
    expect(down.reason).toMatch(/unavailable/);
  });
});
