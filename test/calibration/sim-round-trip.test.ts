import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  comparePercentiles,
  fitTrace,
  simulateTrace,
  traceFitToScenario,
  trigamma,
} from "../../src/calibration/index.js";
import { parseScenario } from "../../src/sim/scenario/parse.js";
import { betaConcentrationSd, Z } from "./round-trip.js";

// The acceptance round trip: simulate a trace from a KNOWN scenario with the simulator,
// fit it, and recover every parameter within Z = 4.5 standard errors (asymptotic, from the
// Fisher information at the true parameters and the per-backend sample size n; formulas in
// each fit's JSDoc). A uniform random router gives each backend about a third of the rows.
const scenario = parseScenario(
  {
    name: "known",
    backends: {
      graph: {
        latencyMs: { type: "lognormal", mu: Math.log(45), sigma: 0.8 },
        relevance: {
          relationship: { type: "beta", alpha: 8, beta: 2 },
          similarity: { type: "bernoulli", p: 0.3 },
        },
      },
      vector: {
        latencyMs: { type: "gamma", shape: 3, scale: 4 },
        relevance: {
          relationship: { type: "beta", alpha: 3, beta: 3 },
          similarity: { type: "beta", alpha: 12, beta: 2 },
        },
      },
      cache: {
        latencyMs: { type: "weibull", shape: 1.5, scale: 2 },
        relevance: { default: { type: "constant", value: 0.5 } },
      },
    },
    workload: {
      mix: { relationship: 0.5, similarity: 0.5 },
      arrivals: { type: "poisson", qps: 50 },
    },
    slo: { latencyMs: 2000, minRelevance: 0.7 },
  },
  "known",
);

describe("simulate → fit round trip", () => {
  const rows = simulateTrace({ scenario, rounds: 30_000, seed: 7 });
  const fit = fitTrace(rows);
  const byName = (b: string) => fit.backends.find((x) => x.backend === b)!;

  it("logs one row per request, with relevance and virtual timestamps", () => {
    expect(rows).toHaveLength(30_000);
    expect(fit.backends.map((b) => b.backend).sort()).toEqual(["cache", "graph", "vector"]);
    // Poisson at 50 qps: the measured rate's relative sd is 1/√30000 ≈ 0.6 %; allow 4.5 of it.
    expect(Math.abs((fit.qps as number) / 50 - 1)).toBeLessThan(4.5 / Math.sqrt(30_000));
  });

  it("recovers the lognormal backend", () => {
    const b = byName("graph");
    const d = b.latency!.best.distribution;
    // AIC: lognormal(0.8) against gamma/Weibull has z > 12 at n ≈ 10⁴ (fit-latency.test.ts).
    expect(d.family).toBe("lognormal");
    if (d.family !== "lognormal") return;
    const n = b.latencies.length;
    expect(Math.abs(d.mu - Math.log(45))).toBeLessThan((Z * 0.8) / Math.sqrt(n));
    expect(Math.abs(d.sigma - 0.8)).toBeLessThan((Z * 0.8) / Math.sqrt(2 * n));
  });

  it("recovers the gamma backend", () => {
    const b = byName("vector");
    const d = b.latency!.best.distribution;
    // Gamma(3) against Weibull, its closest rival: KL ≈ 0.0145 nats, so z ≈ 8 at n ≈ 10⁴.
    expect(d.family).toBe("gamma");
    if (d.family !== "gamma") return;
    const n = b.latencies.length;
    const [k, theta] = [3, 4];
    const denom = n * (k * trigamma(k) - 1);
    expect(Math.abs(d.shape - k)).toBeLessThan(Z * Math.sqrt(k / denom));
    expect(Math.abs(d.scale - theta)).toBeLessThan(Z * theta * Math.sqrt(trigamma(k) / denom));
  });

  it("recovers the Weibull backend", () => {
    const b = byName("cache");
    const d = b.latency!.best.distribution;
    // Weibull(1.5) against gamma: KL ≈ 0.0063 nats, v ≈ 0.012, so z ≈ 5.8 at n ≈ 10⁴.
    expect(d.family).toBe("weibull");
    if (d.family !== "weibull") return;
    const n = b.latencies.length;
    const [k, lambda] = [1.5, 2];
    const g = 1 - 0.5772156649015329;
    expect(Math.abs(d.shape - k)).toBeLessThan(Z * k * Math.sqrt(6 / (Math.PI ** 2 * n)));
    expect(Math.abs(d.scale - lambda)).toBeLessThan(
      Z * (lambda / k) * Math.sqrt((1 + (6 * g * g) / Math.PI ** 2) / n),
    );
  });

  it("recovers relevance per query type", () => {
    const outcome = (b: string, t: string) =>
      byName(b).outcomes.find((o) => o.queryType === t)!.relevance!;
    // Beta: the mean within Z·σ/√n, the concentration within Z delta-method sds.
    for (const [b, t, alpha, beta] of [
      ["graph", "relationship", 8, 2],
      ["vector", "relationship", 3, 3],
      ["vector", "similarity", 12, 2],
    ] as const) {
      const r = outcome(b, t);
      expect(r.model.type).toBe("beta");
      if (r.model.type !== "beta") continue;
      const m = alpha / (alpha + beta);
      const sd = Math.sqrt(jStat.beta.variance(alpha, beta));
      expect(Math.abs(r.mean - m)).toBeLessThan((Z * sd) / Math.sqrt(r.n));
      const c = (r.model.alpha as number) + (r.model.beta as number);
      expect(Math.abs(c - (alpha + beta))).toBeLessThan(Z * betaConcentrationSd(alpha, beta, r.n));
    }
    // Bernoulli(0.3): p̂ within Z·√(p(1 − p)/n).
    const bern = outcome("graph", "similarity");
    expect(bern.model.type).toBe("bernoulli");
    if (bern.model.type === "bernoulli") {
      expect(Math.abs(bern.model.p - 0.3)).toBeLessThan(Z * Math.sqrt((0.3 * 0.7) / bern.n));
    }
    expect(outcome("cache", "similarity").model).toEqual({ type: "constant", value: 0.5 });
  });

  it("writes a scenario that runs and reproduces the trace's success rate", () => {
    const { scenario: fitted } = traceFitToScenario(fit, { name: "refit", sloMs: 2000 });
    const again = simulateTrace({ scenario: fitted, rounds: 30_000, seed: 8 });
    // Both success rates estimate the same probability (≈ 0.5 here), each with sd
    // √(0.25/30000) ≈ 0.0029; their difference has sd ≈ 0.0041 plus the small model error of
    // the moment-matched Betas; allow 4.5 sds.
    const rate = (rs: typeof rows) => rs.filter((r) => r.success).length / rs.length;
    expect(Math.abs(rate(again) - rate(rows))).toBeLessThan(4.5 * Math.sqrt(2 * (0.25 / 30_000)));
  });
});

describe("comparePercentiles", () => {
  it("matches percentiles of a trace and a resimulation of its fitted scenario", () => {
    const observed = simulateTrace({ scenario, rounds: 30_000, seed: 9 });
    const { scenario: fitted } = traceFitToScenario(fitTrace(observed), { name: "refit" });
    const simulated = simulateTrace({ scenario: fitted, rounds: 30_000, seed: 10 });
    const rows = comparePercentiles(observed, simulated, { percentiles: [50, 90] });
    expect(rows.map((r) => `${r.backend}@${r.percentile}`).sort()).toEqual([
      "cache@50",
      "cache@90",
      "graph@50",
      "graph@90",
      "vector@50",
      "vector@90",
    ]);
    // A sample p-quantile's relative sd is √(p(1 − p)/n) / (q·f(q)). At p = 0.9, n ≈ 10⁴:
    // lognormal σ = 0.8 has q·f(q) = φ(1.2816)/σ = 0.219, so 1.37 %; gamma(3) has q·f(q) = 0.368,
    // 0.82 %; Weibull(1.5) 0.346, 0.87 % (less at p = 0.5). Three errors add up — the observed
    // percentile, the fitted model's (no larger: the MLE is efficient) and the resimulated
    // sample's — so the difference has sd ≤ √3 · 1.37 % ≈ 2.4 %; allow 4.5 of it, 11 %.
    for (const r of rows) expect(Math.abs(r.relativeError)).toBeLessThan(0.11);
  });
});
