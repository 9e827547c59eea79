import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { windowQuantileErrors } from "../../src/bench/index.js";
import { createStream, standardNormal } from "../../src/random/index.js";

describe("windowQuantileErrors", () => {
  it("compares each window's order statistic with the whole series'", () => {
    // 1…2000 in order, windows of 1,000: p99 is x[⌊0.99·999⌋] = x[989] in a window and
    // x[⌊0.99·1999⌋] = x[1979] = 1980 overall; the windows give 990 and 1990.
    const values = Float64Array.from({ length: 2000 }, (_, i) => i + 1);
    const [e] = windowQuantileErrors(values, 1000, [0.99]);
    expect(e.q).toBe(0.99);
    expect(e.median).toBeCloseTo(10 / 1980, 12); // the median of two is the lower one here
    expect(e.max).toBeCloseTo(990 / 1980, 12);
  });

  it("is zero when the window is the whole series, ≥ 0, and scale-free", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), {
          minLength: 10,
          maxLength: 300,
        }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (xs, window, c) => {
          const values = Float64Array.from(xs);
          const whole = windowQuantileErrors(values, values.length, [0.5, 0.99]);
          for (const e of whole) expect(e.max).toBe(0);
          const errors = windowQuantileErrors(values, window, [0.5, 0.99]);
          const scaled = windowQuantileErrors(
            values.map((v) => v * c),
            window,
            [0.5, 0.99],
          );
          errors.forEach((e, i) => {
            expect(e.median).toBeGreaterThanOrEqual(0);
            expect(e.max).toBeGreaterThanOrEqual(e.median);
            // Relative: an error can be huge (a tiny exact quantile), and scaling rounds each
            // value by up to an ulp, so only agreement to ~1e-12 of the size is owed.
            expect(Math.abs(scaled[i].median - e.median)).toBeLessThanOrEqual(
              1e-12 * Math.max(1, e.median),
            );
            expect(Math.abs(scaled[i].max - e.max)).toBeLessThanOrEqual(1e-12 * Math.max(1, e.max));
          });
        },
      ),
    );
  });

  it("rejects a series shorter than one window", () => {
    expect(() => windowQuantileErrors(new Float64Array(5), 10, [0.5])).toThrow(RangeError);
  });

  it("matches the exact sampling distribution of a window's order statistic (lognormal)", () => {
    // A window's quantile is its k-th order statistic, k = ⌊q·(n−1)⌋ + 1, and for n iid values
    // with CDF F, F(X₍ₖ₎) ~ Beta(k, n + 1 − k). So the relative error e = |X₍ₖ₎ / x_q − 1| has
    // P(e ≤ m) = I(F(x_q·(1+m))) − I(F(x_q·(1−m))), I the Beta CDF; its median m* solves
    // P = 1/2. The median of W windows' errors has standard error ≈ 1 / (2·g(m*)·√W), g the
    // density of e at m*. Tolerance: 4 of those, plus 4 standard deviations of the whole
    // series' own quantile, which stands in for x_q (relative sd σ·√(q(1−q)/N) / φ(z_q)).
    const sigma = 1;
    const n = 1000;
    const windows = 1000;
    const rng = createStream(7, "test", "window-quantile");
    const values = Float64Array.from({ length: n * windows }, () =>
      Math.exp(sigma * standardNormal(rng)),
    );
    const results = windowQuantileErrors(values, n, [0.99, 0.999]);
    for (const { q, median } of results) {
      const k = Math.floor(q * (n - 1)) + 1;
      const xq = Math.exp(sigma * jStat.normal.inv(q, 0, 1));
      const F = (x: number) => jStat.lognormal.cdf(x, 0, sigma);
      const P = (m: number) =>
        jStat.beta.cdf(F(xq * (1 + m)), k, n + 1 - k) -
        jStat.beta.cdf(F(xq * Math.max(0, 1 - m)), k, n + 1 - k);
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (P(mid) < 0.5) lo = mid;
        else hi = mid;
      }
      const mStar = (lo + hi) / 2;
      const h = 1e-4;
      const g = (P(mStar + h) - P(mStar - h)) / (2 * h);
      const se = 1 / (2 * g * Math.sqrt(windows));
      const zq = jStat.normal.inv(q, 0, 1);
      const exactSd =
        (sigma * Math.sqrt((q * (1 - q)) / values.length)) / jStat.normal.pdf(zq, 0, 1);
      expect(Math.abs(median - mStar)).toBeLessThanOrEqual(4 * se + 4 * exactSd);
    }
  });
});
