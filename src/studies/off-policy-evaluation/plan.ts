/** Notebook 10, off-policy evaluation: the traces it logs and the policies it evaluates. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";

/** What the study runs. */
export interface OpeStudyPlan {
  scenarioFile: string;
  /** Traces per logging policy (seeds 1000, 1001, …). */
  traces: number;
  /** Decisions per trace. */
  decisions: number;
  /** Queries of each fixed policy's on-policy run (its truth). */
  truthRounds: number;
  /** Fixed policies evaluated; each must also be a simulator strategy. */
  policies: string[];
  /** Weight caps compared (Infinity = none). */
  clips: number[];
}

/**
 * The study's workload: 20 traces of 3,000 decisions (quick: 5 of 1,000) on the default
 * scenario, truths from 200,000-query runs (quick: 50,000).
 *
 * @param settings `quick` from `labSettings()`
 * @returns the plan
 * @example const plan = opeStudyPlan(labSettings())
 */
export function opeStudyPlan(settings: { quick: boolean }): OpeStudyPlan {
  return {
    scenarioFile: join(projectRoot, "data", "scenarios", "default.json"),
    traces: settings.quick ? 5 : 20,
    decisions: settings.quick ? 1000 : 3000,
    truthRounds: settings.quick ? 50_000 : 200_000,
    policies: ["rule-based", "always:hybrid", "always:qdrant"],
    clips: [Number.POSITIVE_INFINITY, 20, 10, 5, 2],
  };
}
