import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { projectRoot } from "../../src/lab/index.js";
import { runProfilerStudy } from "../../src/studies/profiler-bottlenecks/index.js";

/** The committed results of the last full report run. */
export const COMMITTED_RESULTS = join(import.meta.dirname, "../../results");

/** The profiler study's results file, which changed shape with verified advice (version 2). */
export const PROFILER_FILE = "05-profiler-bottlenecks.json";

/** The committed results in the current shape, and which files had to be regenerated. */
export interface CommittedResults {
  dir: string;
  remove: () => void;
  /**
   * Files written by older code whose content cannot be upgraded by adding fields, re-run from
   * the inputs they record (so their numbers are this code's, not the committed ones). Empty
   * once the next full `npm run report` has rewritten `results/`.
   */
  regenerated: string[];
}

/**
 * The committed results files (`results/*.json`) in the current code's shape, copied into a
 * temp folder. They were written before the `Estimate` type gained `n` and `sd`: the
 * estimates of `02-strategy-comparison.json` lack `n`, those of `06-tuning-priors.json` lack
 * `sd`. This adds them: `n` is the file's `reps` (each estimate is over the repetitions, and
 * no repetition of these metrics is NaN), and `sd` is `null`, which reads back as NaN, i.e.
 * not recorded. The report prints neither, so a summary rendered from the copy shows the
 * committed numbers.
 *
 * `05-profiler-bottlenecks.json` of version 1 judged recommendations by single-run what-ifs;
 * version 2 carries verified advice (paired repetitions, Holm), which no field of version 1
 * holds. That file is re-run with the current study from the scenario, strategy, pattern,
 * rounds and seed it records, and the result must reproduce every committed field the two
 * versions share (run, backends, windows, findings), so only the advice is new; it is listed
 * in `regenerated`.
 *
 * A file already in the current shape is copied unchanged, so once the next full
 * `npm run report` has rewritten `results/`, this is a plain copy and can go.
 *
 * @returns the folder, a function that removes it, and the files regenerated
 * @throws {Error} when a regenerated file does not reproduce its committed shared fields
 */
export function committedResultsInCurrentShape(): CommittedResults {
  const dir = mkdtempSync(join(tmpdir(), "committed-results-"));
  const regenerated: string[] = [];
  for (const name of readdirSync(COMMITTED_RESULTS).filter((f) => f.endsWith(".json"))) {
    let data: unknown = JSON.parse(readFileSync(join(COMMITTED_RESULTS, name), "utf8"));
    if (name === PROFILER_FILE && isRecord(data) && data.version === 1) {
      data = regenerateProfilerStudy(data);
      regenerated.push(name);
    }
    const reps = isRecord(data) && typeof data.reps === "number" ? data.reps : undefined;
    writeFileSync(join(dir, name), `${JSON.stringify(upgrade(data, reps, name), null, 2)}\n`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }), regenerated };
}

/** The fields of the profiler study that versions 1 and 2 share. */
const SHARED_PROFILER_FIELDS = [
  "format",
  "scenario",
  "strategy",
  "pattern",
  "rounds",
  "seed",
  "slo",
  "run",
  "backends",
  "idleBackends",
  "windowMs",
  "windows",
  "findings",
] as const;

/** Re-runs a version-1 profiler study from its recorded inputs (see above). */
function regenerateProfilerStudy(old: Record<string, unknown>): unknown {
  const scenario = old.scenario;
  if (!isRecord(scenario) || typeof scenario.source !== "string")
    throw new Error(`${PROFILER_FILE}: no scenario.source to re-run from`);
  const fresh: unknown = JSON.parse(
    JSON.stringify(
      runProfilerStudy({
        scenario: join(projectRoot, scenario.source),
        strategy: String(old.strategy),
        pattern: String(old.pattern),
        rounds: Number(old.rounds),
        seed: Number(old.seed),
      }),
    ),
  );
  if (!isRecord(fresh)) throw new Error(`${PROFILER_FILE}: the study returned no object`);
  const differ = SHARED_PROFILER_FIELDS.filter((k) => !isDeepStrictEqual(fresh[k], old[k]));
  if (differ.length > 0) {
    throw new Error(
      `${PROFILER_FILE} is in the old format (version 1) and re-running it from its inputs does not reproduce its ${differ.join(", ")}: run \`npm run report\` to regenerate results/`,
    );
  }
  return fresh;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** An estimate written before `n` or `sd`: `{ mean, lo, hi }` plus at most one of them. */
function isOldEstimate(x: Record<string, unknown>): boolean {
  const keys = Object.keys(x);
  return (
    ["mean", "lo", "hi"].every((k) => k in x) &&
    keys.every((k) => ["mean", "lo", "hi", "sd", "n"].includes(k)) &&
    !("sd" in x && "n" in x)
  );
}

function upgrade(x: unknown, reps: number | undefined, file: string): unknown {
  if (Array.isArray(x)) return x.map((v) => upgrade(v, reps, file));
  if (!isRecord(x)) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = upgrade(v, reps, file);
  if (!isOldEstimate(x)) return out;
  if (!("n" in x)) {
    if (reps === undefined) throw new Error(`${file}: an estimate lacks n and the file no reps`);
    out.n = reps;
  }
  if (!("sd" in x)) out.sd = null;
  return out;
}
