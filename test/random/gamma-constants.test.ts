import { describe, expect, it } from "vitest";
import { GAMMA_CONSTANTS, gammaConstants } from "../../src/random/index.js";

describe("gammaConstants", () => {
  it("refuses shapes the sampler would loop on forever", () => {
    const out = new Float64Array(GAMMA_CONSTANTS);
    for (const shape of [-4, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gammaConstants(shape, out, 0)).toThrow(/gamma shape/);
    }
  });

  it("computes Marsaglia–Tsang's d = k − 1/3 and c = 1/√(9d), boosting shapes below 1", () => {
    const out = new Float64Array(GAMMA_CONSTANTS);
    gammaConstants(0.5, out, 0); // boosted: k = 1.5, and 1/shape = 2 for the u^(1/shape) factor
    expect(out[0]).toBeCloseTo(1.5 - 1 / 3, 14);
    expect(out[1]).toBeCloseTo(1 / Math.sqrt(9 * (1.5 - 1 / 3)), 14);
    expect(out[2]).toBe(2);
    expect(out[3]).toBeCloseTo(1 / (108 * (1.5 - 1 / 3)), 14);
  });
});
