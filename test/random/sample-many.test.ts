import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { sampleMany } from "../../src/random/sample-many.js";

describe("sampleMany", () => {
  it("draws n values in the order one sampler call after another would", () => {
    const a = createStream(4, "many");
    const b = createStream(4, "many");
    const xs = sampleMany(a, 100, (r) => r.next() * 2);
    expect(xs).toHaveLength(100);
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next() * 2));
    // Both streams advanced by the same 100 draws.
    expect(a.next()).toBe(b.next());
  });

  it("draws nothing for n = 0", () => {
    const rng = createStream(4, "none");
    const twin = createStream(4, "none");
    expect(sampleMany(rng, 0, (r) => r.next())).toEqual([]);
    expect(rng.next()).toBe(twin.next());
  });
});
