import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import {
  parseScenario,
  runExperiment,
  runSimulation,
  type Scenario,
  ScenarioError,
} from "../../src/sim/index.js";
import { captureOutput } from "../support/capture-output.js";
import { useTempDirs } from "../support/temp-dir.js";
import { nanRelevance, overflowing } from "./run/error-scenarios.js";

const tempDir = useTempDirs();

const scenarios = join(__dirname, "../../data/scenarios");

describe("a non-finite draw at run time", () => {
  it("is a ScenarioError naming the file, the backend and the field (in process)", () => {
    const scenario = parseScenario(overflowing(), "x.json");
    expect(() => runSimulation({ scenario, strategy: "random", rounds: 100 })).toThrow(
      /^x\.json: backends\.b[01]\.latencyMs drew [\d.e+]+ at [\d.]+ ms \(virtual time\), which its degradation windows \(× 1e\+300 \+ 0 ms\) and load \(× 1\) made Infinity$/,
    );
  });

  it("names the drift window whose relevance drew NaN", () => {
    expect(() =>
      runSimulation({ scenario: nanRelevance(), strategy: "random", rounds: 10 }),
    ).toThrow(/^scenario "uniform-1": backends\.b0\.windows\[0\]\.relevance\.default drew NaN/);
  });

  it("keeps its class and the file name when raised on a worker thread", async () => {
    const scenario = parseScenario(overflowing(), "x.json");
    const run = runExperiment({ scenario, strategies: ["random"], rounds: 100, workers: 1 });
    await expect(run).rejects.toBeInstanceOf(ScenarioError);
    await expect(run).rejects.toThrow(/^x\.json: backends\.b[01]\.latencyMs drew /);
  });
});

describe("routing-lab simulate and profile (exit codes)", () => {
  const { out, err } = captureOutput();

  const cli = (...args: string[]) => runCli(["node", "routing-lab", ...args]);

  function writeScenario(change: (s: Scenario) => void): { file: string; out: string } {
    const dir = tempDir("simulate-");
    const s = JSON.parse(readFileSync(join(scenarios, "default.json"), "utf8"));
    s.workload.queries.file = join(scenarios, "../queries/default.jsonl");
    change(s);
    const file = join(dir, "x.json");
    writeFileSync(file, JSON.stringify(s));
    return { file, out: join(dir, "out.json") };
  }

  it("the reviewer's Pareto scenario exits 2 naming file and field, on worker threads", async () => {
    const f = writeScenario((s) => {
      delete s.backends.hybrid.timeoutMs;
      s.backends.hybrid.latencyMs = { type: "pareto", scale: 10, shape: 0.01 };
    });
    const code = await cli("simulate", "--scenario", f.file, "--rounds", "1000", "--reps", "2");
    expect(code).toBe(2);
    expect(err.join("")).toContain(`${f.file}: backends.hybrid.latencyMs.shape must be ≥ 0.0314`);
  });

  it("a draw that overflows at run time exits 2 naming the file, and writes nothing", async () => {
    const f = writeScenario((s) => {
      delete s.backends.hybrid.timeoutMs;
      s.backends.hybrid.latencyMs = { type: "exponential", mean: 1e300 };
      s.backends.hybrid.windows = [
        { kind: "degradation", startMs: 0, endMs: 1e9, latencyFactor: 1e300 },
      ];
    });
    for (const workers of ["2", "0"]) {
      err.length = 0;
      // One --out per run: a run that finished on one thread before the other failed leaves a
      // checkpoint beside its --out, which the next run would resume from ("resuming: …").
      const out = f.out.replace(/\.json$/, `-${workers}.json`);
      const code = await cli(
        "simulate",
        "--scenario",
        f.file,
        "--rounds",
        "1000",
        "--workers",
        workers,
        "--out",
        out,
      );
      expect(code).toBe(2);
      expect(err.join("")).toMatch(
        new RegExp(
          `^routing-lab: ${f.file.replace(/[.]/g, "\\.")}: backends\\.hybrid\\.latencyMs drew `,
        ),
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--strategies always:nosuch and profile --strategy always:nosuch exit 2", async () => {
    const scenario = join(scenarios, "default.json");
    expect(
      await cli(
        "simulate",
        "--scenario",
        scenario,
        "--strategies",
        "always:nosuch",
        "--rounds",
        "10",
      ),
    ).toBe(2);
    expect(err.join("")).toContain('always:nosuch: "nosuch" is not a backend of the scenario');
    err.length = 0;
    expect(
      await cli("profile", "--scenario", scenario, "--strategy", "always:nosuch", "--rounds", "10"),
    ).toBe(2);
    expect(err.join("")).toContain('always:nosuch: "nosuch" is not a backend of the scenario');
    expect(out.join("")).toBe("");
  });
});
