import { describe, expect, it } from "vitest";
import { CachedRouter, createRouter, DEFAULT_BACKENDS } from "../../src/routing/index.js";

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
