import { textTable } from "../format/text-table.js";
import { type RunEnvironment, runEnvironment } from "../lab/environment.js";
import type { BenchContext, BenchSection } from "./section.js";

/** The JSON a benchmark run produces (`results/bench.json`). */
export interface BenchReport {
  environment: RunEnvironment;
  settings: { quick: boolean; seed: number; sections: string[] };
  /** Wall time of the whole run, s. */
  elapsedSeconds: number;
  /** One entry per section id. */
  sections: Record<string, unknown>;
  /**
   * When and how each section was measured, written when `bench --save` merges a run into a
   * saved report (its sections can come from different runs); absent: all from this run.
   */
  sectionRuns?: Record<string, SectionRun>;
}

/** The run one section of a merged {@link BenchReport} was measured in. */
export interface SectionRun {
  commit: string;
  date: string;
  quick: boolean;
  seed: number;
}

/**
 * Runs benchmark sections one after another (never concurrently: they would compete for the
 * two cores) and collects their results with the environment they were measured in.
 *
 * @param sections the sections to run, in order
 * @param context quick mode, seed and a progress logger
 * @returns the report and a readable text rendering
 */
export async function runBenchSuite(
  sections: readonly BenchSection[],
  context: BenchContext,
): Promise<{ report: BenchReport; text: string }> {
  const started = Date.now();
  const results: Record<string, unknown> = {};
  const texts: string[] = [];
  for (const section of sections) {
    const t0 = Date.now();
    context.log(`bench: ${section.title} ...`);
    const result = await section.run({ ...context, results });
    results[section.id] = result;
    context.log(`bench: ${section.title} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    texts.push(`## ${section.title}\n${textTable(section.table(result))}`);
  }
  const environment = runEnvironment();
  const elapsedSeconds = (Date.now() - started) / 1000;
  const header =
    `routing-lab bench — ${environment.cpu} (${environment.cores} cores), Node ${environment.node}, ` +
    `commit ${environment.commit}, ${environment.date}${context.quick ? ", quick mode" : ""}`;
  return {
    report: {
      environment,
      settings: { quick: context.quick, seed: context.seed, sections: sections.map((s) => s.id) },
      elapsedSeconds,
      sections: results,
    },
    text: [header, ...texts, `total ${elapsedSeconds.toFixed(1)} s`].join("\n\n"),
  };
}
