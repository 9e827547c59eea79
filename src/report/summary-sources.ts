import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResultSource } from "./document.js";

/** The results files the performance summary is built from, by role. */
export const SUMMARY_FILES = {
  decisions: "01-routing-decisions.json",
  strategies: "02-strategy-comparison.json",
  patterns: "03-execution-patterns.json",
  scaling: "04-scaling.json",
  profiler: "05-profiler-bottlenecks.json",
  priors: "06-tuning-priors.json",
  calibration: "07-calibration.json",
  bench: "08-bench.json",
} as const;

/** One loaded results file per role. */
export type SummarySources = { [K in keyof typeof SUMMARY_FILES]: ResultSource };

/**
 * Reads every results file the summary needs from a results folder (the run's own, passed in:
 * the library never assumes `results/`).
 *
 * @param resultsDir the folder the notebooks wrote to
 * @returns the parsed files
 * @throws {Error} naming the missing or malformed file
 */
export function readSummarySources(resultsDir: string): SummarySources {
  const out: Partial<Record<keyof typeof SUMMARY_FILES, ResultSource>> = {};
  for (const [role, name] of Object.entries(SUMMARY_FILES) as [
    keyof typeof SUMMARY_FILES,
    string,
  ][]) {
    const path = join(resultsDir, name);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      throw new Error(`${path}: missing; run the notebook that writes it first`);
    }
    try {
      out[role] = { name, data: JSON.parse(text) as unknown };
    } catch (err) {
      throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
    }
  }
  return out as SummarySources;
}
