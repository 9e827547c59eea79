import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { createRouter } from "../../src/routing/registry.js";
import { TypeExcludingRouter } from "../../src/routing/type-excluding-router.js";

describe("TypeExcludingRouter", () => {
  const available = Object.freeze(["neo4j", "qdrant", "mem0"]);

  it("hides backends for the listed types only", () => {
    const r = new TypeExcludingRouter(createRouter("random", { rng: createStream(1, "x") }), {
      personal: ["mem0", "neo4j"],
    });
    const other = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const d = r.select({ type: "personal" }, { available });
      expect(d.backend).toBe("qdrant");
      expect(d.alternatives).toEqual([]);
      other.add(r.select({ type: "similarity" }, { available }).backend);
    }
    // Similarity keeps all three (each missed in 300 uniform draws with probability (2/3)^300).
    expect(other.size).toBe(3);
  });

  it("classifies text, and leaves the list whole when nothing would remain", () => {
    const r = new TypeExcludingRouter(createRouter("always:mem0"), {
      personal: ["mem0"],
      temporal: ["neo4j", "qdrant", "mem0"],
    });
    expect(r.select({ text: "what is my favorite food" }, { available }).backend).not.toBe("mem0");
    expect(r.select({ type: "temporal" }, { available }).backend).toBe("mem0");
    expect(r.name).toBe("always:mem0");
    expect(r.stats().decisions).toBe(2);
  });
});
