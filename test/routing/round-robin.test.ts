import { describe, expect, it } from "vitest";
import { RoundRobinRouter } from "../../src/routing/round-robin.js";

describe("RoundRobinRouter", () => {
  it("round-robin cycles in order", () => {
    const r = new RoundRobinRouter();
    const seq = Array.from(
      { length: 7 },
      () => r.select({}, { available: ["x", "y", "z"] }).backend,
    );
    expect(seq).toEqual(["x", "y", "z", "x", "y", "z", "x"]);
  });
});
