import type { PriorSweepReport } from "../../src/tuning/index.js";

/**
 * The report with its leader marked advised. Tests of the exported files' format need a file
 * whatever a small sweep's verdict is; the verdict itself is tested in sweep-advice.test.ts
 * and test/cli/commands/tune-priors.test.ts.
 *
 * @param report a finished sweep
 * @returns a copy whose `recommended` is the leader
 */
export function asAdvised(report: PriorSweepReport): PriorSweepReport {
  return {
    ...report,
    verdict: "advised",
    recommended: report.leader,
    summary: {
      ...report.summary,
      advice: { ...report.summary.advice, verdict: "advised", id: report.leader.id },
    },
  };
}
