import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream, standardNormal } from "../../src/random/index.js";
import { ksCritical, ksDistance } from "../support/ks-distance.js";

const N = 50_000;
const CRITICAL = ksCritical(N);

describe("standardNormal (ziggurat)", () => {
  it("standardNormal follows N(0, 1), tails included", () => {
    const rng = createStream(1, "zig");
    const xs = Array.from({ length: N }, () => standardNormal(rng));
    expect(ksDistance(xs, (x) => jStat.normal.cdf(x, 0, 1))).toBeLessThan(CRITICAL);
    // Tail beyond the base layer (3.44): P = 5.8e-4 → ≈ 29 of 50,000 (Poisson sd 5.4; 5 sd).
    const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length;
    expect(Math.abs(tail - N * 2 * (1 - jStat.normal.cdf(3.442619855899, 0, 1)))).toBeLessThan(
      5 * Math.sqrt(29),
    );
  });
});
