import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { UsageError } from "../../src/errors.js";
import { parsePatternSpec } from "../../src/patterns/index.js";
import { createStream } from "../../src/random/index.js";
import { RoutingInputError } from "../../src/routing/errors.js";
import {
  CompiledScenario,
  createSimulationPool,
  createStrategy,
  parseScenario,
  runExperiment,
  runPoolTask,
  runSimulation,
  type Scenario,
  ScenarioError,
} from "../../src/sim/index.js";
import { captureOutput } from "../support/capture-output.js";
import { uniformScenario } from "./helpers.js";

const scenarios = join(__dirname, "../../data/scenarios");

/**
 * Valid by the schema, yet its latencies overflow at run time: draws near 1e300 (finite, as
 * the schema requires) times a degradation factor of 1e300.
 */
function overflowing(): Scenario {
  return uniformScenario(2, {
    latencyMs: { type: "exponential", mean: 1e300 },
    relevance: { default: { type: "constant", value: 1 } },
    windows: [{ kind: "degradation", startMs: 0, endMs: 1e12, latencyFactor: 1e300 }],
  });
}

/** Bypasses validation (no parseScenario): a Beta the schema would reject draws NaN. */
function nanRelevance(): Scenario {
  return uniformScenario(1, {
    latencyMs: { type: "constant", value: 1 },
    relevance: { default: { type: "constant", value: 1 } },
    windows: [
      {
        kind: "drift",
        startMs: 0,
        relevance: { default: { type: "beta", alpha: 1e200, beta: 1e200 } },
      },
    ],
  });
}

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

describe("errors crossing from worker threads", () => {
  it("a router's input error stays a RoutingInputError (a UsageError: exit 2)", async () => {
    const run = runExperiment({
      scenario: uniformScenario(2, {
        latencyMs: { type: "constant", value: 1 },
        relevance: { default: { type: "constant", value: 1 } },
      }),
      strategies: ["thomson"],
      rounds: 10,
      workers: 1,
    });
    await expect(run).rejects.toBeInstanceOf(RoutingInputError);
    await expect(run).rejects.toThrow(/^strategy: unknown strategy "thomson"/);
  });

  it("runPoolTask, the sweep's and the forgetting study's way in, re-creates the class", async () => {
    const scenario = parseScenario(overflowing(), "x.json");
    const pool = createSimulationPool(1);
    try {
      const run = runPoolTask(pool, {
        scenario,
        strategy: "random",
        pattern: parsePatternSpec("feed-forward"),
        rounds: 100,
        seed: 1,
        repetition: 0,
        points: 10,
        profile: false,
      });
      await expect(run).rejects.toBeInstanceOf(ScenarioError);
      await expect(run).rejects.toThrow(/^x\.json: backends\.b[01]\.latencyMs drew /);
    } finally {
      await pool.destroy();
    }
  });

  it("a bug stays a bug (not a UsageError), with its message", async () => {
    // Deliberately malformed, as no validated scenario is: a crash inside the run.
    const broken = { ...uniformScenario(1, overflowing().backends.b0), workload: undefined };
    const run = runExperiment({
      scenario: broken as unknown as Scenario,
      strategies: ["random"],
      rounds: 10,
      workers: 1,
    });
    await expect(run).rejects.toThrow(TypeError);
    await expect(run).rejects.not.toBeInstanceOf(UsageError);
  });
});

describe("always:<backend> with a backend the scenario lacks", () => {
  const scenario = parseScenario(
    uniformScenario(2, {
      latencyMs: { type: "constant", value: 1 },
      relevance: { default: { type: "constant", value: 1 } },
    }),
    "x.json",
  );
  const message = 'always:nosuch: "nosuch" is not a backend of the scenario (b0, b1)';

  it("is refused where strategies are created", () => {
    const compiled = new CompiledScenario(scenario);
    const context = { compiled, seed: 1, repetition: 0, rng: createStream(1, "r") };
    expect(() => createStrategy("always:nosuch", context)).toThrow(RoutingInputError);
    expect(() => createStrategy("always:nosuch", context)).toThrow(message);
    expect(createStrategy("always:b1", context).name).toBe("always:b1");
    expect(() => runSimulation({ scenario, strategy: "always:nosuch", rounds: 10 })).toThrow(
      message,
    );
  });

  it("is refused by runExperiment before any thread starts", async () => {
    await expect(
      runExperiment({ scenario, strategies: ["always:b0", "always:nosuch"], rounds: 10 }),
    ).rejects.toThrow(message);
  });
});

describe("pattern options", () => {
  it("refuses an option given twice, naming it", () => {
    expect(() => parsePatternSpec("hedged:delay=1,delay=2")).toThrow(
      "pattern option delay is given twice",
    );
    expect(() => parsePatternSpec("parallel:k=1,rule=first-k,k=1")).toThrow(
      "pattern option k is given twice",
    );
  });

  it("refuses names inherited from Object.prototype as patterns", () => {
    expect(() => parsePatternSpec("constructor")).toThrow('unknown pattern "constructor"');
  });
});

describe("routing-lab simulate and profile (exit codes)", () => {
  const { out, err } = captureOutput();

  const cli = (...args: string[]) => runCli(["node", "routing-lab", ...args]);

  function writeScenario(change: (s: Scenario) => void): { file: string; out: string } {
    const dir = mkdtempSync(join(tmpdir(), "simulate-"));
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
      const code = await cli(
        "simulate",
        "--scenario",
        f.file,
        "--rounds",
        "1000",
        "--workers",
        workers,
        "--out",
        f.out,
      );
      expect(code).toBe(2);
      expect(err.join("")).toMatch(
        new RegExp(
          `^routing-lab: ${f.file.replace(/[.]/g, "\\.")}: backends\\.hybrid\\.latencyMs drew `,
        ),
      );
      expect(existsSync(f.out)).toBe(false);
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
