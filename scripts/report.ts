/**
 * `npm run report`: runs every notebook headless in full mode (LAB_QUICK=0). Each writes its
 * figures and data to results/ (LAB_WRITE_RESULTS=1: only the report writes the committed
 * results); the last one, 08-performance-summary, measures the remaining benchmarks, renders
 * results/PERFORMANCE_SUMMARY.md from this run's JSON and checks every number in it against its
 * source. Shows which notebook is running and how long each took. First it says which commit
 * the results it is about to replace came from and whether src/ changed since; at the end it
 * records this run's commit in results/ORIGIN.json.
 */
import { labSettings } from "../src/lab/settings.js";
import { describeResultsOrigin, writeResultsOrigin } from "../src/report/results-origin.js";
import { root } from "./jupyter-env.js";
import { runNotebooks } from "./run-notebooks.js";

const quick = process.env.LAB_QUICK === "1";
const { resultsDir } = labSettings({ ...process.env, LAB_WRITE_RESULTS: "1" });
console.log(`report: before this run, ${describeResultsOrigin(resultsDir, { root })}`);
const started = Date.now();
const failed = runNotebooks({ quick, writeResults: true });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (failed.length > 0) {
  console.error(
    `report: ${failed.length} notebook(s) failed; PERFORMANCE_SUMMARY.md was not regenerated`,
  );
  process.exit(1);
}
const origin = writeResultsOrigin(resultsDir, { root });
console.log(
  `report: ${resultsDir}/PERFORMANCE_SUMMARY.md regenerated in ${minutes} min from commit ${origin.commit.slice(0, 7)}${origin.srcDirty ? " with uncommitted changes to src/" : ""}`,
);
