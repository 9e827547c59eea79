import { describe, expect, it } from "vitest";
import {
  type BottleneckRule,
  DEFAULT_BOTTLENECK_THRESHOLDS,
  findBottlenecks,
  type ProfileReport,
  RoutingProfiler,
  recommend,
} from "../../src/profiling/index.js";
import { createStream, standardNormal } from "../../src/random/index.js";

/**
 * Knobs for a synthetic profile. Healthy defaults: three backends with lognormal latency,
 * median 20 ms and σ = 0.3, so p99 = 20·e^(0.3·2.326) ≈ 40 ms against a 200 ms SLO (5× margin);
 * 30 % of queries fan out to 3 backends and wait for all: p99 ≈ 20·e^(0.3·2.713) ≈ 45 ms, 1.12×
 * the single call's (threshold 1.5×); cache hit probability 0.6 (threshold 0.3; with 20,000
 * lookups its sd is 0.0035); routing 0.01 ms per decision (share ≈ 0.0005, threshold 0.05);
 * error and timeout probability 0.001 (threshold 0.01: with ≥ 6,000 calls per backend the sd
 * is ≤ 0.0004, so 0.01 is > 20 sd away); no drift. Every margin is many standard errors wide,
 * so the checks below do not depend on the seed.
 */
interface Knobs {
  medians: Record<string, number>;
  sigma: number;
  weights: Record<string, number>;
  fanout: number;
  parallelShare: number;
  cacheHit: number;
  routingMs: number;
  errorP: Record<string, number>;
  timeoutP: Record<string, number>;
  /** Latency multiplier reached at the end of the run (linear ramp from 1). */
  drift: number;
}

const HEALTHY: Knobs = {
  medians: { neo4j: 20, qdrant: 20, mem0: 20 },
  sigma: 0.3,
  weights: { neo4j: 1, qdrant: 1, mem0: 1 },
  fanout: 3,
  parallelShare: 0.3,
  cacheHit: 0.6,
  routingMs: 0.01,
  errorP: {},
  timeoutP: {},
  drift: 1,
};

const SLO = 200;

function build(change: Partial<Knobs>, seed = 1): ProfileReport {
  const k = { ...HEALTHY, ...change };
  const rng = createStream(seed, "bottlenecks", JSON.stringify(change));
  const p = new RoutingProfiler({ windowMs: 1000 });
  const names = Object.keys(k.medians);
  const wsum = names.reduce((s, n) => s + (k.weights[n] ?? 1), 0);
  const pick = () => {
    let u = rng.next() * wsum;
    for (const n of names) {
      u -= k.weights[n] ?? 1;
      if (u < 0) return n;
    }
    return names[names.length - 1];
  };
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const at = i * 5; // 100 s of virtual time: 100 windows of 200 queries
    const slow = 1 + ((k.drift - 1) * i) / n;
    const parallel = rng.next() < k.parallelShare;
    const calls = parallel ? k.fanout : 1;
    let latency = 0;
    let status: "ok" | "error" | "timeout" = "ok";
    let first = "";
    for (let c = 0; c < calls; c++) {
      const b = pick();
      if (c === 0) first = b;
      const ms = k.medians[b] * Math.exp(k.sigma * standardNormal(rng)) * slow;
      const u = rng.next();
      const s =
        u < (k.errorP[b] ?? 0.001)
          ? "error"
          : u < (k.errorP[b] ?? 0.001) + (k.timeoutP[b] ?? 0.001)
            ? "timeout"
            : "ok";
      p.recordCall(b, ms, { status: s });
      if (s !== "ok") status = s;
      latency = Math.max(latency, ms);
    }
    p.recordQuery({
      latencyMs: latency,
      backend: first,
      pattern: parallel ? "parallel" : "feed-forward",
      at,
      status,
      cacheHit: rng.next() < k.cacheHit,
    });
    p.recordOperation("route", k.routingMs * Math.exp(0.2 * standardNormal(rng)));
  }
  return p.report();
}

const rules = (report: ProfileReport, sloMs = SLO) =>
  findBottlenecks(report, { sloMs }).map((f) => f.rule);

describe("findBottlenecks", () => {
  it("stays quiet on a healthy profile", () => {
    for (const seed of [1, 2, 3])
      expect(findBottlenecks(build({}, seed), { sloMs: SLO })).toEqual([]);
  });

  const cases: [BottleneckRule, string, Partial<Knobs>, number?][] = [
    ["slow-backend", "neo4j", { medians: { neo4j: 150, qdrant: 20, mem0: 20 } }],
    ["slo-breach", "queries", { medians: { neo4j: 150, qdrant: 150, mem0: 150 } }],
    // σ = 1 and 5-way fan-out: p99 ratio e^(z(0.99^(1/5)) − z(0.99)) = e^(2.878 − 2.326) ≈ 1.74.
    // A 1000 ms SLO keeps the single-call tail (20·e^2.326 ≈ 205 ms) within it.
    ["tail-amplification", "parallel", { sigma: 1, fanout: 5 }, 1000],
    ["low-cache-hit-rate", "cache", { cacheHit: 0.1 }],
    // neo4j gets 8/10 of the traffic: 0.8 / (1/3) = 2.4× its fair share.
    ["load-imbalance", "backends", { weights: { neo4j: 8, qdrant: 1, mem0: 1 } }],
    // 5 ms per decision against ≈ 21 ms per query: share ≈ 0.19.
    ["routing-overhead", "routing", { routingMs: 5 }],
    ["error-rate", "qdrant", { errorP: { qdrant: 0.05 } }],
    ["timeout-rate", "mem0", { timeoutP: { mem0: 0.05 } }],
    // Latency ×3 by the end: late-third p95 / early-third p95 ≈ (1 + 2·5/6) / (1 + 2·1/6) = 2.
    ["latency-drift", "queries", { drift: 3 }],
  ];

  for (const [rule, subject, change, slo] of cases) {
    it(`fires ${rule} on a constructed case, with evidence`, () => {
      const findings = findBottlenecks(build(change), { sloMs: slo ?? SLO });
      const f = findings.find((x) => x.rule === rule && x.subject === subject);
      expect(f, JSON.stringify(findings.map((x) => x.id))).toBeDefined();
      expect(f?.excess).toBeGreaterThan(1);
      expect(Object.values(f?.evidence ?? {}).every((v) => typeof v === "number")).toBe(true);
      expect(f?.message.length).toBeGreaterThan(20);
      // The healthy profile under the same SLO does not fire it.
      expect(rules(build({}), slo ?? SLO)).not.toContain(rule);
    });
  }

  it("ranks critical findings first, then by excess", () => {
    const findings = findBottlenecks(
      build({ medians: { neo4j: 150, qdrant: 20, mem0: 20 }, cacheHit: 0.25, routingMs: 2 }),
      { sloMs: SLO },
    );
    const sev = findings.map((f) => f.severity);
    expect(sev).toEqual([...sev].sort((a, b) => (a === b ? 0 : a === "critical" ? -1 : 1)));
    for (let i = 1; i < findings.length; i++) {
      if (findings[i].severity === findings[i - 1].severity) {
        expect(findings[i].excess).toBeLessThanOrEqual(findings[i - 1].excess);
      }
    }
    expect(findings[0]).toMatchObject({ rule: "slow-backend", severity: "critical" });
  });

  it("takes thresholds from options, not constants", () => {
    const healthy = build({});
    expect(rules(healthy)).toEqual([]);
    // Hit rate ≈ 0.6: a 0.7 floor makes it low.
    expect(
      findBottlenecks(healthy, { sloMs: SLO, thresholds: { minCacheHitRate: 0.7 } }).map(
        (f) => f.rule,
      ),
    ).toEqual(["low-cache-hit-rate"]);
    // p99 ≈ 40–45 ms: a 30 ms SLO is breached.
    expect(rules(healthy, 30)).toContain("slo-breach");
    // Too few samples: nothing is judged.
    const tiny = new RoutingProfiler();
    for (let i = 0; i < 10; i++) tiny.record({ backend: "a", latencyMs: 5000, status: "error" });
    expect(findBottlenecks(tiny.report(), { sloMs: 100 })).toEqual([]);
    expect(
      findBottlenecks(tiny.report(), { sloMs: 100, thresholds: { minSamples: 5 } }).length,
    ).toBeGreaterThan(0);
    expect(DEFAULT_BOTTLENECK_THRESHOLDS.minSamples).toBe(100);
  });

  it("rejects a bad SLO or quantile", () => {
    const r = build({});
    expect(() => findBottlenecks(r, { sloMs: 0 })).toThrow(RangeError);
    expect(() => findBottlenecks(r, { sloMs: 100, thresholds: { sloQuantile: 0.97 } })).toThrow(
      /sloQuantile/,
    );
  });
});

describe("recommend", () => {
  it("maps each finding to its change", () => {
    const expectations: [Partial<Knobs>, string, number?][] = [
      [{ medians: { neo4j: 150, qdrant: 20, mem0: 20 } }, "shift-traffic"],
      [{ sigma: 1, fanout: 5 }, "hedge", 1000],
      [{ cacheHit: 0.1 }, "grow-cache"],
      [{ weights: { neo4j: 8, qdrant: 1, mem0: 1 } }, "switch-strategy"],
      [{ routingMs: 5 }, "cache-decisions"],
      [{ drift: 3 }, "retune-discount"],
    ];
    for (const [change, kind, slo] of expectations) {
      const report = build(change);
      const recs = recommend(findBottlenecks(report, { sloMs: slo ?? SLO }), report);
      expect(
        recs.map((r) => r.action?.kind),
        kind,
      ).toContain(kind);
    }
  });

  it("hedges after the single-call p95 and merges findings that call for the same change", () => {
    const report = build({ sigma: 1, fanout: 5, medians: { neo4j: 60, qdrant: 60, mem0: 60 } });
    const findings = findBottlenecks(report, { sloMs: SLO });
    const recs = recommend(findings, report);
    const hedges = recs.filter((r) => r.id === "hedge");
    expect(hedges.length).toBe(1);
    expect(hedges[0].findings).toEqual(
      expect.arrayContaining(["slo-breach:queries", "tail-amplification:parallel"]),
    );
    expect(hedges[0].action).toEqual({
      kind: "hedge",
      afterMs: report.calls.p95,
      percentile: 0.95,
    });
  });

  it("moves traffic only off an outlier: failures on every backend call for retries", () => {
    const one = build({ errorP: { qdrant: 0.05 } });
    const oneRecs = recommend(findBottlenecks(one, { sloMs: SLO }), one).map((r) => r.id);
    expect(oneRecs).toContain("shift-traffic:qdrant");
    const all = build({ errorP: { neo4j: 0.05, qdrant: 0.05, mem0: 0.05 } });
    const allRecs = recommend(findBottlenecks(all, { sloMs: SLO }), all).map((r) => r.id);
    expect(allRecs).toContain("retry");
    expect(allRecs.filter((id) => id.startsWith("shift-traffic"))).toEqual([]);
    // The retry's calls are cut off at the calls' p95, at most half the SLO.
    const retry = recommend(findBottlenecks(all, { sloMs: SLO }), all).find(
      (r) => r.id === "retry",
    );
    expect(retry?.action).toEqual({
      kind: "retry",
      attempts: 2,
      timeoutMs: Math.min(all.calls.p95, SLO / 2),
    });
  });

  it("moves one query type off an outlier where another backend answers it relevantly", () => {
    const one = build({ errorP: { qdrant: 0.05 } });
    const cell = (queryType: string, calls: number) => ({
      backend: "qdrant",
      queryType,
      calls,
      share: 1,
      successRate: 0.9,
      meanRelevance: 0.8,
      known: calls,
    });
    const outcomes = {
      minRelevance: 0.7,
      backends: [],
      cells: [cell("similarity", 900), cell("personal", 100), cell("temporal", 10)],
      hasRelevance: true,
      hasQueryTypes: true,
    };
    const ids = recommend(findBottlenecks(one, { sloMs: SLO }), one, {
      outcomes,
      relevant: {
        similarity: ["qdrant"],
        personal: ["qdrant", "mem0"],
        temporal: ["qdrant", "neo4j"],
      },
    }).map((r) => r.id);
    // personal: 9.8 % of qdrant's calls and mem0 answers it; similarity: no other backend
    // does; temporal: under 5 % of qdrant's calls.
    expect(ids).toContain("shift-traffic:qdrant:personal");
    expect(ids).not.toContain("shift-traffic:qdrant:similarity");
    expect(ids).not.toContain("shift-traffic:qdrant:temporal");
  });

  it("does not propose switching to the strategy already in use", () => {
    const report = build({ weights: { neo4j: 8, qdrant: 1, mem0: 1 } });
    const recs = recommend(findBottlenecks(report, { sloMs: SLO }), report, {
      currentStrategy: "least-outstanding",
    });
    expect(recs.map((r) => r.action?.kind)).not.toContain("switch-strategy");
  });
});
