import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { ThompsonRouter } from "../../src/routing/index.js";
import {
  exportPriors,
  formatSweepReport,
  gridCells,
  parseGridSpec,
  runPriorSweep,
  runSweepTask,
  type SweepManifest,
  SweepStore,
  tunedBanditParams,
} from "../../src/tuning/index.js";
import { useTempDirs } from "../support/temp-dir.js";
import { asAdvised } from "./advised-report.js";
import { bernoulliScenario } from "./sweep-scenario.js";

const tempDir = useTempDirs();

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
      new RegExp(
        `leader: ${inline.report.summary.best.id.replace(/[[\]]/g, "\\$&")} — P\\(best\\)`,
      ),
    );
    expect(text).toMatch(/mean\[y\] +explains/);
    expect(text).toMatch(/^verdict: (ADVISED|NOT SHOWN BETTER)/m);
  });

  it("resumes from run-level checkpoints without rerunning finished runs", async () => {
    const dir = tempDir("sweep-");
    const full = await runPriorSweep({ ...base, workers: 0, dir });
    const files = readdirSync(join(dir, "runs"));
    expect(files).toHaveLength(27); // 9 settings × 3 repetitions, one file each
    // Lose seven runs (not whole settings), as if the sweep had been killed before saving them.
    for (const f of files.slice(0, 7)) rmSync(join(dir, "runs", f));
    const progress: number[] = [];
    const resumed = await runPriorSweep({
      ...base,
      workers: 0,
      dir,
      onProgress: (p) => progress.push(p.resumedRuns),
    });
    expect(resumed.info.resumedRuns).toBe(20);
    expect(resumed.info.ranRuns).toBe(7);
    expect(progress.every((r) => r === 20)).toBe(true);
    expect(resumed.report).toEqual(full.report);
  });

  it("still resumes a folder of the older layout (one checkpoint per finished cell)", async () => {
    const dir = tempDir("sweep-");
    const full = await runPriorSweep({ ...base, workers: 0, dir });
    // An older version's folder: the same manifest, and two settings saved whole in cells/.
    const old = tempDir("sweep-old-");
    const manifest = JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8")) as SweepManifest;
    const store = new SweepStore(old, manifest);
    for (const cell of gridCells(parseGridSpec(base.grid)).slice(0, 2)) {
      const runs = [0, 1, 2].map((repetition) =>
        runSweepTask({
          scenario: base.scenario,
          setting: cell.setting,
          rounds: base.rounds,
          seed: base.seed,
          repetition,
          pattern: "feed-forward",
        }),
      );
      store.writeCell(cell, runs);
    }
    const resumed = await runPriorSweep({ ...base, workers: 0, dir: old });
    expect(resumed.info.resumedCells).toBe(2);
    expect(resumed.info.resumedRuns).toBe(6);
    expect(resumed.info.ranRuns).toBe(21);
    expect(resumed.report).toEqual(full.report);
  });

  it("refuses a checkpoint folder made for another sweep", async () => {
    const dir = tempDir("sweep-");
    await runPriorSweep({ ...base, reps: 2, workers: 0, dir });
    await expect(runPriorSweep({ ...base, workers: 0, dir })).rejects.toThrow(UsageError);
    await expect(runPriorSweep({ ...base, workers: 0, dir })).rejects.toThrow(/reps differ/);
  });

  it("exports priors a Thompson router starts from", async () => {
    const { report: swept } = await runPriorSweep({
      ...base,
      grid: "strength=4;mean[y]=0.25",
      workers: 0,
    });
    const report = asAdvised(swept);
    const dir = tempDir("sweep-export-");
    const out = exportPriors(report, dir);
    if (!out.exported) throw new Error(out.reason);
    const { priorsPath, paramsPath } = out;
    expect(priorsPath).toBe(join(dir, "priors.json"));

    // bandit-params.json holds readable α and β per type and backend.
    const file = JSON.parse(readFileSync(paramsPath, "utf8"));
    expect(file.format).toBe("routing-lab/bandit-priors");
    expect(file.priors.x.a).toEqual({ alpha: 2, beta: 2 });
    expect(file.priors.y.c.alpha).toBeCloseTo(1, 12);
    expect(file.priors.y.c.beta).toBeCloseTo(3, 12);
    // The older export (α − 1 sums) loaded into a default (Beta(1, 1)) router: the same priors.
    const loaded = new ThompsonRouter({ backends: report.backends, queryTypes: report.queryTypes });
    loaded.load(tunedBanditParams(report), { source: paramsPath });
    const x = loaded.posterior("x", ["a", "b", "c"]);
    const y = loaded.posterior("y", ["a", "b", "c"]);
    for (const p of x) expect(p).toMatchObject({ alpha: 2, beta: 2 });
    for (const p of y) {
      expect(p.alpha).toBeCloseTo(1, 12);
      expect(p.beta).toBeCloseTo(3, 12);
    }
    // priors.json's options build the same starting point.
    const built = new ThompsonRouter({ ...report.leader.options, backends: report.backends });
    expect(built.posterior("y", ["a"])[0].alpha).toBeCloseTo(1, 12);
  });

  it("exports nothing unless advised, and removes an earlier export", async () => {
    const { report } = await runPriorSweep({
      ...base,
      grid: "strength=4",
      workers: 0,
      baseline: false,
    });
    expect(report.verdict).toBe("no-baseline");
    expect(report.recommended).toBeNull();
    const dir = tempDir("sweep-export-");
    const first = exportPriors(asAdvised(report), dir);
    expect(first.exported).toBe(true);
    const out = exportPriors(report, dir);
    expect(out.exported).toBe(false);
    if (out.exported) return;
    expect(out.reason).toMatch(/^priors not exported: .*--no-baseline/);
    expect(out.removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      "bandit-params.json",
      "priors.json",
    ]);
    expect(readdirSync(dir)).toEqual([]);
    expect(() => tunedBanditParams(report)).toThrow(/advised no setting/);
  });

  it("rejects bad counts", async () => {
    await expect(runPriorSweep({ ...base, reps: 0 })).rejects.toThrow(RangeError);
    await expect(runPriorSweep({ ...base, workers: -1 })).rejects.toThrow(RangeError);
  });
});
