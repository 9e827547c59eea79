import { beforeAll, describe, expect, it } from "vitest";
import { runScalingStudy, type ScalingResult } from "../../src/bench/scaling.js";
import {
  scalingMemoryFigure,
  scalingThroughputFigure,
  scalingTimeFigure,
  scalingWorkersFigure,
} from "../../src/plot/figures/scaling.js";
import { logLogFit } from "../../src/stats/log-log-fit.js";
import { scalingSizesMarkdown, scalingWorkersMarkdown } from "../../src/studies/scaling/index.js";

describe("runScalingStudy (tiny)", () => {
  let r: ScalingResult;
  beforeAll(async () => {
    r = await runScalingStudy({
      quick: true,
      seed: 5,
      sizes: [2_000, 200],
      fitFromQueries: 200,
      runs: 1,
      memoryRuns: 1,
      workers: { reps: 2, rounds: 2_000, runs: 1 },
    });
  }, 120_000);

  it("has one row per size, smallest first, with consistent derived figures", () => {
    expect(r.sizes.map((s) => s.queries)).toEqual([200, 2_000]);
    for (const s of r.sizes) {
      expect(s.totalMs).toBeCloseTo((s.queries * 1000) / s.queriesPerSecond.median, 9);
      expect(s.nsPerQuery).toBeCloseTo(1e9 / s.cpuQueriesPerSecond.median, 6);
      // Measured figures: only their plumbing is checked (a missing child output parses to
      // NaN). Peak RSS is process.resourceUsage().maxRSS, in whole KiB, times 1024.
      expect(Number.isInteger(s.peakRssBytes.median / 1024)).toBe(true);
      expect(Number.isFinite(s.coldWallMs.median)).toBe(true);
      expect(s.memoryRuns).toBe(1);
    }
    const fit = logLogFit(r.sizes.map((s) => ({ x: s.queries, y: s.totalMs })));
    expect(r.time.fit).toEqual(fit);
    expect(r.time.fitAllSizes).toEqual(fit);
    expect(r.memory.ratio).toBeCloseTo(
      r.sizes[1].peakRssBytes.median / r.sizes[0].peakRssBytes.median,
      12,
    );
  });

  it("runs the worker experiment on 1 and 2 threads with identical results", () => {
    expect(r.workers.queries).toBe(4_000);
    expect(r.workers.rows.map((w) => w.workers)).toEqual([1, 2]);
    for (const w of r.workers.rows) {
      expect(w.queriesPerSecond).toBeCloseTo((4_000 * 1000) / w.wallMs.median, 6);
    }
    expect(r.workers.speedup).toBeCloseTo(
      r.workers.rows[0].wallMs.median / r.workers.rows[1].wallMs.median,
      9,
    );
    expect(r.workers.identical).toBe(true);
    // A ratio of two wall times: its value depends on the machine, so only its plumbing is checked.
    expect(Number.isFinite(r.workers.processSpeedup)).toBe(true);
    expect(r.workers.efficiency).toBeCloseTo(r.workers.speedup / r.workers.processSpeedup, 12);
    // The target is a share of this machine's ceiling, not a fixed speed-up.
    expect(r.workers.target).toBe(0.9);
    expect(r.workers.meetsTarget).toBe(r.workers.efficiency >= 0.9);
    expect(scalingWorkersMarkdown(r)).toContain(
      `≥ 90 % of the ceiling: ${r.workers.meetsTarget ? "met" : "not met"}`,
    );
  });

  it("is JSON-safe and renders its tables and figures", () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(scalingSizesMarkdown(r).trim().split("\n")).toHaveLength(2 + r.sizes.length);
    expect(scalingWorkersMarkdown(r).trim().split("\n")).toHaveLength(4);
    for (const figure of [
      scalingTimeFigure,
      scalingThroughputFigure,
      scalingMemoryFigure,
      scalingWorkersFigure,
    ]) {
      expect(figure(r)).toContain("<svg");
    }
  });

  it("reports a worker measurement it is given instead of measuring again", async () => {
    // The bench's scale section passes its own worker-threads section's result.
    const given = {
      strategy: "thompson",
      reps: 3,
      rounds: 7,
      oneWorkerMs: { median: 30, min: 30, max: 30, mad: 0, runs: 1 },
      twoWorkersMs: { median: 20, min: 20, max: 20, mad: 0, runs: 1 },
      speedup: 1.5,
      target: 0.9,
      meetsTarget: true,
      identical: true,
      processSpeedup: 1.6,
      efficiency: 1.5 / 1.6,
    };
    const study = await runScalingStudy({
      quick: true,
      seed: 1,
      sizes: [100, 200],
      fitFromQueries: 100,
      runs: 1,
      memoryRuns: 1,
      workersResult: given,
    });
    expect(study.workers.speedup).toBe(1.5);
    expect(study.workers.queries).toBe(21);
    expect(study.workers.processSpeedup).toBe(1.6);
  }, 120_000);

  it("needs two sizes at or above the fit's start", async () => {
    await expect(
      runScalingStudy({
        quick: true,
        seed: 1,
        sizes: [100, 200],
        fitFromQueries: 150,
        runs: 1,
        memoryRuns: 1,
        workers: { reps: 1, rounds: 100, runs: 1 },
      }),
    ).rejects.toThrow(/two sizes/);
  }, 120_000);
});
