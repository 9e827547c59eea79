import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { priorResolver } from "../routing/priors.js";
import { parseSavedParams, SAVED_FORMAT, type SavedParams } from "../routing/saved-params.js";
import type { PriorSweepReport } from "./run-sweep.js";
import { banditPriorsFile } from "./tuned-params.js";

/** The tuned `thompson` options with where they came from. */
export interface TunedPriorsFile {
  format: "routing-lab/thompson-options";
  version: 1;
  strategy: "thompson";
  /** Pass to `createRouter("thompson", { ...options, rng })` or `new ThompsonRouter(options)`. */
  options: PriorSweepReport["leader"]["options"];
  backends: string[];
  queryTypes: string[];
  tunedOn: {
    scenario: string;
    grid: string;
    cell: string;
    reps: number;
    rounds: number;
    seed: number;
    pattern: string;
    sloAttainment: PriorSweepReport["summary"]["best"]["sloAttainment"];
    regret: PriorSweepReport["summary"]["best"]["regret"];
    successRate: PriorSweepReport["summary"]["best"]["successRate"];
    pBest: number;
    /** Always `advised`: nothing else is exported. */
    verdict: "advised";
    /** SLO attainment against Beta(1, 1) without forgetting (Holm-corrected, paired). */
    effect: PriorSweepReport["effect"];
  };
}

/** What {@link exportPriors} did. */
export type PriorsExport =
  | { exported: true; priorsPath: string; paramsPath: string }
  | {
      exported: false;
      /** Why nothing was exported, for the user. */
      reason: string;
      /** Files of an earlier export in the folder, removed so they are not taken for advice. */
      removed: string[];
    };

/** The advised setting, or a RangeError saying why there is none. */
function advised(report: PriorSweepReport): NonNullable<PriorSweepReport["recommended"]> {
  if (report.recommended === null) {
    throw new RangeError(`the sweep advised no setting (${report.verdict})`);
  }
  return report.recommended;
}

/**
 * The tuned priors as bandit parameters in the routing library's save format
 * (`routing-lab/bandit`), for `router.load(...)`; `tune-priors` used to write this as
 * `bandit-params.json` and now writes readable α and β ({@link banditPriorsFile}); `--params`
 * reads both. a Thompson router with the default Beta(1, 1) prior that `load`s them
 * starts from exactly the tuned priors, since its posterior is Beta(1 + successes,
 * 1 + failures) with successes = α − 1 and failures = β − 1 (negative when α or β < 1, which
 * the format allows). No outcomes are claimed (`outcomes: 0`).
 *
 * @param report a finished sweep whose verdict is `advised`
 * @returns parameters that `ThompsonRouter.load` accepts
 * @throws {RangeError} when the sweep advised no setting
 */
export function tunedBanditParams(report: PriorSweepReport): SavedParams {
  const prior = priorResolver(advised(report).options.priors);
  const types: SavedParams["types"] = {};
  for (const t of report.queryTypes) {
    types[t] = {
      successes: report.backends.map((b) => prior(t, b).alpha - 1),
      failures: report.backends.map((b) => prior(t, b).beta - 1),
      outcomes: 0,
    };
  }
  const params: SavedParams = {
    format: SAVED_FORMAT,
    version: 1,
    strategy: "thompson",
    backends: report.backends.slice(),
    queryTypes: report.queryTypes.slice(),
    types,
  };
  // Validate with the routing library's own schema, so the file is one `load` accepts.
  parseSavedParams(params, "tuned priors");
  return params;
}

/**
 * Writes the sweep's advised setting, atomically, into `dir`:
 * - `priors.json`: the advised cell's `thompson` options (priors, discount or window) and its
 *   figures — construct the router with these; it is the exact setting that was swept;
 * - `bandit-params.json` (`routing-lab/bandit-priors`): the same priors written out as α and β
 *   for every query type and backend, with the forgetting — readable, and what
 *   `simulate --params` and `profile --params` load (as they do `priors.json`).
 *
 * Only advice is exported: when no setting was shown better than Beta(1, 1) without
 * forgetting (verdict `not-shown-better` or `no-baseline`), nothing is written, and the files
 * of an earlier export in `dir` are removed, so no file there reads as advice the sweep did
 * not confirm. The leader's options stay in the report (`leader`).
 *
 * @param report a finished sweep
 * @param dir the folder to write to
 * @returns the two paths, or why nothing was exported and what was removed
 * @example const out = exportPriors(report, dir); if (!out.exported) console.error(out.reason);
 */
export function exportPriors(report: PriorSweepReport, dir: string): PriorsExport {
  const priorsPath = join(dir, "priors.json");
  const paramsPath = join(dir, "bandit-params.json");
  if (report.recommended === null) {
    const removed = [priorsPath, paramsPath].filter((p) => existsSync(p));
    for (const p of removed) rmSync(p);
    return {
      exported: false,
      reason: `priors not exported: ${report.summary.advice.reason}`,
      removed,
    };
  }
  const best = report.summary.cells.find((c) => c.id === report.recommended?.id)!;
  const file: TunedPriorsFile = {
    format: "routing-lab/thompson-options",
    version: 1,
    strategy: "thompson",
    options: report.recommended.options,
    backends: report.backends,
    queryTypes: report.queryTypes,
    tunedOn: {
      scenario: report.scenario,
      grid: report.grid,
      cell: report.recommended.id,
      reps: report.reps,
      rounds: report.rounds,
      seed: report.seed,
      pattern: report.pattern,
      sloAttainment: best.sloAttainment,
      regret: best.regret,
      successRate: best.successRate,
      pBest: best.pBest,
      verdict: "advised",
      effect: report.effect,
    },
  };
  writeJsonAtomic(
    paramsPath,
    banditPriorsFile(report.recommended.options, report.backends, report.queryTypes),
  );
  writeJsonAtomic(priorsPath, file);
  return { exported: true, priorsPath, paramsPath };
}
