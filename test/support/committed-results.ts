import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The committed results of the last full report run. */
export const COMMITTED_RESULTS = join(import.meta.dirname, "../../results");

/**
 * The committed results files (`results/*.json`) in the current code's shape, copied into a
 * temp folder. They were written before the `Estimate` type gained `n` and `sd`: the
 * estimates of `02-strategy-comparison.json` lack `n`, those of `06-tuning-priors.json` lack
 * `sd`. This adds them: `n` is the file's `reps` (each estimate is over the repetitions, and
 * no repetition of these metrics is NaN), and `sd` is `null`, which reads back as NaN, i.e.
 * not recorded. The report prints neither, so a summary rendered from the copy shows the
 * committed numbers. A file already in the current shape is copied unchanged, so once the
 * next full `npm run report` has rewritten `results/`, this is a plain copy and can go.
 *
 * @returns the folder and a function that removes it
 */
export function committedResultsInCurrentShape(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "committed-results-"));
  for (const name of readdirSync(COMMITTED_RESULTS).filter((f) => f.endsWith(".json"))) {
    const data: unknown = JSON.parse(readFileSync(join(COMMITTED_RESULTS, name), "utf8"));
    const reps = isRecord(data) && typeof data.reps === "number" ? data.reps : undefined;
    writeFileSync(join(dir, name), `${JSON.stringify(upgrade(data, reps, name), null, 2)}\n`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
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
