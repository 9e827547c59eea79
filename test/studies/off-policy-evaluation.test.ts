import { describe, expect, it } from "vitest";
import { formatOpeStudy, opeStudyPlan, runOpeStudy } from "../../src/studies/index.js";

describe("off-policy evaluation study", () => {
  it("shows estimates near the truth, clipping's bias–variance trade, and no overlap", () => {
    const plan = opeStudyPlan({ quick: true });
    const result = runOpeStudy(plan);
    // Uniform logging: every estimate within 4 of its own interval's standard errors of the
    // on-policy value, on average over the traces (mean half-width / 1.96 is a per-trace se;
    // the mean of 5 has a smaller one, so 4 per-trace se is a loose, derived bound).
    for (const row of result.uniform) {
      expect(Object.keys(row.estimators).sort()).toEqual(["dm", "dr", "ips", "snips"]);
      for (const e of Object.values(row.estimators)) {
        expect(Math.abs(e.mean - row.truth)).toBeLessThan(4 * (e.width / 2 / 1.959964));
      }
    }
    // Clipping cuts IPS's spread across traces and biases it down: weights only shrink and
    // rewards are ≥ 0, so every clipped IPS estimate is ≤ the unclipped one.
    const [none, ...clipped] = result.clipping.rows;
    expect(none.clip).toBe(Number.POSITIVE_INFINITY);
    for (const r of clipped) {
      expect(r.ips.mean).toBeLessThanOrEqual(none.ips.mean);
      expect(r.ips.sd).toBeLessThan(none.ips.sd);
    }
    // Deterministic logging: a policy that never agrees with the log is refused; one that
    // partly agrees has choices no row logged.
    const hybrid = result.deterministic.find((r) => r.policy === "always:hybrid");
    expect(hybrid?.outcome).toMatch(/^refused: no rows always:hybrid can be judged on/);
    const qdrant = result.deterministic.find((r) => r.policy === "always:qdrant");
    expect(qdrant?.outcome).toMatch(/[1-9][0-9.]* % of its choices never logged$/);
    const text = formatOpeStudy(result);
    expect(text).toContain("| rule-based |");
    expect(text).toContain("| none |");
  });
});
