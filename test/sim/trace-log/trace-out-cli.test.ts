import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { parseTrace } from "../../../src/traces/index.js";
import { captureOutput } from "../../support/capture-output.js";

const scenario = join(import.meta.dirname, "../../../data/scenarios/outage.json");
const dir = mkdtempSync(join(tmpdir(), "trace-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON document without its wall-clock timings, which no two runs share. */
function withoutWallTime(text: string): unknown {
  return JSON.parse(text, (key, value) => (key === "wallMs" ? undefined : value));
}

describe("routing-lab simulate --trace-out", () => {
  const { out, err } = captureOutput();
  const simulate = async (...more: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli([
      "node",
      "routing-lab",
      "simulate",
      "--scenario",
      scenario,
      "--strategies",
      "epsilon-greedy,random",
      "--rounds",
      "3000",
      "--reps",
      "2",
      "--seed",
      "3",
      "--workers",
      "1",
      "--json",
      ...more,
    ]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  };

  it("changes no result, writes the first strategy's repetition 0, atomically and deterministically", async () => {
    const plain = await simulate();
    const file = join(dir, "nested", "trace.csv");
    const traced = await simulate("--trace-out", file);
    expect(plain.code).toBe(0);
    expect(traced.code).toBe(0);
    expect(withoutWallTime(traced.stdout)).toEqual(withoutWallTime(plain.stdout));
    expect(traced.stderr).toContain(`simulate: wrote ${file} (3,000 rows)`);
    const text = readFileSync(file, "utf8");
    const { rows } = parseTrace(text, { source: file });
    const doc = JSON.parse(plain.stdout);
    const first = doc.strategies[0];
    expect(first.strategy).toBe("epsilon-greedy");
    expect(rows.filter((r) => r.sloMet).length / 3000).toBe(first.repetitions[0].sloAttainment);
    // Nothing but the trace in its folder: the temp file was renamed.
    expect(readdirSync(join(dir, "nested"))).toEqual(["trace.csv"]);
    // Same seed, same trace.
    await simulate("--trace-out", file);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("a path that cannot be written exits 2 before any work, naming the flag", async () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder);
    const bad = await simulate("--trace-out", folder);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `routing-lab: --trace-out ${folder}: is a directory; give a file name\n`,
    );
    expect(bad.stdout).toBe("");
    const empty = await simulate("--trace-out", "");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--trace-out");
  });
});
