import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { captureOutput } from "../../support/capture-output.js";
import { useTempDirs } from "../../support/temp-dir.js";

const constant5 = { type: "constant", value: 5 } as const;

/**
 * Three backends that answer alike (relevant with probability 0.7, 5 ms): no prior can change
 * SLO attainment, so every true difference from Beta(1, 1) is 0. The Holm-corrected intervals
 * hold all true differences with probability ≥ 95 % together, so a sweep here must not advise.
 */
const alike = {
  name: "alike",
  backends: Object.fromEntries(
    ["a", "b", "c"].map((b) => [
      b,
      { latencyMs: constant5, relevance: { x: { type: "bernoulli", p: 0.7 } } },
    ]),
  ),
  workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 100 } },
  slo: { latencyMs: 100, minRelevance: 0.5 },
};

/**
 * A window clearly beats no forgetting. Backend a is relevant with probability 0.9 until
 * 10 s, then 0.1; b with 0.5 throughout; 100 queries/s, so 2,000 queries switch half-way.
 * Without forgetting, a's posterior after ~1,000 mostly-successful queries is about
 * Beta(900, 100); its mean falls below b's 0.5 only after ~800 more failures, so nearly all
 * of the second half goes to a and meets the SLO 10 % of the time: attainment ≈ (0.9 + 0.1)/2
 * = 0.5. A 50-outcome window forgets a's past within ~50 queries and moves to b (0.5):
 * attainment ≈ (0.9 + 0.5)/2 = 0.7. The gain, ≈ 20 points, dwarfs the run-to-run spread of a
 * 2,000-query mean (binomial sd ≈ √(0.25/2000) ≈ 1.1 points per run, a few points with the
 * learning dynamics), so even the 3-repetition interval (t(0.975, 2) ≈ 4.3) lies above 0.
 */
const switching = {
  name: "switch",
  backends: {
    a: {
      latencyMs: constant5,
      relevance: { x: { type: "bernoulli", p: 0.9 } },
      windows: [
        { kind: "drift", startMs: 10_000, relevance: { x: { type: "bernoulli", p: 0.1 } } },
      ],
    },
    b: { latencyMs: constant5, relevance: { x: { type: "bernoulli", p: 0.5 } } },
  },
  workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 100 } },
  slo: { latencyMs: 100, minRelevance: 0.5 },
};

describe("routing-lab tune-priors", () => {
  const { out, err } = captureOutput();
  const tempDir = useTempDirs();

  /** Writes the scenario and runs a sweep into a fresh folder; returns the folder. */
  async function sweep(scenario: object, grid: string, ...extra: string[]) {
    const dir = tempDir("tune-priors-");
    const file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
    const outDir = join(dir, "sweep");
    const code = await runCli([
      "node",
      "routing-lab",
      "tune-priors",
      "--scenario",
      file,
      "--grid",
      grid,
      "--reps",
      "3",
      "--rounds",
      "2000",
      "--workers",
      "0",
      "--seed",
      "7",
      "--out",
      outDir,
      ...extra,
    ]);
    return { code, outDir, stdout: out.join(""), stderr: err.join("") };
  }

  it("does not advise a leader whose interval includes 0, and exports nothing", async () => {
    const run = await sweep(alike, "strength=1,20;mean=0.2,0.8", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe("not-shown-better");
    expect(report.recommended).toBeNull();
    const diff = report.effect.sloAttainment.diff;
    expect(diff.lo).toBeLessThanOrEqual(0);
    expect(diff.hi).toBeGreaterThanOrEqual(0);
    expect(report.summary.advice.tested).toBe(4);
    expect(existsSync(join(run.outDir, "priors.json"))).toBe(false);
    expect(existsSync(join(run.outDir, "bandit-params.json"))).toBe(false);
    expect(run.stderr).toMatch(
      /priors not exported: no setting was shown better than Beta\(1, 1\)/,
    );
  });

  it("says so in the text report, and still names the leader with its numbers", async () => {
    const run = await sweep(alike, "strength=1,20;mean=0.2,0.8");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^verdict: NOT SHOWN BETTER — no setting was shown better/m);
    expect(run.stdout).toMatch(
      /leader, not shown better than Beta\(1, 1\): \S+: SLO attainment [\d.]+% \[/,
    );
    expect(run.stdout).not.toMatch(/ADVISED/);
  });

  it("advises a clearly better setting, with a paired gain above 0, and exports it", async () => {
    const run = await sweep(switching, "window=50", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe("advised");
    expect(report.recommended.id).toBe("window=50");
    const slo = report.effect.sloAttainment;
    expect(slo.diff.lo).toBeGreaterThan(0);
    // The derivation above: ≈ 0.5 → ≈ 0.7. Allow for exploration and the ramp of learning.
    expect(slo.diff.mean).toBeGreaterThan(0.1);
    expect(slo.after - slo.before).toBeCloseTo(slo.diff.mean, 12);
    const priors = JSON.parse(readFileSync(join(run.outDir, "priors.json"), "utf8"));
    expect(priors.options.window).toBe(50);
    expect(priors.tunedOn.verdict).toBe("advised");
    expect(priors.tunedOn.effect).toEqual(report.effect);
    expect(existsSync(join(run.outDir, "bandit-params.json"))).toBe(true);
  });

  it("with --no-baseline has nothing to confirm against and advises nothing", async () => {
    const run = await sweep(switching, "window=50", "--no-baseline");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^verdict: NO BASELINE — .*nothing to confirm against/m);
    expect(run.stdout).toMatch(/leader \(not confirmed\): window=50/);
    expect(existsSync(join(run.outDir, "priors.json"))).toBe(false);
    const json = await sweep(switching, "window=50", "--no-baseline", "--json");
    const report = JSON.parse(json.stdout.slice(run.stdout.length));
    expect(report.verdict).toBe("no-baseline");
    expect(report.effect).toBeNull();
    expect(report.recommended).toBeNull();
  });

  it("prints the same report for the same seed", async () => {
    const first = await sweep(alike, "strength=1,20;mean=0.2,0.8");
    const second = await sweep(alike, "strength=1,20;mean=0.2,0.8");
    expect(second.stdout.slice(first.stdout.length)).toBe(first.stdout);
    expect(readFileSync(join(second.outDir, "report.json"), "utf8")).toBe(
      readFileSync(join(first.outDir, "report.json"), "utf8"),
    );
  });
});
