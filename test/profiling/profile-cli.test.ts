import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeSyntheticTrace } from "../../src/bench/profiler-trace.js";
import { runCli } from "../../src/cli/program.js";

const dir = mkdtempSync(join(tmpdir(), "profile-cli-"));

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
    const simulable = json.recommendations.filter(
      (r: { action?: { kind: string } }) =>
        r.action !== undefined && !["grow-cache", "cache-decisions"].includes(r.action.kind),
    );
    expect(json.whatIf.length).toBe(simulable.length);
    for (const w of json.whatIf) {
      expect(w.summary).toMatch(/→/);
      expect(w.before.queries).toBe(5000);
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
  });
});
