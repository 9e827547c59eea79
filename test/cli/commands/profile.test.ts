import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeSyntheticTrace } from "../../../src/bench/profiler-trace.js";
import { runCli } from "../../../src/cli/program.js";
import { useTempDirs } from "../../support/temp-dir.js";

const dir = useTempDirs("all")("profile-cli-");

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await runCli(["node", "routing-lab", "profile", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

afterEach(() => vi.restoreAllMocks());

describe("routing-lab profile", () => {
  it("profiles a trace: JSON with percentiles within 1 %, findings and timing", async () => {
    const trace = await writeSyntheticTrace(join(dir, "ok.csv"), { rows: 20_000, seed: 3 });
    const outPath = join(dir, "analysis.json");
    const mdPath = join(dir, "analysis.md");
    const { code, stdout } = await run(
      "--trace",
      trace.path,
      "--slo-ms",
      "150",
      "--json",
      "--out",
      outPath,
      "--markdown",
      mdPath,
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.report.queries.count).toBe(20_000);
    const sorted = trace.latencies.slice().sort();
    const exact = sorted[Math.floor(0.99 * (sorted.length - 1))];
    // DDSketch's bound (α = 1 %); see test/profiling/latency-sketch.test.ts for the derivation.
    expect(Math.abs(json.report.queries.p99 - exact)).toBeLessThanOrEqual(
      0.01 * exact * (1 + 1e-9),
    );
    expect(json.source.rows).toBe(20_000);
    expect(Number.isFinite(json.source.elapsedMs)).toBe(true); // a wall time: plumbing only
    expect(json.report.throughput.timeBase).toBe("virtual");
    // hybrid: lognormal median 60 ms, σ = 1.1: p99 = 60·e^(1.1·2.326) ≈ 775 ms ≫ 150 ms.
    expect(json.findings.map((f: { id: string }) => f.id)).toContain("slow-backend:hybrid");
    expect(JSON.parse(readFileSync(outPath, "utf8"))).toEqual(json);
    expect(readFileSync(mdPath, "utf8")).toMatch(/### Bottlenecks/);
  });

  it("prints a readable text report saying how long it took", async () => {
    const trace = await writeSyntheticTrace(join(dir, "text.csv"), { rows: 5000, seed: 4 });
    const { code, stdout } = await run("--trace", trace.path, "--slo-ms", "150");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Profile of trace .*text\.csv: 5,000 rows, in \d+\.\d\d s/);
    expect(stdout).toMatch(/Bottlenecks \(SLO 150 ms at p99\):/);
    expect(stdout).toMatch(/Recommendations:/);
    expect(stdout).toMatch(/backend\s+count\s+mean/);
  });

  const bad: [string, string, RegExp][] = [
    ["missing column", "backend,latency\nqdrant,3\n", /:1: missing required column "latency_ms"/],
    ["non-numeric latency", "backend,latency_ms\nqdrant,3\nqdrant,fast\n", /:3: latency_ms "fast"/],
    [
      "negative latency",
      "backend,latency_ms\nqdrant,3\nqdrant,-2\n",
      /:3: latency_ms -2 is negative/,
    ],
    ["empty file", "", /:1: empty file/],
  ];
  for (const [what, text, message] of bad) {
    it(`exits 2 with the line for a ${what}, printing no report`, async () => {
      const { code, stdout, stderr } = await run("--trace", file(`${what}.csv`, text));
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stdout).toBe("");
    });
  }

  it("with --skip-invalid, reports the valid rows and how many were skipped", async () => {
    const text = "backend,latency_ms\nqdrant,3\nqdrant,fast\nneo4j,-1\nmem0,4\n";
    const { code, stdout, stderr } = await run(
      "--trace",
      file("skip.csv", text),
      "--skip-invalid",
      "--json",
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.source.skipped).toBe(2);
    expect(json.source.issues).toEqual([
      'line 3: latency_ms "fast" is not a finite number',
      "line 4: latency_ms -1 is negative",
    ]);
    expect(json.report.queries.count).toBe(2);
    expect(stderr).toMatch(/skipped 2 invalid rows/);
  });

  it("profiles a simulation and re-simulates its recommendations", async () => {
    const { code, stdout } = await run(
      "--scenario",
      "data/scenarios/default.json",
      "--strategy",
      "rule-based",
      "--rounds",
      "5000",
      "--json",
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.sloMs).toBe(200); // the scenario's SLO
    expect(json.report.queries.count).toBe(5000);
    expect(json.source.unit).toBe("queries");
    // Every recommendation has a verdict; re-simulated ones carry paired effects as fractions.
    expect(json.advice.settings.reps).toBe(5);
    for (const r of json.recommendations) {
      expect(["advised", "rejected", "unverified"]).toContain(r.verdict);
      expect(typeof r.reason).toBe("string");
      if (r.verdict === "unverified") continue;
      const e = r.effect.sloAttainment;
      expect(e.before).toBeGreaterThan(0);
      expect(e.before).toBeLessThanOrEqual(1);
      expect(e.diff.mean).toBeCloseTo(e.after - e.before, 12);
      expect(e.diff.lo).toBeLessThanOrEqual(e.diff.hi);
      expect(r.effect.callsPerQuery.before).toBeGreaterThan(0);
      // Advised means: interval above 0 and calls within the default +10 % budget.
      if (r.verdict === "advised") {
        expect(e.diff.lo).toBeGreaterThan(0);
        expect(r.effect.callsPerQuery.after / r.effect.callsPerQuery.before).toBeLessThanOrEqual(
          1.1 + 1e-12,
        );
        expect(["immediate", "medium-term", "long-term"]).toContain(r.horizon);
      } else {
        expect(r.horizon).toBeUndefined();
      }
    }
    // Advised first, then rejected, then unverified.
    const order = json.recommendations.map((r: { verdict: string }) =>
      ["advised", "rejected", "unverified"].indexOf(r.verdict),
    );
    expect(order).toEqual([...order].sort((a: number, b: number) => a - b));
  });

  it("gives the same advice from the same seed", async () => {
    const args = [
      "--scenario",
      "data/scenarios/degraded.json",
      "--rounds",
      "3000",
      "--reps",
      "3",
      "--calls-budget",
      "5",
      "--json",
    ];
    const strip = (text: string) => {
      const j = JSON.parse(text);
      // Wall-clock fields are the only ones allowed to differ.
      j.source.elapsedMs = 0;
      j.advice.elapsedMs = 0;
      j.report.routing = null;
      j.report.operations = null;
      j.findings = j.findings.filter((f: { rule: string }) => f.rule !== "routing-overhead");
      j.recommendations = j.recommendations.filter(
        (r: { id: string }) => r.id !== "cache-decisions",
      );
      return j;
    };
    const a = await run(...args);
    const b = await run(...args);
    expect(a.code).toBe(0);
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(strip(a.stdout).advice.settings).toMatchObject({ reps: 3, callsBudget: 0.05 });
  });

  it("--fail-on exits 1 after printing the report when a finding is that severe", async () => {
    const args = ["--scenario", "data/scenarios/degraded.json", "--rounds", "3000", "--no-what-if"];
    const plain = await run(...args, "--json");
    const severities = JSON.parse(plain.stdout).findings.map(
      (f: { severity: string }) => f.severity,
    );
    expect(severities).toContain("critical");
    const failed = await run(...args, "--fail-on", "critical");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("Bottlenecks");
    expect(failed.stderr).toMatch(/--fail-on critical: \d+ findings? of that severity or worse/);
    // The oracle with a lax SLO has only a warning (the load it puts on the best backends):
    // it passes a critical gate and fails a warning gate.
    const lax = [
      "--scenario",
      "data/scenarios/default.json",
      "--strategy",
      "oracle",
      "--rounds",
      "2000",
      "--slo-ms",
      "100000",
      "--no-what-if",
    ];
    const laxFindings = JSON.parse((await run(...lax, "--json")).stdout).findings;
    expect(laxFindings.map((f: { severity: string }) => f.severity)).toEqual(["warning"]);
    expect((await run(...lax, "--fail-on", "critical")).code).toBe(0);
    expect((await run(...lax, "--fail-on", "warning")).code).toBe(1);
  });

  it("verifies trace advice on a fitted model, or says which column would allow it", async () => {
    // Two backends: k answers keyword queries (and is slow on 10 % of calls: 600 ms, over the
    // 200 ms SLO), v answers vector queries; the trace routes each type 70/30.
    const lines = ["backend,latency_ms,query_type,relevance"];
    for (let i = 0; i < 4000; i++) {
      const keyword = i % 2 === 0;
      const toK = (i >> 1) % 10 < 7 === keyword;
      const slow = toK && i % 20 < 2;
      const relevant = toK === keyword;
      lines.push(
        `${toK ? "k" : "v"},${slow ? 600 + (i % 7) : 20 + (i % 13)},${keyword ? "keyword" : "vector"},${(relevant ? 0.85 : 0.15) + (i % 11) / 100}`,
      );
    }
    const path = file("two.csv", `${lines.join("\n")}\n`);
    const fitted = await run("--trace", path, "--slo-ms", "200", "--rounds", "2000", "--reps", "3");
    expect(fitted.code).toBe(0);
    expect(fitted.stdout).toMatch(/verified on a model fitted to the trace/);
    expect(fitted.stdout).toMatch(/worst percentile error .* is \d+\.\d % \((k|v) p\d+\)/);
    expect(fitted.stdout).toContain("share of type");
    const json = JSON.parse(
      (await run("--trace", path, "--slo-ms", "200", "--rounds", "2000", "--reps", "3", "--json"))
        .stdout,
    );
    expect(json.advice.settings.fitted.worstPercentileError).toBeGreaterThanOrEqual(0);
    expect(json.recommendations.length).toBeGreaterThan(0);
    expect(json.recommendations.some((r: { verdict: string }) => r.verdict !== "unverified")).toBe(
      true,
    );
    // k is the only backend that answers keyword queries relevantly: never advised off it.
    const offK = json.recommendations.find((r: { id: string }) => r.id === "shift-traffic:k");
    if (offK !== undefined) expect(offK.verdict).not.toBe("advised");

    const bare = file(
      "bare.csv",
      `${lines.map((l) => l.split(",").slice(0, 3).join(",")).join("\n")}\n`,
    );
    const open = JSON.parse((await run("--trace", bare, "--slo-ms", "200", "--json")).stdout);
    expect(open.recommendations.length).toBeGreaterThan(0);
    for (const r of open.recommendations) {
      expect(r.verdict).toBe("unverified");
      expect(r.reason).toMatch(/no relevance column/);
    }
  });

  it("rejects bad flags with exit 2", async () => {
    expect((await run()).code).toBe(2);
    expect(
      (await run("--scenario", "data/scenarios/default.json", "--pattern", "zigzag")).code,
    ).toBe(2);
    const path = file("flags.csv", "backend,latency_ms\nqdrant,3\n");
    expect((await run("--trace", path, "--slo-ms", "-5")).code).toBe(2);
    expect((await run("--trace", path, "--slo-quantile", "0.97")).code).toBe(2);
    expect((await run("--trace", join(dir, "missing.csv"))).code).toBe(2);
    for (const bad of [
      ["--fail-on", "error"],
      ["--reps", "1"],
      ["--calls-budget", "-1"],
      ["--min-relevance", "1.5"],
    ]) {
      const r = await run("--trace", path, ...bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(bad[0]);
    }
  });
});
