import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** How a notebook or script run is configured; read from the environment by {@link labSettings}. */
export interface LabSettings {
  /** `LAB_QUICK=1`: shrink workloads so every notebook runs in seconds (tests). */
  quick: boolean;
  /** `LAB_SEED`: the root seed of every random stream in the run (default 42). */
  seed: number;
  /**
   * Where results go: `LAB_RESULTS` when set; else `.cache/quick-results/` in quick mode;
   * else the committed `results/` only with `LAB_WRITE_RESULTS=1` (which `npm run report`
   * sets), and `.cache/results/` otherwise, so neither tests nor an interactive notebook
   * session overwrite the committed report.
   */
  resultsDir: string;
  /** `resultsDir/figures`. */
  figuresDir: string;
  /** `LAB_REDIS_URL`: a Redis for notebook sections that can send runs through the job queue. */
  redisUrl?: string;
}

/** The project root: two levels above this file in both `src/lab/` and `dist/lab/`. */
export const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * Reads the run's settings from the environment.
 *
 * @param env the environment to read (default `process.env`)
 * @returns the settings
 * @throws {Error} when `LAB_SEED` is not an integer
 * @example labSettings({ LAB_QUICK: "1" }).resultsDir // "<root>/.cache/quick-results"
 */
export function labSettings(env: NodeJS.ProcessEnv = process.env): LabSettings {
  const quick = env.LAB_QUICK === "1";
  const seedText = env.LAB_SEED ?? "42";
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`LAB_SEED must be an integer, got "${seedText}"`);
  const resultsDir = resolve(env.LAB_RESULTS ?? join(projectRoot, defaultResultsFolder(env)));
  const redisUrl = env.LAB_REDIS_URL === "" ? undefined : env.LAB_REDIS_URL;
  return {
    quick,
    seed,
    resultsDir,
    figuresDir: join(resultsDir, "figures"),
    ...(redisUrl === undefined ? {} : { redisUrl }),
  };
}

/** The results folder, relative to the project root, when `LAB_RESULTS` is not set. */
function defaultResultsFolder(env: NodeJS.ProcessEnv): string {
  if (env.LAB_QUICK === "1") return ".cache/quick-results";
  return env.LAB_WRITE_RESULTS === "1" ? "results" : ".cache/results";
}
