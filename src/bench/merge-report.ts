import type { BenchReport, SectionRun } from "./suite.js";

/**
 * Merges a bench run into a saved report: the run's sections are added or replace the saved
 * ones of the same id, every other saved section is kept as it was. Each section keeps the
 * commit, date and seed it was measured with in `sectionRuns`, so a merged file does not claim
 * that sections measured at different commits all come from the latest one.
 *
 * @param saved the report saved before (its sections without `sectionRuns` are dated by its
 *   `environment`), or undefined when none exists
 * @param run the report of the run just made
 * @param order section ids in the order the suite prints them (ids not in it go last)
 * @returns the merged report: the run's environment, elapsed time and seed; sections ordered
 * @example mergeBenchReports(JSON.parse(readFileSync("results/bench.json", "utf8")), report, ids)
 */
export function mergeBenchReports(
  saved: BenchReport | undefined,
  run: BenchReport,
  order: readonly string[],
): BenchReport {
  const runs: Record<string, SectionRun> = {};
  const sections: Record<string, unknown> = {};
  if (saved) {
    for (const [id, value] of Object.entries(saved.sections)) {
      sections[id] = value;
      runs[id] = saved.sectionRuns?.[id] ?? sectionRunOf(saved);
    }
  }
  for (const [id, value] of Object.entries(run.sections)) {
    sections[id] = value;
    runs[id] = run.sectionRuns?.[id] ?? sectionRunOf(run);
  }
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  const ids = Object.keys(sections).sort((a, b) => rank(a) - rank(b));
  return {
    environment: run.environment,
    settings: { ...run.settings, sections: ids },
    elapsedSeconds: run.elapsedSeconds,
    sections: Object.fromEntries(ids.map((id) => [id, sections[id]])),
    sectionRuns: Object.fromEntries(ids.map((id) => [id, runs[id]])),
  };
}

function sectionRunOf(report: BenchReport): SectionRun {
  return {
    commit: report.environment.commit,
    date: report.environment.date,
    quick: report.settings.quick,
    seed: report.settings.seed,
  };
}

/**
 * Whether a parsed JSON value has the shape of a {@link BenchReport} (what merging needs).
 *
 * @param value parsed JSON
 * @returns the reason it is not one, or undefined when it is
 */
export function benchReportProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "expected a JSON object";
  }
  const v = value as Partial<BenchReport>;
  if (typeof v.sections !== "object" || v.sections === null || Array.isArray(v.sections)) {
    return 'no "sections" object';
  }
  const env = v.environment as Partial<BenchReport["environment"]> | undefined;
  if (typeof env?.commit !== "string" || typeof env.date !== "string") {
    return 'no "environment" with commit and date';
  }
  if (typeof v.settings?.seed !== "number" || typeof v.settings.quick !== "boolean") {
    return 'no "settings" with quick and seed';
  }
  return undefined;
}
