import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { STRATEGY_NAMES } from "../../../src/routing/index.js";
import { SIMULATION_FORMAT } from "../../../src/sim/index.js";
import { captureOutput } from "../../support/capture-output.js";
import { useTempDirs } from "../../support/temp-dir.js";
import { runRoutingLab } from "../spawn-cli.js";

const scenarios = join(__dirname, "../../../data/scenarios");

describe("routing-lab simulate", () => {
  const { out, err } = captureOutput();
  const tempDir = useTempDirs();

  const simulate = (...args: string[]) => runCli(["node", "routing-lab", "simulate", ...args]);

  it("writes the documented JSON document atomically and prints it with --json", async () => {
    const dir = tempDir("simulate-");
    const file = join(dir, "out.json");
    const code = await simulate(
      "--scenario",
      join(scenarios, "bernoulli.json"),
      "--strategies",
      "thompson,oracle",
      "--rounds",
      "2000",
      "--reps",
      "2",
      "--workers",
      "0",
      "--seed",
      "5",
      "--out",
      file,
      "--json",
      "--profile",
    );
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(file, "utf8"));
    expect(JSON.parse(out.join(""))).toEqual(doc);
    expect(doc.format).toBe(SIMULATION_FORMAT);
    expect(doc.options).toMatchObject({
      strategies: ["thompson", "oracle"],
      rounds: 2000,
      reps: 2,
      seed: 5,
    });
    const [thompson, oracle] = doc.strategies;
    expect(oracle.totals.regret).toEqual({ mean: 0, lo: 0, hi: 0, sd: 0, n: 2 });
    expect(thompson.repetitions).toHaveLength(2);
    expect(thompson.curves.regret.mean.length).toBeLessThanOrEqual(100);
    expect(thompson.profile.queries.count).toBe(4000);
    // Temp files never stay behind.
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("prints a verdict, a legend and, with --by-type, where each strategy routes; the same from the same seed", async () => {
    const args = [
      "--scenario",
      join(scenarios, "degraded.json"),
      "--strategies",
      "rule-based,thompson",
      "--rounds",
      "2000",
      "--reps",
      "2",
      "--workers",
      "0",
      "--by-type",
    ];
    out.length = 0;
    expect(await simulate(...args)).toBe(0);
    const first = out.join("");
    expect(first).toMatch(/^Verdict: (rule-based|thompson) meets the SLO most often/m);
    expect(first).toMatch(
      /^Legend: regret is the bandit pseudo-regret .* ± is the half-width of the 95 % t-interval/m,
    );
    // rule-based sends every relationship query to neo4j (the old map).
    expect(first).toMatch(/^relationship\s+100\.0 %/m);
    out.length = 0;
    expect(await simulate(...args)).toBe(0);
    expect(out.join("")).toBe(first);
  });

  it("runs every shipped scenario with every strategy and every pattern", async () => {
    const strategies = [
      "oracle",
      ...STRATEGY_NAMES.map((n) => (n === "always:<backend>" ? "always:qdrant" : n)),
    ].join(",");
    for (const scenario of ["default", "drift", "outage", "bernoulli"]) {
      for (const pattern of ["feed-forward", "recursive", "parallel", "chain", "hedged"]) {
        const code = await simulate(
          "--scenario",
          join(scenarios, `${scenario}.json`),
          "--strategies",
          strategies,
          "--pattern",
          pattern,
          "--rounds",
          "200",
          "--workers",
          "0",
        );
        expect(code, `${scenario} ${pattern}`).toBe(0);
      }
    }
    const table = out.join("");
    for (const name of strategies.split(",")) expect(table).toContain(name);
  });

  it("exits 2 with the field path and writes nothing for a malformed scenario", async () => {
    const dir = tempDir("simulate-");
    const bad = join(dir, "x.json");
    const scenario = JSON.parse(readFileSync(join(scenarios, "default.json"), "utf8"));
    scenario.backends.neo4j.latencyMs = { type: "lognormal", median: 45, p99: 30 };
    writeFileSync(bad, JSON.stringify(scenario));
    const file = join(dir, "out.json");
    const code = await simulate("--scenario", bad, "--out", file, "--workers", "0");
    expect(code).toBe(2);
    expect(err.join("")).toContain(
      `${bad}: backends.neo4j.latencyMs.p99 must be greater than median`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it("exits 2 for an unknown strategy or pattern before running anything", async () => {
    const args = ["--scenario", join(scenarios, "default.json"), "--workers", "0"];
    expect(await simulate(...args, "--strategies", "thomson")).toBe(2);
    expect(err.join("")).toMatch(/--strategies: .*unknown strategy "thomson"/);
    expect(await simulate(...args, "--pattern", "hedged:delay=later")).toBe(2);
    expect(err.join("")).toContain("--pattern: pattern hedged: delay");
    expect(await simulate(...args, "--rounds", "0")).toBe(2);
  });

  it("--strategy runs strategies with options, reproducibly, after the plain --strategies", async () => {
    const run = async (...more: string[]) => {
      out.length = 0;
      const code = await simulate(
        "--scenario",
        join(scenarios, "bernoulli.json"),
        "--rounds",
        "1500",
        "--reps",
        "2",
        "--workers",
        "0",
        "--seed",
        "9",
        "--json",
        ...more,
      );
      expect(code).toBe(0);
      const doc = JSON.parse(out.join(""));
      return doc.strategies.map((s: { strategy: string; repetitions: unknown[] }) => ({
        strategy: s.strategy,
        repetitions: s.repetitions,
      }));
    };
    const specs = ["--strategy", "linucb:alpha=0.5", "--strategy", "epsilon-greedy:epsilon=0"];
    const first = await run(...specs);
    // Without --strategies, only the --strategy ones run (not the default thompson,oracle).
    expect(first.map((s: { strategy: string }) => s.strategy)).toEqual([
      "linucb:alpha=0.5",
      "epsilon-greedy:epsilon=0",
    ]);
    // Same seed, same results (wall-clock times excluded).
    expect(await run(...specs)).toEqual(first);
    // The options take effect: ε = 0 never explores, the default ε = 0.1 does.
    const both = await run(
      "--strategies",
      "epsilon-greedy",
      "--strategy",
      "epsilon-greedy:epsilon=0",
    );
    expect(both.map((s: { strategy: string }) => s.strategy)).toEqual([
      "epsilon-greedy",
      "epsilon-greedy:epsilon=0",
    ]);
    expect(both[0].repetitions).not.toEqual(both[1].repetitions);
    expect(both[1].repetitions).toEqual(first[1].repetitions);
  });
});

// Tuned priors through a child process, as a user runs them.
describe("routing-lab simulate --params", () => {
  const work = useTempDirs("all")("params-");
  const scenario = join(scenarios, "bernoulli.json");
  const priors = join(work, "priors.json");
  writeFileSync(
    priors,
    JSON.stringify({
      format: "routing-lab/thompson-options",
      version: 1,
      strategy: "thompson",
      options: { priors: { default: { alpha: 9, beta: 1 } }, discount: 0.99 },
    }),
  );
  const base = ["simulate", "--scenario", scenario, "--rounds", "3000", "--reps", "2", "--json"];
  const totals = (stdout: string) =>
    JSON.stringify(
      JSON.parse(stdout).strategies.map((s: { repetitions: unknown }) => s.repetitions),
    );

  it("loads tuned priors into thompson, the same way every time", async () => {
    const args = [...base, "--strategies", "thompson,ucb1", "--params", priors, "--workers", "0"];
    const [a, b, plain] = await Promise.all([
      runRoutingLab(args, { cwd: work }),
      runRoutingLab(args, { cwd: work }),
      runRoutingLab([...base, "--strategies", "thompson,ucb1", "--workers", "0"], { cwd: work }),
    ]);
    expect(a.code).toBe(0);
    expect(totals(a.stdout)).toBe(totals(b.stdout)); // same seed, same output
    const tuned = JSON.parse(a.stdout);
    const untuned = JSON.parse(plain.stdout);
    expect(tuned.options.params).toBe(priors);
    // The priors change thompson's runs, and only thompson's.
    expect(tuned.strategies[0].repetitions).not.toEqual(untuned.strategies[0].repetitions);
    expect(tuned.strategies[1].repetitions).toEqual(untuned.strategies[1].repetitions);
  }, 60_000);

  it("is bad input without thompson, or with a bad file", async () => {
    const none = await runRoutingLab([...base, "--strategies", "ucb1", "--params", priors], {
      cwd: work,
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("holds Thompson priors, but --strategies has no thompson");
    const bad = join(work, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(priors, "utf8")), version: 7 }));
    const r = await runRoutingLab([...base, "--strategies", "thompson", "--params", bad], {
      cwd: work,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: version: /);
  }, 60_000);
});
