import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";
import { REPO_ROOT, runRoutingLab, STACK_LINE } from "./spawn-cli.js";

const dir = mkdtempSync(join(tmpdir(), "version-progress-"));
writeFileSync(join(dir, "s.json"), JSON.stringify(bernoulliScenario));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (rounds: number) => [
  "simulate",
  "--scenario",
  "s.json",
  "--strategies",
  "thompson,oracle",
  "--rounds",
  String(rounds),
  "--reps",
  "2",
  "--workers",
  "0",
];

describe.concurrent("routing-lab --version", () => {
  it("prints the package version with the code hash and Node's, the same every time", async () => {
    const [a, b] = await Promise.all([
      runRoutingLab(["--version"], { cwd: dir }),
      runRoutingLab(["-V"], { cwd: dir }),
    ]);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    expect(a.stdout).toMatch(/^routing-lab \d+\.\d+\.\d+\+[0-9a-f]{12} \(Node v\d+\.\d+\.\d+\)\n$/);
    expect(b.stdout).toBe(a.stdout);
  });

  it("a misspelt --version: exit 2 naming it and suggesting --version", async () => {
    const run = await runRoutingLab(["--verison"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("unknown option '--verison'");
    expect(run.stderr).toContain("--version");
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe("progress without a TTY", () => {
  it("prints whole progress lines to stderr on its interval and leaves stdout as it was", async () => {
    const quiet = await runRoutingLab(simulate(60_000), { cwd: dir });
    const logged = await runRoutingLab(simulate(60_000), {
      cwd: dir,
      env: { ROUTING_LAB_PROGRESS_MS: "1" },
    });
    expect(quiet.code).toBe(0);
    expect(logged.code).toBe(0);
    expect(logged.stdout).toBe(quiet.stdout); // same seed, same results: progress is stderr only
    // The default interval is 10 s: this short run printed nothing.
    expect(quiet.stderr).not.toMatch(/simulate: \d+%/);
    const lines = logged.stderr.split("\n").filter((l) => l.startsWith("simulate: "));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines)
      expect(l).toMatch(/^simulate: \d+% [\d,]+\/240,000 queries, \d+ s elapsed/);
    expect(lines.at(-1)).toMatch(/^simulate: 100% 240,000\/240,000 queries/);
    // No bar drawing in a log: no carriage return, no escape sequence.
    expect(logged.stderr.includes("\r") || logged.stderr.includes("\u001b")).toBe(false);
  });

  it("Ctrl-C leaves only whole lines", async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const child = spawn(
      process.execPath,
      ["--import", tsx, join(REPO_ROOT, "src/cli.ts"), ...simulate(5_000_000)],
      { cwd: dir, env: { ...process.env, ROUTING_LAB_PROGRESS_MS: "1" } },
    );
    let stderr = "";
    const exited = new Promise<string | null>((done) => child.on("close", (_c, s) => done(s)));
    await new Promise<void>((ready) =>
      child.stderr.on("data", (d) => {
        stderr += String(d);
        if (stderr.includes("simulate: ")) ready();
      }),
    );
    child.kill("SIGINT");
    expect(await exited).toBe("SIGINT");
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.includes("\r") || stderr.includes("\u001b")).toBe(false);
  });
});
