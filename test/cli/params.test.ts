import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runRoutingLab } from "./spawn-cli.js";

const work = mkdtempSync(join(tmpdir(), "params-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const scenario = join(import.meta.dirname, "../../data/scenarios/bernoulli.json");
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
  JSON.stringify(JSON.parse(stdout).strategies.map((s: { repetitions: unknown }) => s.repetitions));

describe("simulate --params", () => {
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
