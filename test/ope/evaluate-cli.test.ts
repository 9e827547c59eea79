import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { formatLoggedTrace, loadScenario, runLoggedSimulation } from "../../src/sim/index.js";
import { captureOutput } from "../support/capture-output.js";

const scenarioFile = join(import.meta.dirname, "../../data/scenarios/default.json");
const dir = mkdtempSync(join(tmpdir(), "evaluate-cli-"));
const trace = join(dir, "random.csv");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const scenario = loadScenario(scenarioFile);
  const { log } = runLoggedSimulation({ scenario, strategy: "random", rounds: 2000, seed: 9 });
  writeFileSync(trace, formatLoggedTrace(log, { minRelevance: scenario.slo.minRelevance }));
});

/** Writes a small trace file and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("routing-lab evaluate", () => {
  const { out, err } = captureOutput();
  const evaluate = async (...args: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli(["node", "routing-lab", "evaluate", ...args]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  };

  it("prints JSON naming ips, snips, dm and dr with value, lo and hi; same input, same output", async () => {
    const first = await evaluate("--trace", trace, "--policy", "rule-based", "--json");
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    for (const k of ["ips", "snips", "dm", "dr"]) {
      expect(Object.keys(report[k]).sort()).toEqual(["hi", "lo", "se", "value"]);
      expect(report[k].lo).toBeLessThanOrEqual(report[k].value);
      expect(report[k].hi).toBeGreaterThanOrEqual(report[k].value);
    }
    expect(report.decisions).toBe(2000);
    expect(report.interval).toBe("sandwich");
    expect(report.diagnostics.effectiveSampleSize).toBeGreaterThan(0);
    const again = await evaluate("--trace", trace, "--policy", "rule-based", "--json");
    expect(again.stdout).toBe(first.stdout);
    // Replay and the bootstrap are seeded: deterministic too.
    for (const args of [
      ["--policy", "thompson", "--seed", "3"],
      ["--policy", "epsilon:0.1:rule-based", "--interval", "bootstrap", "--replicates", "50"],
    ]) {
      const a = await evaluate("--trace", trace, ...args, "--json");
      const b = await evaluate("--trace", trace, ...args, "--json");
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it("prints a readable report; thresholds from a scenario judge rows by relevance and latency", async () => {
    const text = await evaluate("--trace", trace, "--policy", "always:hybrid");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^always:hybrid on .*random\.csv: estimated SLO attainment/);
    expect(text.stdout).toMatch(/^ {2}DR +\d+\.\d %/m);
    // The default scenario's own thresholds reproduce slo_met on a single-call trace.
    const bySlo = await evaluate("--trace", trace, "--policy", "always:hybrid", "--json");
    const byScenario = await evaluate(
      "--trace",
      trace,
      "--policy",
      "always:hybrid",
      "--scenario",
      scenarioFile,
      "--json",
    );
    const a = JSON.parse(bySlo.stdout);
    const b = JSON.parse(byScenario.stdout);
    expect(b.reward).toBe("thresholds");
    expect(b.dr).toEqual(a.dr);
  });

  const bad: [string, () => string[], RegExp][] = [
    [
      "an unknown policy",
      () => ["--trace", trace, "--policy", "best"],
      /^--policy: unknown policy "best"/,
    ],
    [
      "a policy a trace cannot evaluate",
      () => ["--trace", trace, "--policy", "least-outstanding"],
      /cannot be evaluated from a trace/,
    ],
    [
      "a missing file",
      () => ["--trace", join(dir, "none.csv"), "--policy", "random"],
      /none\.csv: cannot read \(/,
    ],
    [
      "a trace without slo_met and no thresholds",
      () => ["--trace", file("no-slo.csv", "backend,latency_ms\na,1\n"), "--policy", "random"],
      /no-slo\.csv: the trace has no slo_met column; give --scenario/,
    ],
    [
      "thresholds and no relevance column",
      () => [
        "--trace",
        file("no-rel.csv", "backend,latency_ms\na,1\n"),
        "--policy",
        "random",
        "--slo-ms",
        "100",
        "--min-relevance",
        "0.5",
      ],
      /no-rel\.csv: the trace has no relevance column/,
    ],
    [
      "a trace with no rows the policy can use",
      () => [
        "--trace",
        file(
          "qdrant.csv",
          "backend,latency_ms,slo_met,propensity,available\nqdrant,1,1,1,qdrant;neo4j\nqdrant,2,0,1,qdrant;neo4j\n",
        ),
        "--policy",
        "always:neo4j",
      ],
      /qdrant\.csv: no rows always:neo4j can be judged on/,
    ],
    [
      "always:<backend> with a backend the trace does not know",
      () => ["--trace", trace, "--policy", "epsilon:0.1:always:redis"],
      /--policy epsilon:0\.1:always:redis: "redis" is not a backend of .*random\.csv \(.*neo4j/,
    ],
    [
      "a bad propensity",
      () => [
        "--trace",
        file(
          "bad-p.csv",
          "backend,latency_ms,slo_met,propensity\nqdrant,1,1,0.5\nqdrant,2,0,1.5\n",
        ),
        "--policy",
        "random",
      ],
      /bad-p\.csv:3: propensity "1\.5" is not in \(0, 1\]/,
    ],
    [
      "--scenario with --slo-ms",
      () => ["--trace", trace, "--policy", "random", "--scenario", scenarioFile, "--slo-ms", "5"],
      /either --scenario or --slo-ms and --min-relevance, not both/,
    ],
    [
      "--slo-ms alone",
      () => ["--trace", trace, "--policy", "random", "--slo-ms", "5"],
      /--slo-ms and --min-relevance go together/,
    ],
    [
      "a bad --min-relevance",
      () => ["--trace", trace, "--policy", "random", "--slo-ms", "5", "--min-relevance", "2"],
      /--min-relevance must be a number from 0 to 1/,
    ],
    [
      "a bad --interval",
      () => ["--trace", trace, "--policy", "random", "--interval", "jackknife"],
      /--interval must be sandwich or bootstrap/,
    ],
    [
      "a bad --clip",
      () => ["--trace", trace, "--policy", "random", "--clip", "0"],
      /--clip must be a number from 5e-324/,
    ],
    [
      "too few --replicates",
      () => ["--trace", trace, "--policy", "random", "--replicates", "3"],
      /--replicates must be an integer from 10/,
    ],
  ];

  it.each(bad)("%s exits 2 with one line naming the problem", async (_, args, message) => {
    const r = await evaluate(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(r.stderr.replace(/^routing-lab: /, "")).toMatch(message);
  });
});
