import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream, type RandomStream, standardNormal } from "../../src/random/index.js";
import { LatencySketch, SUMMARY_QUANTILES } from "../../src/sketch/index.js";

/** Lognormal(μ, σ) in ms. */
function lognormal(rng: RandomStream, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/** Pareto(xm, a) by inversion: xm · U^(−1/a), U in (0, 1]. */
function pareto(rng: RandomStream, xm: number, a: number): number {
  return xm * (1 - rng.next()) ** (-1 / a);
}

/**
 * The bound under test is deterministic, not statistical: DDSketch with α maps x to the bin
 * k = ⌈log_γ x⌉, γ = (1+α)/(1−α), covering (γ^(k−1), γ^k], and answers 2γ^k/(1+γ). For any x in
 * that bin |answer − x| / x ≤ (γ−1)/(γ+1) = α. Its quantile(q) answers for the order statistic of
 * rank ⌊q(n−1)⌋. So the check is |estimate − x_r| ≤ α·x_r, with 1e-9 relative slack for the
 * floating-point log/pow round trip only.
 */
function expectWithinBound(values: number[], sketch: LatencySketch, qs: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  const alpha = sketch.relativeAccuracy;
  for (const q of qs) {
    const exact = sorted[Math.floor(q * (sorted.length - 1))];
    const est = sketch.quantile(q);
    expect(Math.abs(est - exact), `q=${q} exact=${exact} est=${est}`).toBeLessThanOrEqual(
      alpha * exact * (1 + 1e-9),
    );
  }
}

const REPORTED = [0, ...SUMMARY_QUANTILES, 1];

describe("LatencySketch accuracy on heavy-tailed data", () => {
  it("lognormal(3, 1.2): every reported quantile within α = 1 %", () => {
    const rng = createStream(11, "sketch", "lognormal");
    const values = Array.from({ length: 200_000 }, () => lognormal(rng, 3, 1.2));
    const s = new LatencySketch();
    for (const v of values) s.add(v);
    expectWithinBound(values, s, REPORTED);
    expect(s.count).toBe(values.length);
    expect(s.min).toBe(values.reduce((a, b) => Math.min(a, b)));
    expect(s.max).toBe(values.reduce((a, b) => Math.max(a, b)));
  });

  it("Pareto mixture (90 % a=3 from 5 ms, 10 % a=1.1 from 50 ms): within α", () => {
    const rng = createStream(12, "sketch", "pareto-mix");
    const values = Array.from({ length: 200_000 }, () =>
      rng.next() < 0.9 ? pareto(rng, 5, 3) : pareto(rng, 50, 1.1),
    );
    const s = new LatencySketch();
    for (const v of values) s.add(v);
    expectWithinBound(values, s, [...REPORTED, 0.25, 0.75, 0.9999]);
  });

  it("respects a coarser α = 5 % too", () => {
    const rng = createStream(13, "sketch", "coarse");
    const values = Array.from({ length: 50_000 }, () => lognormal(rng, 1, 2));
    const s = new LatencySketch({ relativeAccuracy: 0.05 });
    for (const v of values) s.add(v);
    expectWithinBound(values, s, REPORTED);
  });

  it("summary reports count, exact mean/min/max and the five quantiles", () => {
    const s = new LatencySketch();
    const values = [10, 20, 30, 40, 1000];
    for (const v of values) s.add(v);
    const sum = s.summary();
    expect(sum.count).toBe(5);
    expect(sum.mean).toBe(220);
    expect(sum.min).toBe(10);
    expect(sum.max).toBe(1000);
    expect(Math.abs(sum.p50 - 30)).toBeLessThanOrEqual(0.3);
    expect(sum.p999).toBeLessThanOrEqual(1000);
  });

  it("an empty sketch reports NaN, zero count", () => {
    const sum = new LatencySketch().summary();
    expect(sum.count).toBe(0);
    for (const k of ["mean", "min", "max", "p50", "p99"] as const) expect(sum[k]).toBeNaN();
  });

  it("counts zeros and rejects negative, NaN and infinite values", () => {
    const s = new LatencySketch();
    s.add(0);
    s.add(0);
    s.add(5);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.count).toBe(3);
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.add(Number.NaN)).toThrow(RangeError);
    expect(() => s.add(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => s.quantile(1.5)).toThrow(RangeError);
  });

  it("fractionBelow agrees with the exact CDF up to one bin", () => {
    const rng = createStream(14, "sketch", "cdf");
    const values = Array.from({ length: 20_000 }, () => lognormal(rng, 3, 1));
    const s = new LatencySketch();
    for (const v of values) s.add(v);
    for (const x of [5, 20, 50, 200]) {
      // Values in x's bin lie in (x/γ, x·γ]; the estimate can only err by those.
      const gamma = 1.01 / 0.99;
      const lo = values.filter((v) => v <= x / gamma).length / values.length;
      const hi = values.filter((v) => v <= x * gamma).length / values.length;
      const f = s.fractionBelow(x);
      expect(f).toBeGreaterThanOrEqual(lo);
      expect(f).toBeLessThanOrEqual(hi);
    }
  });
});

describe("LatencySketch merging and serialisation", () => {
  it("merging N shards equals one sketch of all the data", () => {
    const rng = createStream(21, "sketch", "shards");
    const whole = new LatencySketch();
    const shards = Array.from({ length: 7 }, () => new LatencySketch());
    for (let i = 0; i < 100_000; i++) {
      const v = rng.next() < 0.95 ? lognormal(rng, 2, 0.5) : pareto(rng, 100, 1.5);
      whole.add(v);
      shards[rng.int(shards.length)].add(v);
    }
    const merged = new LatencySketch();
    for (const s of shards) merged.merge(LatencySketch.fromJSON(structuredClone(s.toJSON())));
    expect(merged.count).toBe(whole.count);
    expect(merged.min).toBe(whole.min);
    expect(merged.max).toBe(whole.max);
    // The sum is added in a different order: equal up to rounding (n·ε relative).
    expect(Math.abs(merged.sum - whole.sum) / whole.sum).toBeLessThan(1e-10);
    for (const q of [0, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      expect(merged.quantile(q)).toBe(whole.quantile(q));
    }
    expect(merged.toJSON().bins).toEqual(whole.toJSON().bins);
  });

  it("property: any split of any non-negative data merges to the whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.nat(3)), {
          maxLength: 300,
        }),
        (rows) => {
          const whole = new LatencySketch();
          const parts = [0, 1, 2, 3].map(() => new LatencySketch());
          for (const [v, p] of rows) {
            whole.add(v);
            parts[p].add(v);
          }
          const merged = parts.reduce((acc, p) => acc.merge(p), new LatencySketch());
          expect(merged.count).toBe(whole.count);
          for (const q of [0, 0.5, 0.99, 1]) {
            expect(Object.is(merged.quantile(q), whole.quantile(q))).toBe(true);
          }
        },
      ),
    );
  });

  it("toJSON/fromJSON round-trips through JSON text exactly", () => {
    const rng = createStream(22, "sketch", "json");
    const s = new LatencySketch();
    for (let i = 0; i < 5000; i++) s.add(lognormal(rng, 4, 1));
    s.add(0);
    const back = LatencySketch.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(back.summary()).toEqual(s.summary());
    expect(back.toJSON()).toEqual(s.toJSON());
    const empty = LatencySketch.fromJSON(JSON.parse(JSON.stringify(new LatencySketch())));
    expect(empty.count).toBe(0);
    expect(empty.min).toBeNaN();
  });

  it("fromJSON rejects inconsistent input", () => {
    const good = new LatencySketch();
    good.add(3);
    const j = good.toJSON();
    expect(() => LatencySketch.fromJSON({ ...j, count: 2 })).toThrow(/count/);
    expect(() => LatencySketch.fromJSON({ ...j, bins: [-1] })).toThrow(/bins\[0\]/);
    expect(() => LatencySketch.fromJSON({ ...j, sum: Number.NaN })).toThrow(/sum/);
  });

  it("refuses to merge sketches of different accuracy", () => {
    const a = new LatencySketch();
    const b = new LatencySketch({ relativeAccuracy: 0.02 });
    expect(() => a.merge(b)).toThrow(RangeError);
  });
});
