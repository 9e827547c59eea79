import type { BenchReport } from "./suite.js";

/**
 * A saved bench report with some sections measured again: the new sections are added or
 * replace their old entries, the others are kept as they were. The environment and settings
 * become the new run's (the sections listed are all those in the merged report), because
 * they describe the machine the latest figures come from.
 *
 * @param saved the report on disk, or undefined when there is none
 * @param fresh the report of a `bench --only … --save` run
 * @returns the merged report
 * @example mergeBenchReport(JSON.parse(readFileSync("results/bench.json", "utf8")), report)
 */
export function mergeBenchReport(saved: BenchReport | undefined, fresh: BenchReport): BenchReport {
  if (saved === undefined) return fresh;
  const sections = { ...saved.sections, ...fresh.sections };
  return {
    ...fresh,
    settings: { ...fresh.settings, sections: Object.keys(sections) },
    sections,
  };
}
