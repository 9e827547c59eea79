import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { LearnedRouter } from "../../src/routing/index.js";
import {
  exportPriors,
  formatSweepReport,
  runPriorSweep,
  tunedBanditParams,
} from "../../src/tuning/index.js";
import { bernoulliScenario } from "./sweep-scenario.js";

const base = {
  scenario: bernoulliScenario,
  grid: "strength=1,20;mean[y]=0.2,0.8;discount=1,0.95",
  reps: 3,
  rounds: 2000,
  seed: 11,
};

describe("runPriorSweep", () => {
  it("gives the same report on this thread and on 2 worker threads", async () => {
    const inline = await runPriorSweep({ ...base, workers: 0 });
    const pooled = await runPriorSweep({ ...base, workers: 2 });
    expect(pooled.report).toEqual(inline.report);
    // 8 grid cells plus the Beta(1, 1) baseline, which the grid lacks.
    expect(inline.report.summary.cells).toHaveLength(9);
    expect(inline.report.summary.cells.at(-1)?.baseline).toBe(true);
    expect(inline.info.ranRuns).toBe(27);
    const text = formatSweepReport(inline.report);
    expect(text).toMatch(
      new RegExp(`best: ${inline.report.summary.best.id.replace(/[[\]]/g, "\\$&")} — regret`),
    );
    expect(text).toMatch(/mean\[y\] +explains/);
    expect(text).toMatch(/against the Beta\(1, 1\), no-forgetting baseline/);
  });

  it("resumes from checkpoints without rerunning finished cells", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweep-"));
    const full = await runPriorSweep({ ...base, workers: 0, dir });
    const files = readdirSync(join(dir, "cells"));
    expect(files).toHaveLength(9);
    // Lose three checkpoints, as if the sweep had been killed before writing them.
    for (const f of files.slice(0, 3)) rmSync(join(dir, "cells", f));
    const progress: number[] = [];
    const resumed = await runPriorSweep({
      ...base,
      workers: 0,
      dir,
      onProgress: (p) => progress.push(p.resumedCells),
    });
    expect(resumed.info.resumedCells).toBe(6);
    expect(resumed.info.ranRuns).toBe(9);
    expect(progress.every((r) => r === 6)).toBe(true);
    expect(resumed.report).toEqual(full.report);
  });

  it("refuses a checkpoint folder made for another sweep", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sweep-"));
    await runPriorSweep({ ...base, reps: 2, workers: 0, dir });
    await expect(runPriorSweep({ ...base, workers: 0, dir })).rejects.toThrow(UsageError);
    await expect(runPriorSweep({ ...base, workers: 0, dir })).rejects.toThrow(/reps differ/);
  });

  it("exports priors a Thompson router starts from", async () => {
    const { report } = await runPriorSweep({
      ...base,
      grid: "strength=4;mean[y]=0.25",
      workers: 0,
    });
    const dir = mkdtempSync(join(tmpdir(), "sweep-export-"));
    const { priorsPath, paramsPath } = exportPriors(report, dir);
    expect(priorsPath).toBe(join(dir, "priors.json"));

    // bandit-params.json: load into a default (Beta(1, 1)) router; posteriors = tuned priors.
    const loaded = new LearnedRouter({ backends: report.backends, queryTypes: report.queryTypes });
    loaded.load(tunedBanditParams(report), { source: paramsPath });
    const x = loaded.posterior("x", ["a", "b", "c"]);
    const y = loaded.posterior("y", ["a", "b", "c"]);
    for (const p of x) expect(p).toMatchObject({ alpha: 2, beta: 2 });
    for (const p of y) {
      expect(p.alpha).toBeCloseTo(1, 12);
      expect(p.beta).toBeCloseTo(3, 12);
    }
    // priors.json's options build the same starting point.
    const built = new LearnedRouter({ ...report.recommended.options, backends: report.backends });
    expect(built.posterior("y", ["a"])[0].alpha).toBeCloseTo(1, 12);
  });

  it("rejects bad counts", async () => {
    await expect(runPriorSweep({ ...base, reps: 0 })).rejects.toThrow(RangeError);
    await expect(runPriorSweep({ ...base, workers: -1 })).rejects.toThrow(RangeError);
  });
});
