import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bernoulliScenario } from "./sweep-scenario.js";

// Acceptance: a sweep killed midway (SIGKILL to a real child process, after some cells are
// checkpointed) resumes without redoing finished cells and ends with the same report as an
// uninterrupted run with the same seed — here also with a different worker count.
const root = resolve(import.meta.dirname, "../..");
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", tsx, join(root, "src/cli.ts"), ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function finish(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  child.stdout?.resume();
  return new Promise((done) => child.on("close", (code) => done({ code, stderr })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("tune-priors resume (acceptance)", () => {
  it("resumes a killed sweep and matches an uninterrupted run", async () => {
    const work = mkdtempSync(join(tmpdir(), "tune-kill-"));
    const scenarioPath = join(work, "scenario.json");
    writeFileSync(scenarioPath, JSON.stringify(bernoulliScenario));
    const args = (out: string, workers: number) => [
      "tune-priors",
      "--scenario",
      scenarioPath,
      "--grid",
      "strength=1,2,5,10,20;mean=0.3,0.5,0.7",
      "--reps",
      "4",
      "--rounds",
      "40000",
      "--seed",
      "5",
      "--workers",
      String(workers),
      "--out",
      out,
    ];
    const killed = join(work, "killed");
    const cells = join(killed, "cells");
    const total = 15; // the grid contains Beta(1, 1), so no baseline is added

    // 1. Start, wait for at least 3 checkpoints, SIGKILL.
    const child = cli(args(killed, 2));
    const exited = finish(child);
    const count = () =>
      existsSync(cells) ? readdirSync(cells).filter((f) => f.endsWith(".json")).length : 0;
    const deadline = Date.now() + 120_000;
    while (count() < 3 && Date.now() < deadline) await sleep(10);
    child.kill("SIGKILL");
    const { code } = await exited;
    expect(code).toBeNull(); // killed, not finished
    const before = readdirSync(cells).filter((f) => f.endsWith(".json"));
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(total);
    expect(existsSync(join(killed, "report.json"))).toBe(false);
    const stamp = new Map(
      before.map((f) => [
        f,
        { mtime: statSync(join(cells, f)).mtimeMs, text: readFileSync(join(cells, f), "utf8") },
      ]),
    );

    // 2. Resume (same folder, other worker count) to completion.
    const resumed = await finish(cli(args(killed, 1)));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resumed ${before.length} of ${total} settings`));
    for (const [f, s] of stamp) {
      // Finished cells were not redone: their checkpoints are untouched.
      expect(statSync(join(cells, f)).mtimeMs).toBe(s.mtime);
      expect(readFileSync(join(cells, f), "utf8")).toBe(s.text);
    }

    // 3. An uninterrupted run with the same seed.
    const clean = join(work, "clean");
    const uninterrupted = await finish(cli(args(clean, 2)));
    expect(uninterrupted.code).toBe(0);
    for (const file of ["report.json", "priors.json", "bandit-params.json"]) {
      expect(readFileSync(join(killed, file), "utf8")).toBe(
        readFileSync(join(clean, file), "utf8"),
      );
    }
  }, 300_000);

  it("exits 2 with the expected form on an unparseable grid", async () => {
    const work = mkdtempSync(join(tmpdir(), "tune-bad-"));
    const scenarioPath = join(work, "scenario.json");
    writeFileSync(scenarioPath, JSON.stringify(bernoulliScenario));
    const out = join(work, "out");
    const r = await finish(
      cli(["tune-priors", "--scenario", scenarioPath, "--grid", "strength:1,2", "--out", out]),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--grid: "strength:1,2" has no "="; expected KEY=V1,V2/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
