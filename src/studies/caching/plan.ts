/** Notebook 11, caching and batching: the runs it makes and the sizes it measures. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import type { CachePolicy } from "../../sim/scenario/spec.js";

/** What the study runs. */
export interface CachingStudyPlan {
  /** The cached scenario; its variants (policy, capacity, no cache) are built in code. */
  scenarioFile: string;
  /** The router of every run. */
  strategy: string;
  /** Queries per run. */
  rounds: number;
  /** Repetitions per configuration (seeds from `seed`, repetitions 0, 1, …). */
  reps: number;
  seed: number;
  /** Policies compared at every capacity. */
  policies: CachePolicy[];
  /** Cache capacities, entries. */
  capacities: number[];
  /** `ttlMs` of the `ttl-lru` variant. */
  ttlMs: number;
  /** Batch routing, when no bench result is passed in: measured with the bench's function at these sizes. */
  batch: { strategies: string[]; batchSizes: number[]; runs: number; timeMs: number };
}

/**
 * The study's sizes: 200,000 queries × 3 repetitions per configuration (quick: 40,000 × 2),
 * capacities from 1 % to 40 % of the 10,000-query catalogue (quick: four of them), and batch
 * routing measured at sizes 1–10,000 (quick: 1, 100, 10,000, shorter timings).
 *
 * @param settings `quick` and `seed` from `labSettings()`
 * @returns the plan
 * @example const plan = cachingStudyPlan(labSettings())
 */
export function cachingStudyPlan(settings: { quick: boolean; seed?: number }): CachingStudyPlan {
  const quick = settings.quick;
  return {
    scenarioFile: join(projectRoot, "data", "scenarios", "cached.json"),
    strategy: "thompson",
    rounds: quick ? 40_000 : 100_000,
    reps: quick ? 2 : 3,
    seed: settings.seed ?? 42,
    policies: ["lru", "lfu", "fifo", "ttl-lru"],
    capacities: quick ? [100, 500, 1_000, 4_000] : [100, 300, 1_000, 2_000, 4_000],
    ttlMs: 30_000,
    batch: quick
      ? {
          strategies: ["rule-based", "thompson"],
          batchSizes: [1, 100, 10_000],
          runs: 3,
          timeMs: 60,
        }
      : {
          strategies: ["rule-based", "thompson", "linucb"],
          batchSizes: [1, 10, 100, 1_000, 10_000],
          // Medians of 3 runs of 100 ms: the ratios sit near 1× with a few % of spread, and
          // the full report stays within minutes on a shared 2-core host.
          runs: 3,
          timeMs: 100,
        },
  };
}
