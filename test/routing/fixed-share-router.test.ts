import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { RoutingInputError } from "../../src/routing/errors.js";
import { FixedShareRouter } from "../../src/routing/fixed-share-router.js";

const shares = {
  similarity: { qdrant: 0.9, hybrid: 0.1 },
  default: { neo4j: 1 },
};

describe("FixedShareRouter", () => {
  it("routes each type at its shares", () => {
    // 20,000 draws of a Bernoulli(0.9): sd √(0.9 · 0.1 / 20,000) = 0.0021; allow 4.5 sd.
    const r = new FixedShareRouter({ rng: createStream(3, "fixed"), shares });
    const available = ["neo4j", "qdrant", "hybrid"];
    const n = 20_000;
    let qdrant = 0;
    for (let i = 0; i < n; i++) {
      if (r.select({ type: "similarity" }, { available }).backend === "qdrant") qdrant++;
    }
    expect(Math.abs(qdrant / n - 0.9)).toBeLessThan(4.5 * Math.sqrt((0.9 * 0.1) / n));
    // Types not listed follow `default`; alternatives rank by share.
    expect(r.select({ type: "personal" }, { available }).backend).toBe("neo4j");
    expect(
      r.select({ type: "similarity" }, { available: ["qdrant", "hybrid", "neo4j"] })
        .alternatives[0],
    ).not.toBe("neo4j");
  });

  it("renormalises over available backends, and is uniform when none of the type's is", () => {
    const r = new FixedShareRouter({ rng: createStream(4, "fixed"), shares });
    for (let i = 0; i < 200; i++) {
      expect(r.select({ type: "similarity" }, { available: ["hybrid", "mem0"] }).backend).toBe(
        "hybrid",
      );
    }
    // Neither qdrant nor hybrid: uniform over the two others; both appear in 200 draws
    // (each is missed with probability 2^-200).
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      seen.add(r.select({ type: "similarity" }, { available: ["mem0", "inmemory"] }).backend);
    }
    expect([...seen].sort()).toEqual(["inmemory", "mem0"]);
  });

  it("gives the same choices from the same seed, and rejects bad shares", () => {
    const run = () => {
      const r = new FixedShareRouter({ rng: createStream(5, "fixed"), shares });
      return Array.from(
        { length: 50 },
        () => r.select({ type: "similarity" }, { available: ["qdrant", "hybrid"] }).backend,
      );
    };
    expect(run()).toEqual(run());
    expect(() => new FixedShareRouter({ shares: { x: { a: -1 } } })).toThrow(RoutingInputError);
    expect(() => new FixedShareRouter({ shares: { x: { a: Number.NaN } } })).toThrow(
      /shares\.x\.a/,
    );
  });
});
