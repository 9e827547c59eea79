import { describe, expect, it } from "vitest";
import { findBottlenecks, recommend } from "../../src/profiling/index.js";
import { build, type Knobs, SLO } from "./synthetic-profile.js";

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

  it("does not propose a hedge when every query already ran hedged", () => {
    const report = build({ sigma: 1, fanout: 5, medians: { neo4j: 60, qdrant: 60, mem0: 60 } });
    const findings = findBottlenecks(report, { sloMs: SLO });
    expect(recommend(findings, report).some((r) => r.id === "hedge")).toBe(true);
    const hedged = {
      ...report,
      patterns: report.patterns.map((p) => ({ ...p, name: "hedged:delay=p95" })),
    };
    expect(recommend(findings, hedged).some((r) => r.id === "hedge")).toBe(false);
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
