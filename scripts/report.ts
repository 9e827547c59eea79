/**
 * `npm run report`: runs every notebook headless in full mode (LAB_QUICK=0). Each writes its
 * figures and data to results/; the last one, 08-performance-summary, measures the remaining
 * benchmarks, renders results/PERFORMANCE_SUMMARY.md from this run's JSON and checks every
 * number in it against its source. Shows which notebook is running and how long each took.
 */
import { runNotebooks } from "./run-notebooks.js";

const started = Date.now();
const failed = runNotebooks({ quick: process.env.LAB_QUICK === "1" });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (failed.length > 0) {
  console.error(
    `report: ${failed.length} notebook(s) failed; PERFORMANCE_SUMMARY.md was not regenerated`,
  );
  process.exit(1);
}
console.log(`report: results/PERFORMANCE_SUMMARY.md regenerated in ${minutes} min`);
