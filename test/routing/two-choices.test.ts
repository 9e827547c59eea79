import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoChoiceProbabilities } from "../../src/routing/two-choices.js";

describe("twoChoiceProbabilities", () => {
  it("gives the lower cost of each ordered pair, ties to the first drawn", () => {
    // Pairs of 3: (0,1) (0,2) (1,0) (1,2) (2,0) (2,1), each 1/6. Costs 0,1,1: position 0 wins
    // the 4 pairs it is in; (1,2) and (2,1) tie and go to the first drawn.
    const p = twoChoiceProbabilities([0, 1, 1], 3);
    expect(p[0]).toBeCloseTo(4 / 6, 15);
    expect(p[1]).toBeCloseTo(1 / 6, 15);
    expect(p[2]).toBeCloseTo(1 / 6, 15);
    expect(twoChoiceProbabilities([7], 1)).toEqual([1]);
    // Equal costs: uniform.
    for (const x of twoChoiceProbabilities([2, 2, 2, 2], 4)) expect(x).toBeCloseTo(0.25, 15);
  });

  it("property: sums to 1, a unique cheapest gets 2/n, a unique dearest 0", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 8 }), (c) => {
        const n = c.length;
        const p = twoChoiceProbabilities(c, n);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        const unique = (x: number) => c.filter((y) => y === x).length === 1;
        const min = Math.min(...c);
        // A unique cheapest wins every ordered pair it is in: 2(n − 1) of n(n − 1).
        if (unique(min)) expect(p[c.indexOf(min)]).toBeCloseTo(2 / n, 12);
        const max = Math.max(...c);
        if (unique(max)) expect(p[c.indexOf(max)]).toBe(0);
      }),
    );
  });
});
