import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { createStream, standardNormal } from "../../../src/random/index.js";
import { parseScenario } from "../../../src/sim/scenario/parse.js";
import { seededSample } from "../../calibration/round-trip.js";

describe("routing-lab fit", () => {
  let dir: string;
  let stderr: string[];
  let stdout: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fit-cmd-"));
    stderr = [];
    stdout = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => runCli(["node", "routing-lab", "fit", ...args]);

  it("writes a valid scenario from a trace", async () => {
    const xs = seededSample("gamma", 3, 4, 1500, 41);
    const csv = ["backend,latency_ms,query_type,relevance"]
      .concat(xs.map((x, i) => `mem0,${x},personal,${(i % 7) / 7}`))
      .join("\n");
    writeFileSync(join(dir, "t.csv"), csv);
    const out = join(dir, "scenarios", "mem0.json");
    expect(await run("--trace", join(dir, "t.csv"), "--out", out)).toBe(0);
    const scenario = parseScenario(JSON.parse(readFileSync(out, "utf8")), out);
    expect(scenario.name).toBe("mem0");
    expect(scenario.backends.mem0.latencyMs.type).toBe("gamma");
    expect(scenario.workload.mix).toEqual({ personal: 1 });
  });

  it("forces the empirical summary with --family empirical", async () => {
    writeFileSync(join(dir, "t.csv"), "backend,latency_ms\nqdrant,1\nqdrant,2\nqdrant,4\n");
    const out = join(dir, "e.json");
    expect(await run("--trace", join(dir, "t.csv"), "--out", out, "--family", "empirical")).toBe(0);
    const scenario = JSON.parse(readFileSync(out, "utf8"));
    expect(scenario.backends.qdrant.latencyMs).toEqual({ type: "empirical", samples: [1, 2, 4] });
  });

  it("exits 2 with the line number on a bad row, and writes nothing", async () => {
    writeFileSync(join(dir, "bad.csv"), "backend,latency_ms\nqdrant,12\nqdrant,-3\n");
    const out = join(dir, "bad.json");
    expect(await run("--trace", join(dir, "bad.csv"), "--out", out)).toBe(2);
    expect(stderr.join("")).toMatch(/bad\.csv:3: .*latency_ms/);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 on a missing column, an empty file and a bad flag", async () => {
    writeFileSync(join(dir, "nocol.csv"), "backend,latency\nqdrant,12\n");
    writeFileSync(join(dir, "empty.csv"), "");
    const out = join(dir, "x.json");
    expect(await run("--trace", join(dir, "nocol.csv"), "--out", out)).toBe(2);
    expect(stderr.join("")).toMatch(/nocol\.csv:1: .*latency_ms/);
    expect(await run("--trace", join(dir, "empty.csv"), "--out", out)).toBe(2);
    expect(stderr.join("")).toMatch(/empty/);
    expect(await run("--trace", join(dir, "empty.csv"), "--out", out, "--family", "normal")).toBe(
      2,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("fits timeouts as hangs, reports both models per backend, and is deterministic", async () => {
    // 4,000 requests: a lognormal body (median 30 ms, σ = 0.4; S(100 ms) = 0.13 %) and 8 % hangs
    // at a 100 ms timeout, logged at 100.0–100.4 ms (a timeout fires late by its overhead), and
    // 2 % errors. ΔAIC between the models grows like n; it is about 4,000 at 30,000 rows
    // (timeouts-round-trip.test.ts), so hundreds here.
    const rng = createStream(5, "fit-command-timeouts");
    const lines = ["backend,latency_ms,status"];
    for (let i = 0; i < 4000; i++) {
      const u = rng.next();
      const x = Math.exp(Math.log(30) + 0.4 * standardNormal(rng));
      if (u < 0.08 || x > 100) lines.push(`mem0,${(100 + 0.4 * rng.next()).toFixed(3)},timeout`);
      else if (u < 0.1) lines.push(`mem0,${x},error`);
      else lines.push(`mem0,${x},ok`);
    }
    writeFileSync(join(dir, "t.csv"), `${lines.join("\n")}\n`);
    const out = join(dir, "h.json");
    expect(await run("--trace", join(dir, "t.csv"), "--out", out, "--json")).toBe(0);
    const report = JSON.parse(stdout.join(""));
    const b = report.backends[0];
    expect(b.timeouts.best.model).toBe("hang");
    expect(b.timeouts.models.censored.aic - b.timeouts.models.hang.aic).toBeGreaterThan(10);
    expect(b.timeouts.candidates).toHaveLength(6);
    const first = readFileSync(out, "utf8");
    const scenario = parseScenario(JSON.parse(first), out);
    const mem0 = scenario.backends.mem0;
    // The median of 100 + 0.4·U is 100.2 up to the sample median's sd, 1/(2·f·√n_t) with density
    // f = 1/0.4 and n_t ≈ 320 timed-out rows: 0.011 ms; allow 4.5 sds, 0.05 ms.
    expect(Math.abs((mem0.timeoutMs as number) - 100.2)).toBeLessThan(0.05);
    expect(mem0.hangProbability).toBeGreaterThan(0.05);
    expect(mem0.failureProbability).toBeGreaterThan(0);

    stdout.length = 0;
    expect(await run("--trace", join(dir, "t.csv"), "--out", out)).toBe(0);
    const text = stdout.join("");
    expect(text).toMatch(/timeout model: hangs \(h = [\d.]+ %\) beside a \w+ body: ΔAIC/);
    expect(text).toMatch(/Akaike weight: censored tail [\d.]+%, hangs [\d.]+%/);
    expect(readFileSync(out, "utf8")).toBe(first);
  });
});
