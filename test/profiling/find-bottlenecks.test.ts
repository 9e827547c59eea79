import { describe, expect, it } from "vitest";
import {
  type BottleneckRule,
  DEFAULT_BOTTLENECK_THRESHOLDS,
  findBottlenecks,
  RoutingProfiler,
} from "../../src/profiling/index.js";
import { build, type Knobs, rules, SLO } from "./synthetic-profile.js";

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
