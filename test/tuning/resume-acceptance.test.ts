import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../support/temp-dir.js";
import { bernoulliScenario } from "./sweep-scenario.js";

const tempDir = useTempDirs();

// Acceptance: a sweep killed midway (SIGKILL to a real child process) loses only the runs in
// flight; a sweep interrupted with Ctrl-C (SIGINT) says how many runs are saved and exits 130;
// the rerun resumes from every saved run (runs of a setting finish out of order on 2 threads,
// and each is saved on its own) and ends with the same report as an uninterrupted sweep with
// the same seed — here also with a different worker count.
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
  it("resumes a killed and an interrupted sweep and matches an uninterrupted run", async () => {
    const work = tempDir("tune-kill-");
    const scenarioPath = join(work, "scenario.json");
    writeFileSync(scenarioPath, JSON.stringify(bernoulliScenario));
    const args = (out: string, workers: number) => [
      "tune-priors",
      "--scenario",
      scenarioPath,
      "--grid",
      "strength=1,2,5,10,20;mean=0.3,0.5,0.7",
      "--reps",
      "3",
      "--rounds",
      "10000",
      "--seed",
      "5",
      "--workers",
      String(workers),
      "--out",
      out,
    ];
    const killed = join(work, "killed");
    const runs = join(killed, "runs");
    const total = 45; // 15 settings × 3 repetitions; the grid contains Beta(1, 1): no baseline
    const count = () =>
      existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith(".json")).length : 0;
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 120_000;
      while (count() < n && Date.now() < deadline) await sleep(5);
    };

    // 1. Start, wait for 4 saved runs, SIGKILL: every saved file is whole.
    let child = cli(args(killed, 2));
    let exited = finish(child);
    await waitFor(4);
    child.kill("SIGKILL");
    expect((await exited).code).toBeNull(); // killed, not finished
    const afterKill = count();
    expect(afterKill).toBeGreaterThanOrEqual(4);
    for (const f of readdirSync(runs)) {
      // A kill during a write can leave write-file-atomic's temp file (`<key>.json.<number>`),
      // never a partial `.json`: the store reads only `.json` files, so a resume ignores it.
      if (!f.endsWith(".json")) {
        expect(f).toMatch(/\.json\.\d+$/);
        continue;
      }
      expect(() => JSON.parse(readFileSync(join(runs, f), "utf8"))).not.toThrow();
    }

    // 2. Rerun, wait for 5 more, Ctrl-C: it names the runs saved and exits 130.
    child = cli(args(killed, 2));
    exited = finish(child);
    await waitFor(afterKill + 5);
    child.kill("SIGINT");
    const interrupted = await exited;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`resuming: ${afterKill} of ${total} runs already done`);
    const match = /interrupted: (\d+) of (\d+) runs saved; rerun the same command to resume/.exec(
      interrupted.stderr,
    );
    expect(match).not.toBeNull();
    const saved = Number(match?.[1]);
    expect(Number(match?.[2])).toBe(total);
    // Nothing is saved after the message: the count it gives is the folder's.
    expect(count()).toBe(saved);
    expect(saved).toBeGreaterThanOrEqual(afterKill + 5);
    expect(saved).toBeLessThan(total);
    expect(existsSync(join(killed, "report.json"))).toBe(false);
    const stamp = new Map(
      readdirSync(runs).map((f) => [
        f,
        { mtime: statSync(join(runs, f)).mtimeMs, text: readFileSync(join(runs, f), "utf8") },
      ]),
    );

    // 3. Resume (same folder, other worker count) to completion.
    const resumed = await finish(cli(args(killed, 1)));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming: ${saved} of ${total} runs already done`);
    expect(resumed.stderr).toContain(`${total - saved} runs on 1 worker(s)`);
    for (const [f, s] of stamp) {
      // Finished runs were not redone: their checkpoints are untouched.
      expect(statSync(join(runs, f)).mtimeMs).toBe(s.mtime);
      expect(readFileSync(join(runs, f), "utf8")).toBe(s.text);
    }

    // 4. An uninterrupted run with the same seed.
    const clean = join(work, "clean");
    const uninterrupted = await finish(cli(args(clean, 2)));
    expect(uninterrupted.code).toBe(0);
    expect(uninterrupted.stderr).not.toContain("resuming");
    // report.json, and priors.json with bandit-params.json when the verdict is "advised".
    const outputs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(outputs(killed)).toEqual(outputs(clean));
    expect(outputs(clean)).toContain("report.json");
    for (const file of outputs(clean)) {
      expect(readFileSync(join(killed, file), "utf8")).toBe(
        readFileSync(join(clean, file), "utf8"),
      );
    }
  }, 300_000);

  it("exits 2 with the expected form on an unparseable grid", async () => {
    const work = tempDir("tune-bad-");
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
