import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dm,
  dr,
  effectiveSampleSize,
  type FixedPolicy,
  fitRewardModel,
  ips,
  loggedData,
  opeSample,
  parsePolicy,
  snips,
  targetTable,
  Z95,
} from "../../src/ope/index.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

/** A sample of rows (backend, type, propensity, reward) against a fixed policy. */
function sampleOf(rows: [string, string, number, 0 | 1][], policy: string) {
  const trace: TraceRow[] = rows.map(([backend, queryType, propensity, r]) => ({
    backend,
    latencyMs: 1,
    queryType,
    propensity,
    sloMet: r === 1,
    available: ["a", "b"],
  }));
  const data = loggedData(trace, { source: "t.csv" });
  const target = targetTable(data, parsePolicy(policy) as FixedPolicy);
  return { data, sample: opeSample(data, target, fitRewardModel(data, target)) };
}

// Four decisions, one type, backends a and b chosen with propensities 0.5 (uniform); the
// target is always:a. Weights: a-rows 1/0.5 = 2, b-rows 0.
const ROWS: [string, string, number, 0 | 1][] = [
  ["a", "t", 0.5, 1],
  ["a", "t", 0.5, 0],
  ["b", "t", 0.5, 1],
  ["a", "t", 0.5, 1],
];

describe("estimators on a hand-computed example", () => {
  const { sample } = sampleOf(ROWS, "always:a");

  it("IPS: mean of w r, se = sd(w r)/√n", () => {
    // w r = 2, 0, 0, 2: mean 1, sample variance 4/3, se = √(4/3 / 4) = 0.57735.
    const e = ips.estimate(sample);
    expect(e.value).toBeCloseTo(1, 12);
    expect(e.se).toBeCloseTo(Math.sqrt(4 / 3 / 4), 12);
    expect(e.hi - e.value).toBeCloseTo(Z95 * e.se, 12);
  });

  it("SNIPS: Σ w r / Σ w, delta-method se", () => {
    // Σ w r = 4, Σ w = 6: 2/3. se² = Σ w²(r − 2/3)² / 36 = 4(1/9 + 4/9 + 1/9)/36.
    const e = snips.estimate(sample);
    expect(e.value).toBeCloseTo(2 / 3, 12);
    expect(e.se).toBeCloseTo(Math.sqrt((4 * (6 / 9)) / 36), 12);
  });

  it("DM: the target's cell mean; its influence function weighs residuals by ĉ/q̂", () => {
    // r̂(t, a) = 2/3 from the three a-rows; v(x) = 2/3 for every row. The target's mass on
    // cell (t, a) is 4 (every decision) over its 3 rows: ĉ/q̂ = 4/3. IF = 0 + 4/3 (r − 2/3)
    // on a-rows, 0 on the b-row: Σ IF² = 16/9 · (1/9 + 4/9 + 1/9) = 32/27; se = √(32/27)/4.
    const e = dm.estimate(sample);
    expect(e.value).toBeCloseTo(2 / 3, 12);
    expect(e.se).toBeCloseTo(Math.sqrt(32 / 27) / 4, 12);
  });

  it("DR: DM plus weighted residuals; with cell means and uniform logging it equals DM here", () => {
    // Terms: 2/3 + 2(r − 2/3) on a-rows (4/3, −2/3, 4/3), 2/3 on the b-row: mean 2/3.
    const e = dr.estimate(sample);
    expect(e.value).toBeCloseTo(2 / 3, 12);
    const terms = [4 / 3, -2 / 3, 2 / 3, 4 / 3];
    const m = terms.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(terms.reduce((a, x) => a + (x - m) ** 2, 0) / 3);
    expect(e.se).toBeCloseTo(sd / 2, 12);
  });

  it("multiplicities count rows as often as drawn", () => {
    const m = Float64Array.of(2, 0, 1, 1);
    // IPS: (2·2 + 0 + 0 + 2)/4 = 1.5; SNIPS: (4 + 2)/(4 + 2) = 1.
    expect(ips.value(sample, m)).toBeCloseTo(1.5, 12);
    expect(snips.value(sample, m)).toBeCloseTo(1, 12);
  });
});

describe("estimator invariants", () => {
  const rowArb = fc.tuple(
    fc.constantFrom("a", "b"),
    fc.constantFrom("t1", "t2"),
    fc.constantFrom(0.2, 0.5, 0.8),
    fc.constantFrom(0 as const, 1 as const),
  );

  it("property: the logging policy's own value is the mean reward (IPS, SNIPS); DR = DM", () => {
    // Target = logging (uniform): w ≡ 1, so IPS = SNIPS = the mean reward; and with w
    // constant within each (type, backend) cell, DR's residuals from the cell means sum to 0,
    // so DR = DM exactly.
    const rows = fc.array(
      fc.tuple(
        fc.constantFrom("a", "b"),
        fc.constantFrom("t1", "t2"),
        fc.constantFrom(0 as const, 1 as const),
      ),
      { minLength: 2, maxLength: 40 },
    );
    fc.assert(
      fc.property(rows, (r) => {
        const { data, sample } = sampleOf(
          r.map(([b, t, x]) => [b, t, 0.5, x]),
          "random",
        );
        const mean = data.reward.reduce((a, b) => a + b, 0) / data.n;
        expect(ips.value(sample)).toBeCloseTo(mean, 12);
        expect(snips.value(sample)).toBeCloseTo(mean, 12);
        expect(dr.value(sample)).toBeCloseTo(dm.value(sample), 12);
      }),
    );
  });

  it("property: SNIPS and DM stay in [0, 1]; intervals contain the estimate", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 2, maxLength: 60 }),
        fc.constantFrom("always:a", "rule-based", "epsilon:0.5:always:b"),
        (rows, policy) => {
          const { sample } = sampleOf(rows, policy);
          if ((sample.weight as Float64Array).every((w) => w === 0)) return;
          for (const e of [ips, snips, dm, dr].map((x) => x.estimate(sample))) {
            expect(e.lo).toBeLessThanOrEqual(e.value);
            expect(e.hi).toBeGreaterThanOrEqual(e.value);
          }
          for (const v of [snips.value(sample), dm.value(sample)]) {
            expect(v).toBeGreaterThanOrEqual(-1e-12);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
        },
      ),
    );
  });
});

describe("effectiveSampleSize", () => {
  it("is n for equal weights and 1 for one weight", () => {
    expect(effectiveSampleSize(Float64Array.of(3, 3, 3))).toBeCloseTo(3, 12);
    expect(effectiveSampleSize(Float64Array.of(0, 5, 0, 0))).toBeCloseTo(1, 12);
    expect(effectiveSampleSize(Float64Array.of(0, 0))).toBe(0);
  });

  it("property: between 1 and n, and scale-free", () => {
    fc.assert(
      fc.property(
        // Weights π/μ are 0 or at least 1e-6 (squares of denormals would underflow to 0).
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (w, k) => {
          const ess = effectiveSampleSize(w);
          if (w.every((x) => x === 0)) return;
          expect(ess).toBeGreaterThanOrEqual(1 - 1e-9);
          expect(ess).toBeLessThanOrEqual(w.length + 1e-9);
          expect(effectiveSampleSize(w.map((x) => x * k)) / ess).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});
