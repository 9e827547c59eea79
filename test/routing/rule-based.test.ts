import { describe, expect, it } from "vitest";
import { DEFAULT_BACKENDS, RoutingInputError, RuleBasedRouter } from "../../src/routing/index.js";

describe("RuleBasedRouter", () => {
  it("prefers the type's backend with confidence 0.8", () => {
    const r = new RuleBasedRouter();
    const d = r.select({ type: "personal" }, { available: DEFAULT_BACKENDS });
    expect(d).toMatchObject({ backend: "mem0", confidence: 0.8, queryType: "personal" });
    expect(d.strategy).toBe("rule-based");
    expect(d.reason).toMatch(/personal.*mem0/);
    // Alternatives: the other available backends, fallback order first.
    expect(d.alternatives).toEqual(["qdrant", "neo4j", "inmemory", "hybrid"]);
  });

  it("gives unknown queries 0.5 confidence", () => {
    const r = new RuleBasedRouter();
    const d = r.select({ text: "explain entropy" }, { available: DEFAULT_BACKENDS });
    expect(d).toMatchObject({ backend: "qdrant", confidence: 0.5, queryType: "unknown" });
  });

  it("falls back in order when the preferred backend is unavailable", () => {
    const r = new RuleBasedRouter();
    const ctx = { available: ["inmemory", "mem0", "neo4j"] };
    const d = r.select({ type: "similarity" }, ctx); // qdrant missing → neo4j next
    expect(d.backend).toBe("neo4j");
    expect(d.reason).toMatch(/unavailable.*fallback/);
    expect(d.alternatives).toEqual(["mem0", "inmemory"]);
    const only = r.select({ type: "relationship" }, { available: ["hybrid"] });
    expect(only.backend).toBe("hybrid");
    expect(only.alternatives).toEqual([]);
    expect(only.reason).toMatch(/first available/);
  });

  it("uses a configured map and fallback order, and unseen types fall back to unknown's", () => {
    const r = new RuleBasedRouter({
      typeMap: { personal: "hybrid", unknown: "inmemory" },
      fallbackOrder: ["mem0"],
    });
    expect(r.select({ type: "personal" }, { available: DEFAULT_BACKENDS }).backend).toBe("hybrid");
    expect(r.select({ type: "billing" }, { available: DEFAULT_BACKENDS }).backend).toBe("inmemory");
    expect(r.select({ type: "personal" }, { available: ["qdrant", "mem0"] }).backend).toBe("mem0");
  });

  it("re-resolves when availability changes between calls", () => {
    const r = new RuleBasedRouter();
    const list = ["qdrant", "neo4j"];
    expect(r.select({ type: "relationship" }, { available: list }).backend).toBe("neo4j");
    list[1] = "mem0"; // mutated in place: still noticed
    expect(r.select({ type: "relationship" }, { available: list }).backend).toBe("qdrant");
  });

  it("rejects an empty available list with a RoutingInputError", () => {
    // The message naming the field is checked for every strategy in registry.test.ts; the
    // error class (what the CLI maps to exit 2) is checked only here.
    const r = new RuleBasedRouter();
    expect(() => r.select({ type: "personal" }, { available: [] })).toThrow(RoutingInputError);
  });

  it("serialises decisions with their reason and alternatives", () => {
    const d = new RuleBasedRouter().select({ type: "temporal" }, { available: DEFAULT_BACKENDS });
    const json = JSON.parse(JSON.stringify(d));
    expect(json).toEqual({
      backend: "inmemory",
      confidence: 0.8,
      queryType: "temporal",
      reason: d.reason,
      alternatives: ["qdrant", "neo4j", "mem0", "hybrid"],
      strategy: "rule-based",
    });
  });
});
