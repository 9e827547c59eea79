import { describe, expect, it } from "vitest";
import { ReportBuilder } from "../../src/report/document.js";
import { offPolicySection } from "../../src/report/off-policy-section.js";
import type { OpeStudyResult } from "../../src/studies/index.js";

const estimator = (mean: number, covered: number) => ({
  mean,
  sd: 0.01,
  rmse: 0.012,
  covered,
  width: 0.05,
});

const result: OpeStudyResult = {
  plan: {
    scenarioFile: "data/scenarios/default.json",
    traces: 20,
    decisions: 3000,
    truthRounds: 200_000,
    policies: ["rule-based"],
    clips: [Number.POSITIVE_INFINITY, 5],
  },
  uniform: [
    {
      policy: "rule-based",
      truth: 0.8123,
      estimators: { ips: estimator(0.8, 19), snips: estimator(0.81, 20), dr: estimator(0.812, 19) },
      effectiveSampleSize: 612.4,
      unsupportedShare: 0,
    },
  ],
  clipping: {
    truth: 0.8123,
    rows: [
      { clip: Number.POSITIVE_INFINITY, ips: estimator(0.8, 18), dr: estimator(0.81, 19) },
      { clip: 5, ips: { ...estimator(0.78, 15), sd: 0.004, rmse: 0.03 }, dr: estimator(0.8, 18) },
    ],
  },
  deterministic: [{ policy: "rule-based", truth: 0.8123, outcome: "refused: no propensity" }],
};

describe("offPolicySection", () => {
  it("prints each estimator's mean and coverage from the results, with their paths", () => {
    const r = offPolicySection(new ReportBuilder(), { name: "10-ope.json", data: result });
    const md = r.toMarkdown();
    expect(md).toContain("## Off-policy evaluation");
    // DM is missing for this policy: a dash, not a number.
    expect(md).toMatch(
      /\| rule-based \| 81\.2 % \| 80\.0 % \| 81\.0 % \| — \| 81\.2 % \| 19 \| 20 \| — \| 19 \| 612 \|/,
    );
    expect(md).toContain("at a cap of 5");
    expect(md).toContain("refused: no propensity");
    const paths = r.provenanceList().map((p) => p.path);
    expect(paths).toContain("uniform.0.estimators.dr.covered");
    expect(paths).toContain("clipping.rows.1.ips.sd");
  });
});
