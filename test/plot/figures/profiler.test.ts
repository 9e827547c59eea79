import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profileSimulation } from "../../../src/analysis/profile-simulation.js";
import { verifyAdvice } from "../../../src/analysis/verify-advice.js";
import {
  type AdviceFigureData,
  adviceEffectFigure,
  adviceEffectsFigure,
  adviceWhatIfFigure,
  type BackendLatencyData,
  backendLatencyFigure,
  type LatencyWindowsData,
  latencyOverTimeFigure,
  profileBackendsFigure,
  profileWindowsFigure,
  whatIfFigure,
} from "../../../src/plot/figures/profiler.js";
import type { RecommendationEffect } from "../../../src/profiling/advice-types.js";
import { analyzeProfile } from "../../../src/profiling/profile-analysis.js";
import { scenarioIncidents } from "../../../src/sim/scenario/incidents.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import type { ProfilerStudyResult } from "../../../src/studies/profiler-bottlenecks/result.js";
import { COMMITTED_RESULTS, PROFILER_FILE } from "../../support/committed-results.js";
import { axisLabels, titleOf } from "../../support/svg-text.js";

const context = { scenario: "toy", strategy: "rule-based" };

/** The subtitle Plot writes under the title. */
const subtitleOf = (svg: string) => /<h3>([^<]*)<\/h3>/.exec(svg)?.[1];

// Plain data in the shape of a ProfileReport's parts, built by hand.
const summary = (count: number, p50: number) => ({
  count,
  p50,
  p95: 3 * p50,
  p99: 6 * p50,
  p999: 10 * p50,
});
const profile: BackendLatencyData & LatencyWindowsData = {
  queries: { count: 12_000 },
  backends: [
    { name: "qdrant", ...summary(6_000, 8) },
    { name: "mem0", ...summary(3_000, 60) },
    { name: "neo4j", ...summary(3_000, 25) },
    // Never called: a merged report lists it with NaN percentiles.
    {
      name: "hybrid",
      count: 0,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      p999: Number.NaN,
    },
  ],
  windowMs: 5_000,
  windows: [0, 1, 2, 3].map((i) => ({
    startMs: 5_000 * i,
    endMs: 5_000 * (i + 1),
    queries: i === 3 ? 0 : 1_000,
    p50: 20,
    p95: i === 1 ? 400 : 90,
    p99: i === 1 ? 900 : 150,
  })),
};

const effect = (gain: number, p99After: number): RecommendationEffect => ({
  sloAttainment: {
    before: 0.8,
    after: 0.8 + gain,
    diff: { mean: gain, lo: gain - 0.01, hi: gain + 0.01, sd: 0.01, n: 5 },
  },
  callsPerQuery: {
    before: 1,
    after: 1.04,
    diff: { mean: 0.04, lo: 0.03, hi: 0.05, sd: 0.01, n: 5 },
  },
  successRate: { before: 0.9, after: 0.9, diff: { mean: 0, lo: -0.01, hi: 0.01, sd: 0.01, n: 5 } },
  p99: { before: 300, after: p99After, diff: { mean: p99After - 300, lo: -1, hi: 1, sd: 1, n: 5 } },
});
const advice: AdviceFigureData = {
  recommendations: [
    { id: "hedge", verdict: "advised", change: "hedge after 150 ms", effect: effect(0.03, 180) },
    {
      id: "shift-traffic:mem0",
      verdict: "rejected",
      change: "move traffic off mem0",
      effect: effect(-0.05, 120),
    },
    { id: "cache-decisions", verdict: "unverified" },
  ],
  verification: {
    settings: { reps: 5, rounds: 20_000, tested: 2 },
    combined: { ids: ["hedge"], changes: ["hedge after 150 ms"], effect: effect(0.03, 180) },
  },
};

describe("profile figures on plain data", () => {
  it("backends: title, subtitle, axes; a backend without calls is left out", () => {
    const svg = profileBackendsFigure(profile, { sloMs: 200, ...context });
    expect(titleOf(svg)).toBe("Latency percentiles per backend (toy scenario, rule-based)");
    expect(subtitleOf(svg)).toBe("12,000 queries; the dashed line is the 200 ms SLO");
    expect(axisLabels(svg)).toEqual(["backend", "latency (ms, log scale) →"]);
    for (const b of ["qdrant", "mem0", "neo4j"]) expect(svg).toContain(`>${b}<`);
    expect(svg).not.toContain("hybrid");
    // Without names, no empty brackets.
    expect(titleOf(profileBackendsFigure(profile, { sloMs: 200 }))).toBe(
      "Latency percentiles per backend",
    );
  });

  it("windows: title and axes; incidents shaded up to the last window, empty windows left out", () => {
    const incidents = [
      {
        backend: "mem0",
        kind: "degradation" as const,
        startMs: 5_000,
        endMs: 9_000,
        label: "mem0 slow",
      },
      // Starts after the last window with queries (15 s): not drawn.
      {
        backend: "neo4j",
        kind: "outage" as const,
        startMs: 16_000,
        endMs: 18_000,
        label: "late outage",
      },
    ];
    const svg = profileWindowsFigure(profile, { sloMs: 200, incidents, ...context });
    expect(titleOf(svg)).toBe("Query latency over time, 5 s windows (toy scenario, rule-based)");
    expect(axisLabels(svg)).toEqual(["↑ query latency (ms, log scale)", "virtual time (s) →"]);
    expect(svg).toContain(">mem0 slow<");
    expect(svg).not.toContain("late outage");
    // The last window is empty: the lines end at the third window's centre, 12.5 s.
    const withEmpty = profileWindowsFigure(profile, { sloMs: 200 });
    const without = profileWindowsFigure(
      { ...profile, windows: profile.windows.slice(0, 3) },
      { sloMs: 200 },
    );
    expect(withEmpty).toBe(without);
  });

  it("what-if: before and after per verified change, with its verdict; the SLO only when given", () => {
    const svg = adviceWhatIfFigure(advice, { metric: "p99", sloMs: 200, ...context });
    expect(titleOf(svg)).toBe("What-if: p99 latency before/after each change (dashed: 200 ms SLO)");
    expect(subtitleOf(svg)).toBe(
      "Means of 5 paired repetitions (toy scenario, rule-based), re-simulated with each change on the same traffic.",
    );
    expect(axisLabels(svg)).toContain("end-to-end p99 (ms) →");
    expect(svg).toContain(">hedge after 150 ms (advised)<");
    expect(svg).toContain(">move traffic off mem0 (rejected)<");
    expect(svg).toContain(">after 120 ms<");
    expect(svg).not.toContain("cache-decisions");
    expect(titleOf(adviceWhatIfFigure(advice))).toBe(
      "What-if: p99 latency before/after each change",
    );
    const slo = adviceWhatIfFigure(advice, { metric: "sloAttainment" });
    expect(axisLabels(slo)).toContain("SLO attainment (%) →");
    expect(slo).toContain(">after 83.0 %<");
  });

  it("effects: one interval per verified change, and all advised together", () => {
    const svg = adviceEffectsFigure(advice, context);
    expect(titleOf(svg)).toBe(
      "Change in SLO attainment of each candidate, with its paired interval",
    );
    expect(subtitleOf(svg)).toBe(
      "5 paired repetitions × 20,000 queries (toy scenario, rule-based); Holm-corrected over 2 candidates.",
    );
    expect(axisLabels(svg)).toContain("SLO attainment after − before (points) →");
    for (const row of ["hedge after 150 ms", "move traffic off mem0", "all advised together"]) {
      expect(svg).toContain(`>${row}<`);
    }
    const alone = adviceEffectsFigure({
      ...advice,
      verification: { settings: advice.verification.settings },
    });
    expect(alone).not.toContain("all advised together");
  });
});

describe("profile figures on what the library returns", async () => {
  const scenario = loadScenario(join(import.meta.dirname, "../../../data/scenarios/degraded.json"));
  // 3,000 queries at 200/s: 15 s, into the incident (10 s to 60 s).
  const base = { scenario, strategy: "rule-based", rounds: 3_000, seed: 5 };
  const { profiler, result, source } = profileSimulation(base);
  const report = profiler.report();
  const names = { scenario: result.scenario, strategy: result.strategy };
  const sloMs = scenario.slo.latencyMs;

  it("draws a ProfileReport's busy backends and windows, with the scenario's incident", () => {
    const backends = profileBackendsFigure(report, { sloMs, ...names });
    expect(titleOf(backends)).toBe(
      "Latency percentiles per backend (degraded scenario, rule-based)",
    );
    for (const b of report.backends) {
      expect(backends.includes(`>${b.name}<`)).toBe(b.count > 0);
    }
    const incidents = scenarioIncidents(scenario, result.totals.simulatedMs);
    const windows = profileWindowsFigure(report, { sloMs, incidents, ...names });
    expect(windows).toContain(`>${incidents[0].label}<`);
  });

  it("draws a VerifiedAdvice", () => {
    const analysis = analyzeProfile(report, {
      sloMs,
      recommend: { currentStrategy: "rule-based" },
      source,
    });
    // Two candidates keep the re-simulations short.
    const verified = verifyAdvice(analysis.recommendations.slice(0, 2), { base, reps: 2 });
    const changes = verified.recommendations.flatMap((r) => (r.effect ? [r.change] : []));
    expect(changes.length).toBeGreaterThan(0);
    const svg = adviceEffectsFigure(verified, names);
    for (const change of changes) expect(svg).toContain(`>${change}<`);
    expect(adviceWhatIfFigure(verified, { sloMs })).toContain("(dashed: 200 ms SLO)");
  });
});

describe("the study figures", () => {
  const r = JSON.parse(
    readFileSync(join(COMMITTED_RESULTS, PROFILER_FILE), "utf8"),
  ) as ProfilerStudyResult;
  const names = { scenario: r.scenario.name, strategy: r.strategy };
  // The study's result mapped by hand into the library's shapes (`null` is absent there).
  const mappedAdvice: AdviceFigureData = {
    recommendations: r.recommendations.map((rec) => ({
      id: rec.id,
      verdict: rec.verdict,
      change: rec.change ?? undefined,
      effect: rec.effect ?? undefined,
    })),
    verification: {
      settings: {
        reps: r.advice.settings.reps,
        rounds: r.advice.settings.rounds,
        tested: r.advice.settings.tested,
      },
      combined: r.advice.combined ?? undefined,
    },
  };

  it("give the same SVG as the library figures on the mapped result", () => {
    expect(backendLatencyFigure(r)).toBe(
      profileBackendsFigure(
        { queries: { count: r.run.queries }, backends: r.backends },
        { sloMs: r.slo.latencyMs, ...names },
      ),
    );
    expect(latencyOverTimeFigure(r)).toBe(
      profileWindowsFigure(
        { windowMs: r.windowMs, windows: r.windows },
        {
          sloMs: r.slo.latencyMs,
          incidents: r.scenario.incidents,
          simulatedMs: r.run.simulatedMs,
          ...names,
        },
      ),
    );
    for (const metric of ["p99", "sloAttainment", "callsPerQuery"] as const) {
      expect(whatIfFigure(r, { metric })).toBe(
        adviceWhatIfFigure(mappedAdvice, { metric, sloMs: r.slo.latencyMs, ...names }),
      );
    }
    expect(adviceEffectFigure(r)).toBe(adviceEffectsFigure(mappedAdvice, names));
  });
});
