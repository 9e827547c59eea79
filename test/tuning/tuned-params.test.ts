import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { ThompsonRouter } from "../../src/routing/index.js";
import { exportPriors, runPriorSweep, tunedBanditParams } from "../../src/tuning/index.js";
import { readTunedParams } from "../../src/tuning/tuned-params.js";
import { asAdvised } from "./advised-report.js";
import { bernoulliScenario } from "./sweep-scenario.js";

const dir = mkdtempSync(join(tmpdir(), "tuned-params-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The posterior table of a Thompson router built with the given options. */
function table(options: object, backends: string[], types: string[]) {
  const r = new ThompsonRouter({ ...options, backends, queryTypes: types });
  return types.map((t) => r.posterior(t, backends).map((p) => [p.alpha, p.beta]));
}

describe("readTunedParams", () => {
  it("reads priors.json, the readable bandit-params.json and the older α − 1 file alike", async () => {
    const { report: swept } = await runPriorSweep({
      scenario: bernoulliScenario,
      grid: "strength=0.5,4;mean[y]=0.25;discount=0.99",
      reps: 2,
      rounds: 500,
      seed: 3,
      workers: 0,
      baseline: false,
    });
    const report = asAdvised(swept);
    const out = exportPriors(report, dir);
    if (!out.exported) throw new Error(out.reason);
    const { priorsPath, paramsPath } = out;
    const old = join(dir, "old-bandit-params.json");
    writeFileSync(old, JSON.stringify(tunedBanditParams(report)));
    const { backends, queryTypes } = report;
    const expected = table(report.leader.options, backends, queryTypes);
    const fromPriors = readTunedParams(priorsPath);
    const fromParams = readTunedParams(paramsPath);
    expect(fromPriors).toEqual(report.leader.options);
    expect(fromParams.discount).toBe(0.99);
    for (const options of [fromPriors, fromParams, readTunedParams(old)]) {
      const got = table(options, backends, queryTypes);
      // α − 1 + 1 may differ from α in the last bit: compare to 12 digits.
      const want = expected.flat(2);
      for (const [i, v] of got.flat(2).entries()) expect(v).toBeCloseTo(want[i], 12);
    }
  });

  it("names the file and the field of a bad prior", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        format: "routing-lab/bandit-priors",
        version: 1,
        strategy: "thompson",
        backends: ["a"],
        queryTypes: ["x"],
        priors: { x: { a: { alpha: -1, beta: 2 } } },
      }),
    );
    expect(() => readTunedParams(bad)).toThrow(UsageError);
    expect(() => readTunedParams(bad)).toThrow(/bad\.json: priors\.x\.a\.alpha: /);
    writeFileSync(bad, JSON.stringify({ format: "routing-lab/simulation" }));
    expect(() => readTunedParams(bad)).toThrow(/is not tuned parameters/);
    writeFileSync(bad, "{");
    expect(() => readTunedParams(bad)).toThrow(/bad\.json: cannot read tuned parameters/);
  });
});
