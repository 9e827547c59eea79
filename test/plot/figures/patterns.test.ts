import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  callsByPatternFigure,
  callsPerQueryFigure,
  cdfByPatternFigure,
  fromPatternExperiments,
  type PatternFigureData,
  patternCdfFigure,
  patternFigureData,
  patternPercentileFigure,
  percentilesByPatternFigure,
  qualityByPatternFigure,
  qualityLatencyFigure,
} from "../../../src/plot/figures/patterns.js";
import { runExperiment } from "../../../src/sim/run/run-experiment.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import { QUANTILE_GRID } from "../../../src/studies/execution-patterns/plan.js";
import type { ExecutionPatternsResult } from "../../../src/studies/execution-patterns/result.js";
import { COMMITTED_RESULTS } from "../../support/committed-results.js";
import { axisLabels, titleOf } from "../../support/svg-text.js";

// Plain data, as a notebook user could build it from any runs: three patterns, seven quantiles.
const toy: PatternFigureData = {
  scenario: "toy",
  strategy: "thompson",
  queries: 4_000,
  sloLatencyMs: 300,
  q: [0.001, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999],
  patterns: [
    {
      label: "feed-forward",
      pattern: "feed-forward",
      latencyMs: [5, 20, 40, 120, 180, 400, 900],
      p99: 400,
      meanRelevance: 0.7,
      successRate: 0.8,
      sloAttainment: 0.75,
      callsPerQuery: 1,
      cancelledPerQuery: 0,
    },
    {
      label: "hedged after p95",
      pattern: "hedged:delay=p95",
      latencyMs: [5, 20, 40, 120, 170, 260, 420],
      p99: 260,
      meanRelevance: 0.71,
      successRate: 0.81,
      sloAttainment: 0.79,
      callsPerQuery: 1.05,
      cancelledPerQuery: 0,
    },
    {
      label: "tied",
      pattern: "hedged:delay=0,cancel=true",
      latencyMs: [3, 12, 25, 80, 110, 190, 300],
      p99: 190,
      meanRelevance: 0.6,
      successRate: 0.7,
      sloAttainment: 0.69,
      callsPerQuery: 2,
      cancelledPerQuery: 0.95,
    },
  ],
};

describe("pattern figures on plain data", () => {
  it("percentiles: title, axes, and each line labelled with its p99.9", () => {
    const svg = percentilesByPatternFigure(toy);
    expect(titleOf(svg)).toBe("Latency percentiles per execution pattern (toy scenario, thompson)");
    expect(axisLabels(svg)).toEqual([
      "↑ end-to-end latency (ms, log scale)",
      "percentile of 4,000 queries per pattern (log scale of 1 − q) →",
    ]);
    for (const label of ["feed-forward (900 ms)", "hedged after p95 (420 ms)", "tied (300 ms)"]) {
      expect(svg).toContain(`>${label}<`);
    }
    expect(svg).toContain(">SLO 300 ms<");
  });

  it("CDFs: one titled panel per pattern, feed-forward the grey reference wherever it is", () => {
    const svg = cdfByPatternFigure(toy);
    expect(titleOf(svg)).toBe(
      "Latency CDF per execution pattern; grey: feed-forward (toy scenario, thompson)",
    );
    expect(axisLabels(svg)).toEqual(["↑ queries done (%)", "end-to-end latency (ms, log scale) →"]);
    for (const p of toy.patterns) expect(svg).toContain(`>${p.label}<`);
    const [ff, hedged, tied] = toy.patterns;
    expect(titleOf(cdfByPatternFigure({ ...toy, patterns: [tied, ff, hedged] }))).toContain(
      "grey: feed-forward (",
    );
    // Without feed-forward, the first pattern is the reference.
    expect(titleOf(cdfByPatternFigure({ ...toy, patterns: [tied, hedged] }))).toContain(
      "grey: tied (",
    );
  });

  it("quality: two panels, each with its axes and a label per pattern", () => {
    const svg = qualityByPatternFigure(toy);
    expect(titleOf(svg)).toBe(
      "Quality against latency per execution pattern (toy scenario, thompson)",
    );
    expect(axisLabels(svg)).toEqual([
      "↑ mean relevance",
      "p99 latency (ms, log scale) →",
      "↑ success (relevant answer, %)",
      "p99 latency (ms, log scale) →",
    ]);
    for (const p of toy.patterns) expect(svg.split(`>${p.label}<`)).toHaveLength(3);
  });

  it("calls: completed and cancelled per pattern, with the totals written out", () => {
    const svg = callsByPatternFigure(toy);
    expect(titleOf(svg)).toBe(
      "Backend calls per query by execution pattern (toy scenario, thompson)",
    );
    expect(axisLabels(svg)).toEqual(["execution pattern", "backend calls per query →"]);
    expect(svg).toContain(">2.000 (0.95 cancelled)<");
    expect(svg).toContain(">1.050<");
  });
});

describe("the study figures", () => {
  const r = JSON.parse(
    readFileSync(join(COMMITTED_RESULTS, "03-execution-patterns.json"), "utf8"),
  ) as ExecutionPatternsResult;
  // The study's result mapped by hand, field by field.
  const mapped: PatternFigureData = {
    scenario: r.scenario.name,
    strategy: r.strategy,
    queries: r.rounds * r.reps,
    sloLatencyMs: r.slo.latencyMs,
    q: r.quantiles.q,
    patterns: r.order.map((id) => ({
      label: r.patterns[id].label,
      pattern: r.patterns[id].pattern,
      latencyMs: r.quantiles.ms[id],
      p99: r.patterns[id].p99,
      meanRelevance: r.patterns[id].meanRelevance,
      successRate: r.patterns[id].successRate,
      sloAttainment: r.patterns[id].sloAttainment,
      callsPerQuery: r.patterns[id].callsPerQuery,
      cancelledPerQuery: r.patterns[id].cancelledPerQuery,
    })),
  };

  it("patternFigureData maps every field the figures draw", () => {
    expect(patternFigureData(r)).toEqual(mapped);
  });

  it("give the same SVG as the plain-data figures on the mapped result", () => {
    expect(patternPercentileFigure(r)).toBe(percentilesByPatternFigure(mapped));
    expect(patternCdfFigure(r)).toBe(cdfByPatternFigure(mapped));
    expect(qualityLatencyFigure(r)).toBe(qualityByPatternFigure(mapped));
    expect(callsPerQueryFigure(r)).toBe(callsByPatternFigure(mapped));
  });
});

describe("fromPatternExperiments", async () => {
  const scenario = loadScenario(join(import.meta.dirname, "../../../data/scenarios/default.json"));
  const run = (pattern: string, keep = true) =>
    runExperiment({
      scenario,
      strategies: ["thompson"],
      pattern,
      rounds: 1_500,
      reps: 2,
      seed: 11,
      workers: 0,
      profile: true,
      keepRuns: keep,
    });
  const experiments = [await run("feed-forward"), await run("parallel:rule=all")];
  const slo = { sloLatencyMs: scenario.slo.latencyMs };

  it("pools each pattern's repetitions into the merged profile's distribution", () => {
    const d = fromPatternExperiments(experiments, slo);
    expect(d.patterns.map((p) => p.label)).toEqual(["feed-forward", "parallel:rule=all"]);
    expect(d).toMatchObject({ scenario: scenario.name, strategy: "thompson", queries: 3_000 });
    expect(d.q).toEqual(QUANTILE_GRID);
    d.patterns.forEach((p, i) => {
      const s = experiments[i].strategies[0];
      // The runExperiment's own merged profile pools the same sketches: the same quantiles.
      const merged = s.profile!.queries;
      expect(p.p99).toBe(merged.p99);
      expect(p.meanRelevance).toBe(merged.meanRelevance);
      expect(p.latencyMs[QUANTILE_GRID.indexOf(0.5)]).toBe(merged.p50);
      expect(p.latencyMs[QUANTILE_GRID.length - 1]).toBe(merged.p999);
      for (let k = 1; k < p.latencyMs.length; k++) {
        expect(p.latencyMs[k]).toBeGreaterThanOrEqual(p.latencyMs[k - 1]);
      }
      expect(p.successRate).toBe(s.totals.successRate.mean);
      expect(p.callsPerQuery).toBe(s.totals.callsPerQuery.mean);
    });
    // Wait-for-all calls every available backend on every query.
    expect(d.patterns[1].callsPerQuery).toBeGreaterThan(2 * d.patterns[0].callsPerQuery);
  });

  it("feeds every pattern figure, labels as given", () => {
    const d = fromPatternExperiments(experiments, { ...slo, labels: ["one call", "all"] });
    for (const svg of [
      percentilesByPatternFigure(d),
      cdfByPatternFigure(d),
      qualityByPatternFigure(d),
      callsByPatternFigure(d),
    ]) {
      expect(titleOf(svg)).toContain(`(${scenario.name} scenario, thompson)`);
      // The percentile plot writes the p99.9 beside the label: "all (821 ms)".
      expect(svg).toMatch(/>all[ <]/);
    }
  });

  it("says what is missing: labels, the strategy, the kept runs", async () => {
    expect(() => fromPatternExperiments([], slo)).toThrow(RangeError);
    expect(() => fromPatternExperiments(experiments, { ...slo, labels: ["one"] })).toThrow(
      "1 labels for 2 experiments",
    );
    expect(() => fromPatternExperiments(experiments, { ...slo, strategy: "ucb1" })).toThrow(
      "the feed-forward experiment has no ucb1",
    );
    const unkept = await run("feed-forward", false);
    expect(() => fromPatternExperiments([unkept], slo)).toThrow("with keepRuns");
  });
});
