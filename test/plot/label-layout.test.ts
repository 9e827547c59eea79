import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pixelScale, spreadLabels } from "../../src/plot/figures/label-layout.js";

const EPS = 1e-6;

describe("spreadLabels", () => {
  const input = fc.record({
    positions: fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { maxLength: 12 }),
    gap: fc.double({ min: 1, max: 20, noNaN: true }),
  });

  it("keeps the labels' order and puts neighbours at least the gap apart, inside the bounds when they fit", () => {
    fc.assert(
      fc.property(input, ({ positions, gap }) => {
        const lo = 0;
        const hi = 400;
        const out = spreadLabels(positions, { gap, lo, hi });
        expect(out).toHaveLength(positions.length);
        const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
        for (let k = 1; k < order.length; k++) {
          expect(out[order[k].i] - out[order[k - 1].i]).toBeGreaterThanOrEqual(gap - EPS);
        }
        if ((positions.length - 1) * gap <= hi - lo) {
          for (const y of out) {
            expect(y).toBeGreaterThanOrEqual(lo - EPS);
            expect(y).toBeLessThanOrEqual(hi + EPS);
          }
        }
      }),
    );
  });

  it("moves nothing that is already far enough apart and inside the bounds", () => {
    fc.assert(
      fc.property(input, ({ positions, gap }) => {
        const sorted = [...positions].sort((a, b) => a - b);
        const spaced = sorted.map((p, k) => p + k * gap); // at least `gap` apart
        const out = spreadLabels(spaced, { gap, lo: 0, hi: 1e9 });
        out.forEach((y, k) => {
          expect(y).toBeCloseTo(spaced[k], 6);
        });
      }),
    );
  });

  it("centres a colliding pair on its mean", () => {
    expect(spreadLabels([100, 103, 180], { gap: 12 })).toEqual([95.5, 107.5, 180]);
  });
});

describe("pixelScale", () => {
  it("maps the domain's ends to the range's and inverts exactly, linear and log", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1.5, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<"linear" | "log">("linear", "log"),
        (d0, ratio, t, type) => {
          const domain: [number, number] = [d0, d0 * ratio];
          const s = pixelScale({ domain, range: [380, 20], type });
          expect(s(domain[0])).toBeCloseTo(380, 6);
          expect(s(domain[1])).toBeCloseTo(20, 6);
          const px = 380 - t * 360;
          expect(s(s.invert(px))).toBeCloseTo(px, 6);
        },
      ),
    );
  });
});
