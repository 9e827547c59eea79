import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  forgettingRegretFigure,
  posteriorDensityFigure,
  priorHeatmapFigure,
} from "../../src/plot/figures/tuning.js";
import { loadScenario } from "../../src/sim/index.js";
import { parseScenario } from "../../src/sim/scenario/parse.js";
import {
  bestForgettingSetting,
  betaDensityCurve,
  type ForgettingStudy,
  type PriorHeatmapStudy,
  priorSensitivityMarkdown,
  recommendedPriorsMarkdown,
  runForgettingStudy,
  runPosteriorTrack,
  runPriorHeatmap,
  tuningPriorsPlan,
  tuningPriorsResult,
} from "../../src/studies/tuning-priors/index.js";
import { BASELINE_SETTING, parseGridSpec, runPriorSweep } from "../../src/tuning/index.js";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";

/**
 * One query type, two backends. Backend a succeeds with probability 0.9 until 10 s, then 0.1
 * (an instant drift); b succeeds with 0.5 throughout. At 100 queries/s, 2,000 queries last
 * 20 s: the best backend switches from a to b half-way.
 */
const switchScenario = parseScenario(
  {
    name: "switch",
    backends: {
      a: {
        latencyMs: { type: "constant", value: 5 },
        relevance: { x: { type: "bernoulli", p: 0.9 } },
        windows: [
          { kind: "drift", startMs: 10_000, relevance: { x: { type: "bernoulli", p: 0.1 } } },
        ],
      },
      b: {
        latencyMs: { type: "constant", value: 5 },
        relevance: { x: { type: "bernoulli", p: 0.5 } },
      },
    },
    workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 100, minRelevance: 0.5 },
  },
  "switch",
);

const heatmapOptions = {
  scenario: bernoulliScenario,
  grid: "strength=1,20;mean=0.2,0.8",
  reps: 3,
  rounds: 1500,
  seed: 5,
  workers: 0,
};

let heatmapCache: PriorHeatmapStudy | undefined;
async function heatmap(): Promise<PriorHeatmapStudy> {
  heatmapCache ??= await runPriorHeatmap(heatmapOptions);
  return heatmapCache;
}

let forgettingCache: ForgettingStudy | undefined;
async function forgetting(): Promise<ForgettingStudy> {
  forgettingCache ??= await runForgettingStudy({
    scenario: switchScenario,
    // discount=1 appears in both grids: it must run once.
    grids: ["discount=1,0.95", "discount=1", "window=50"],
    reps: 3,
    rounds: 2000,
    points: 20,
    seed: 9,
    workers: 0,
  });
  return forgettingCache;
}

describe("tuningPriorsPlan", () => {
  it("names existing scenarios, parseable grids, and shrinks everything in quick mode", () => {
    const quick = tuningPriorsPlan({ quick: true });
    const full = tuningPriorsPlan({ quick: false });
    for (const plan of [quick, full]) {
      expect(existsSync(plan.heatmap.scenario)).toBe(true);
      expect(existsSync(plan.forgetting.scenario)).toBe(true);
      const mix = loadScenario(plan.forgetting.scenario).workload.mix;
      expect(Object.keys(mix)).toContain(plan.posterior.queryType);
      for (const g of plan.forgetting.grids) expect(() => parseGridSpec(g)).not.toThrow();
      expect(plan.posterior.checkpoints.at(-1)).toBeLessThanOrEqual(plan.forgetting.rounds);
    }
    const cells = (g: string) =>
      parseGridSpec(g).dimensions.reduce((n, d) => n * d.values.length, 1);
    expect(cells(quick.heatmap.grid)).toBeLessThan(cells(full.heatmap.grid));
    expect(quick.heatmap.reps * quick.heatmap.rounds).toBeLessThan(
      full.heatmap.reps * full.heatmap.rounds,
    );
    expect(quick.forgetting.reps * quick.forgetting.rounds).toBeLessThan(
      full.forgetting.reps * full.forgetting.rounds,
    );
    // The queue section's sweep: a real scenario, a parseable grid, smaller in quick mode.
    expect(existsSync(quick.queue.scenario)).toBe(true);
    expect(cells(quick.queue.grid)).toBeLessThanOrEqual(cells(full.queue.grid));
    expect(quick.queue.reps * quick.queue.rounds).toBeLessThan(full.queue.reps * full.queue.rounds);
  });
});

describe("runPriorHeatmap", () => {
  it("is the prior sweep of its grid, and leaves no checkpoint folder behind", async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith("routing-lab-06-"));
    const { report } = await heatmap();
    const sweep = await runPriorSweep(heatmapOptions);
    expect(report).toEqual(sweep.report);
    // Folders of concurrent runs may come and go, but none of ours may stay.
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith("routing-lab-06-"));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
  });

  it("keeps a given checkpoint folder, so a rerun resumes with the same report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "heatmap-test-"));
    try {
      const first = await runPriorHeatmap({ ...heatmapOptions, dir });
      // One checkpoint per run: 4 grid cells and the Beta(1, 1) baseline the sweep adds (the
      // grid lacks strength 2), × 3 repetitions.
      expect(readdirSync(join(dir, "runs"))).toHaveLength(5 * 3);
      const again = await runPriorHeatmap({ ...heatmapOptions, dir });
      expect(again.report).toEqual(first.report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a grid that is not strength × mean", async () => {
    await expect(
      runPriorHeatmap({ ...heatmapOptions, grid: "strength=1,2;discount=1,0.9" }),
    ).rejects.toThrow(/exactly "strength" and "mean"/);
  });
});

describe("runForgettingStudy", () => {
  it("runs each distinct setting once, with its kind and memory", async () => {
    const study = await forgetting();
    expect(study.settings.map((s) => [s.id, s.kind, s.value, s.memory])).toEqual([
      ["discount=1", "none", null, null],
      ["discount=0.95", "discount", 0.95, 1 / (1 - 0.95)],
      ["window=50", "window", 50, 50],
    ]);
    for (const s of study.settings) {
      expect(s.curve.timeS).toHaveLength(20);
      expect(s.curve.regret.mean).toHaveLength(20);
      expect(s.curve.regret.mean.at(-1)).toBeCloseTo(s.regret.mean, 9);
    }
    expect(study.events).toEqual([{ backend: "a", kind: "drift", startMs: 10_000, endMs: null }]);
    expect(study.summary.cells).toHaveLength(3);
  });

  it("makes the same runs as the prior sweep of the same settings", async () => {
    const study = await forgetting();
    const sweep = await runPriorSweep({
      scenario: switchScenario,
      grid: "discount=1,0.95",
      reps: 3,
      rounds: 2000,
      seed: 9,
      workers: 0,
    });
    for (const id of ["discount=1", "discount=0.95"]) {
      const a = study.settings.find((s) => s.id === id)?.regret.mean;
      const b = sweep.report.summary.cells.find((c) => c.id === id)?.regret.mean;
      expect(a).toBeCloseTo(b as number, 9);
    }
  });

  it("gives the same study on a worker thread as on this thread", async () => {
    const options = {
      scenario: switchScenario,
      grids: ["discount=1,0.95"],
      reps: 2,
      rounds: 600,
      points: 10,
      seed: 3,
    };
    const inline = await runForgettingStudy({ ...options, workers: 0 });
    const pooled = await runForgettingStudy({ ...options, workers: 1 });
    expect({ ...pooled, wallMs: 0 }).toEqual({ ...inline, wallMs: 0 });
  });

  it("lets a discounting router recover from the switch", async () => {
    // Regret accrued after the switch (queries 1,000–2,000; 100 queries per curve bin).
    // Without forgetting, a has ≈ 950 pulls by then (posterior ≈ Beta(855, 95)); after k
    // more pulls at p = 0.1 its mean (855 + 0.1k)/(950 + k) is still above 0.6 at k = 500,
    // while b's posterior (≈ 50 pulls, mean 0.5, sd 0.07) rarely draws above that, so a keeps
    // ≥ 90 % of those 500 queries at 0.4 regret each: ≥ 180.
    // With γ = 0.95 a type's counts sum to at most 1/(1 − γ) = 20, so a's old evidence is gone
    // within ≈ 20 pulls (≤ 8 regret). After that an arm it stops pulling drifts back to its
    // Beta(1, 1) prior and gets re-tried: at equilibrium a holds ≈ 20q of the counts, and
    // P(draw a > draw b) = q solves at q ≈ 0.13 (a ≈ Beta(1.3, 3.3) against b ≈ Beta(9, 9)),
    // i.e. ≈ 0.4 · 0.13 · 1,000 ≈ 52 more. So ≈ 60 against ≥ 180: a factor of 2 leaves room
    // for the equilibrium approximation and for the switch landing a few queries off the bin.
    const study = await forgetting();
    const postSwitch = (kind: string) => {
      const s = study.settings.find((x) => x.kind === kind);
      const mean = s?.curve.regret.mean ?? [];
      expect(s?.curve.queries[9]).toBe(1000);
      return mean[mean.length - 1] - mean[9];
    };
    expect(postSwitch("none")).toBeGreaterThan(150);
    expect(postSwitch("none")).toBeGreaterThan(2 * postSwitch("discount"));
    const chosen = study.settings.find((s) => s.setting === bestForgettingSetting(study));
    expect(chosen?.kind).not.toBe("none");
    for (const s of study.settings.filter((x) => x.kind !== "none")) {
      expect(chosen?.regret.mean).toBeLessThanOrEqual(s.regret.mean);
    }
  });

  it("rejects bad repetitions and empty grids", async () => {
    const base = { scenario: switchScenario, rounds: 10, seed: 1, workers: 0 };
    await expect(runForgettingStudy({ ...base, grids: ["discount=1"], reps: 0 })).rejects.toThrow(
      RangeError,
    );
    await expect(runForgettingStudy({ ...base, grids: [], reps: 1 })).rejects.toThrow(/no setting/);
  });
});

describe("runPosteriorTrack", () => {
  const options = {
    scenario: switchScenario,
    queryType: "x",
    checkpoints: [0, 500, 1500, 2000],
    seed: 4,
  };

  it("snapshots the prior at 0 and growing evidence after, with the true success rates", () => {
    const track = runPosteriorTrack(options);
    expect(track.snapshots.map((s) => s.queries)).toEqual(options.checkpoints);
    expect(track.label).toBe("Beta(1, 1), no forgetting");
    const [start, ...rest] = track.snapshots;
    for (const arm of start.arms) expect([arm.alpha, arm.beta]).toEqual([1, 1]);
    // Without forgetting, α + β − 2 counts the outcomes recorded so far: it never shrinks,
    // and never exceeds the queries routed (one query type, one request per query).
    let previous = 0;
    for (const snap of rest) {
      const outcomes = snap.arms.reduce((n, a) => n + a.alpha + a.beta - 2, 0);
      expect(outcomes).toBeGreaterThanOrEqual(previous);
      expect(outcomes).toBeLessThanOrEqual(snap.queries);
      previous = outcomes;
    }
    // Latency (5 ms) is within the SLO, so the success probability is the Bernoulli p.
    const truth = (i: number, b: string) =>
      track.snapshots[i].arms.find((a) => a.backend === b)?.truth;
    expect(truth(1, "a")).toBeCloseTo(0.9, 12);
    expect(truth(3, "a")).toBeCloseTo(0.1, 12);
    expect(truth(3, "b")).toBeCloseTo(0.5, 12);
    expect(track.snapshots[3].timeMs).toBeGreaterThan(10_000);
  });

  it("is reproducible from the seed, and a window bounds the evidence", () => {
    expect(runPosteriorTrack(options)).toEqual(runPosteriorTrack(options));
    const windowed = runPosteriorTrack({
      ...options,
      setting: { ...BASELINE_SETTING, byType: {}, window: 40 },
    });
    expect(windowed.label).toBe("Beta(1, 1), window 40");
    for (const snap of windowed.snapshots) {
      const outcomes = snap.arms.reduce((n, a) => n + a.alpha + a.beta - 2, 0);
      expect(outcomes).toBeLessThanOrEqual(40 + 1e-9);
    }
  });

  it("rejects an unknown query type and unordered checkpoints", () => {
    expect(() => runPosteriorTrack({ ...options, queryType: "nope" })).toThrow(/not in scenario/);
    expect(() => runPosteriorTrack({ ...options, checkpoints: [100, 50] })).toThrow(/ascending/);
    expect(() => runPosteriorTrack({ ...options, checkpoints: [10], rounds: 5 })).toThrow(
      /ascending/,
    );
  });
});

describe("betaDensityCurve", () => {
  it("covers all but 2·tail of the probability (trapezoid rule)", () => {
    // For α, β ≥ 1 the density is bounded and smooth on [q(tail), q(1 − tail)]; 120 points
    // put ≥ 17 points per posterior standard deviation even for the widest case (Beta(1, 1)
    // spans 1 with sd 0.29), where the trapezoid error h²/12·∫|f''| is below 1e-3. So the
    // integral must be 1 − 2·0.0005 within 0.01.
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 2000, noNaN: true }),
        (a, b) => {
          const pts = betaDensityCurve(a, b);
          let area = 0;
          for (let i = 1; i < pts.length; i++) {
            area += ((pts[i].x - pts[i - 1].x) * (pts[i].density + pts[i - 1].density)) / 2;
          }
          expect(Math.abs(area - 0.999)).toBeLessThan(0.01);
          expect(pts.every((p) => p.x >= 0 && p.x <= 1 && p.density >= 0)).toBe(true);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it("rejects non-positive parameters", () => {
    expect(() => betaDensityCurve(0, 1)).toThrow(RangeError);
  });
});

describe("tables, figures and the results file", () => {
  it("builds markdown tables from the studies", async () => {
    const h = await heatmap();
    const f = await forgetting();
    const table = recommendedPriorsMarkdown({ heatmap: h.report, forgetting: f });
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`\`${h.report.summary.advice.id}\``);
    expect(lines[3]).toContain(`\`${f.summary.advice.id}\``);
    // Each row says whether it is advice: only an advised row may read as a recommendation.
    for (const [line, advice] of [
      [lines[2], h.report.summary.advice],
      [lines[3], f.summary.advice],
    ] as const) {
      expect(line).toContain(advice.verdict === "advised" ? "**advised**" : "not advised");
    }
    const sensitivity = priorSensitivityMarkdown(h.report);
    const shares = [...sensitivity.matchAll(/\| ([\d.]+) % \|/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(3);
    // Rounded to 0.1 % each: the three shares sum to 100 % within the rounding.
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(0.15);
  });

  it("condenses everything into a small JSON document", async () => {
    const h = await heatmap();
    const f = await forgetting();
    const tracks = [
      runPosteriorTrack({
        scenario: switchScenario,
        queryType: "x",
        checkpoints: [100, 1000],
        seed: 1,
      }),
    ];
    const result = tuningPriorsResult({
      settings: { quick: true, seed: 5 },
      heatmap: h,
      forgetting: f,
      posterior: tracks,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
    const best = h.report.summary.best;
    expect(result.heatmap.best.id).toBe(best.id);
    expect(result.heatmap.best.regret.mean).toBeCloseTo(best.regret.mean, 3);
    expect(result.heatmap.best.alpha).toBeCloseTo(
      result.heatmap.best.strength * result.heatmap.best.mean,
      9,
    );
    expect(Object.keys(result.heatmap.sensitivity.dimensions).sort()).toEqual(["mean", "strength"]);
    const shares = Object.values(result.heatmap.sensitivity.dimensions).map((d) => d.share);
    expect(shares.reduce((a, b) => a + b, result.heatmap.sensitivity.interactionShare)).toBeCloseTo(
      1,
      3,
    );
    expect(result.forgetting.best.id).toBe(f.summary.best.id);
    // A setting is recommended only when its sweep advised it.
    expect(result.heatmap.advice.verdict).toBe(h.report.verdict);
    expect(result.recommended.prior === null).toBe(h.report.verdict !== "advised");
    expect(result.recommended.forgetting === null).toBe(f.summary.advice.verdict !== "advised");
    // The drift study's window forgets a's good past (see switchScenario): it is advised.
    expect(result.forgetting.advice.verdict).toBe("advised");
    expect(result.forgetting.advice.sloAttainment?.diff.lo).toBeGreaterThan(0);
    expect(result.forgetting.settings).toHaveLength(3);
    expect(result.posterior.tracks[0].checkpoints[1].arms.a.alpha).toBe(
      tracks[0].snapshots[1].arms[0].alpha,
    );
    expect(() =>
      tuningPriorsResult({
        settings: { quick: true, seed: 5 },
        heatmap: h,
        forgetting: f,
        posterior: [],
      }),
    ).toThrow(RangeError);
  });

  it("renders figures with a title and labelled axes", async () => {
    const h = await heatmap();
    const f = await forgetting();
    const t = runPosteriorTrack({
      scenario: switchScenario,
      queryType: "x",
      checkpoints: [100, 1000],
      seed: 1,
    });
    const figures = [
      priorHeatmapFigure(h.report),
      forgettingRegretFigure(f),
      posteriorDensityFigure([t]),
    ];
    for (const svg of figures) expect(svg).toMatch(/<h2[^>]*>[^<]+<\/h2>/);
    expect(figures[0]).toContain("prior strength α+β");
    expect(figures[1]).toContain("virtual time (s)");
    expect(figures[2]).toContain("success probability");
  });
});
