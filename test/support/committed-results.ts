import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The committed results of the last full report run. */
export const COMMITTED_RESULTS = join(import.meta.dirname, "../../results");

/** The profiler study's results file. */
export const PROFILER_FILE = "05-profiler-bottlenecks.json";

/** A copy of the committed results, and which files had to be regenerated (none). */
export interface CommittedResults {
  dir: string;
  remove: () => void;
  /**
   * Files written by older code that had to be re-run to read them with this code. The full
   * `npm run report` of this commit wrote every file in the current shape, so this is empty;
   * a future change of a result's shape that cannot be read from older files lists them here.
   */
  regenerated: string[];
}

/**
 * The committed results files (`results/*.json`), copied into a temp folder so that tests
 * can render the summary from them without touching `results/`.
 *
 * @returns the folder, a function that removes it, and the files regenerated
 */
export function committedResultsInCurrentShape(): CommittedResults {
  const dir = mkdtempSync(join(tmpdir(), "committed-results-"));
  for (const name of readdirSync(COMMITTED_RESULTS).filter((f) => f.endsWith(".json"))) {
    copyFileSync(join(COMMITTED_RESULTS, name), join(dir, name));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }), regenerated: [] };
}
