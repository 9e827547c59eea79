import { describe, expect, it } from "vitest";
import {
  CachedRouter,
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

describe("CachedRouter", () => {
  it("counts hits and misses and expires entries after the TTL (virtual time)", () => {
    const cached = new CachedRouter(createRouter("rule-based"), { ttlMs: 1000, max: 100 });
    const ctx = (now: number) => ({ available: DEFAULT_BACKENDS, now });
    const first = cached.select({ text: "who knows Bob?" }, ctx(0));
    expect(cached.select({ text: "who knows Bob?" }, ctx(500))).toBe(first);
    expect(cached.select({ text: "my profile" }, ctx(600)).backend).toBe("mem0");
    expect(cached.cacheStats()).toMatchObject({ hits: 1, misses: 2, size: 2 });
    expect(cached.select({ text: "who knows Bob?" }, ctx(1500))).not.toBe(first); // expired
    expect(cached.cacheStats()).toMatchObject({ hits: 1, misses: 3 });
    cached.select({}, ctx(1600));
    expect(cached.cacheStats().bypassed).toBe(1);
    expect(cached.stats().details).toHaveProperty("cache");
  });

  it("keys on the available backends, and evicts the least recently used", () => {
    const cached = new CachedRouter(createRouter("rule-based"), { max: 2 });
    expect(
      cached.select({ type: "relationship" }, { available: DEFAULT_BACKENDS, now: 0 }).backend,
    ).toBe("neo4j");
    expect(cached.select({ type: "relationship" }, { available: ["qdrant"], now: 0 }).backend).toBe(
      "qdrant",
    );
    cached.select({ type: "personal" }, { available: ["qdrant"], now: 0 });
    expect(cached.cacheStats()).toMatchObject({ hits: 0, misses: 3, size: 2 });
  });

  it("validates its options", () => {
    expect(() => new CachedRouter(createRouter("random"), { ttlMs: 0 })).toThrow(/cache\.ttlMs/);
    expect(() => new CachedRouter(createRouter("random"), { max: 1.5 })).toThrow(/cache\.max/);
  });
});
