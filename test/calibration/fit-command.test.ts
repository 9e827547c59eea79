import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { parseScenario } from "../../src/sim/scenario/parse.js";
import { seededSample } from "./round-trip.js";

describe("routing-lab fit", () => {
  let dir: string;
  let stderr: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fit-cmd-"));
    stderr = [];
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
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
});
