/** Notebook 03, execution patterns: which patterns it measures, and how long. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import type { PatternInput } from "../../patterns/spec.js";

/** One execution pattern to measure. */
export interface PatternCase {
  /** Key in the result, e.g. `hedged-p95`. */
  id: string;
  /** For figures and tables, e.g. `hedged after p95`. */
  label: string;
  pattern: PatternInput;
}

/**
 * The patterns notebook 03 compares. Fan-out goes to every available backend (five in the
 * default scenario). The first-k and deadline variants cancel their stragglers, as a client
 * that no longer needs an answer would; the cancelled requests still count as calls.
 */
export const PATTERN_CASES: readonly PatternCase[] = Object.freeze([
  { id: "feed-forward", label: "feed-forward", pattern: "feed-forward" },
  { id: "recursive", label: "recursive (≤ 3 tries)", pattern: "recursive" },
  { id: "parallel-all", label: "parallel, wait for all", pattern: "parallel:rule=all" },
  {
    id: "parallel-first-k",
    label: "parallel, first answer",
    pattern: "parallel:rule=first-k,k=1,cancel=true",
  },
  {
    id: "parallel-deadline",
    label: "parallel, SLO deadline",
    pattern: "parallel:rule=deadline,cancel=true",
  },
  { id: "chain", label: "chain (2 stages)", pattern: "chain" },
  { id: "hedged-p95", label: "hedged after p95", pattern: "hedged:delay=p95" },
  { id: "hedged-tied", label: "tied (hedge at 0, cancel)", pattern: "hedged:delay=0,cancel=true" },
]);

/** What notebook 03 runs. */
export interface ExecutionPatternsPlan {
  /** The scenario file. */
  scenario: string;
  strategy: string;
  cases: PatternCase[];
  /** Queries per repetition. */
  rounds: number;
  /** Repetitions per pattern (worker-thread tasks; their sketches are pooled). */
  reps: number;
  /** Worker threads; 0 runs on the notebook's thread, undefined lets the runner choose. */
  workers?: number;
}

/**
 * The notebook's workload. Full mode pools 4 × 50,000 queries per pattern, so its p99.9
 * rests on 200 queries beyond it; 8 patterns (fan-out ones make 5 calls per query) take
 * about 20 s on 2 busy cores. Quick mode pools 2 × 10,000 (20 beyond the p99.9) and runs
 * them on the notebook's thread: for runs this short, starting a pool per pattern and warming
 * up each fresh thread's JIT cost more than the threads save (measured: 2.3 s in-thread
 * against 8.9 s with two workers for the 8 patterns).
 *
 * @param settings `quick` from `labSettings()`
 * @returns the scenario, router, patterns, rounds and repetitions
 * @example const plan = executionPatternsPlan(labSettings());
 */
export function executionPatternsPlan(settings: { quick: boolean }): ExecutionPatternsPlan {
  return {
    scenario: join(projectRoot, "data", "scenarios", "default.json"),
    strategy: "thompson",
    cases: PATTERN_CASES.map((c) => ({ ...c })),
    rounds: settings.quick ? 10_000 : 50_000,
    reps: settings.quick ? 2 : 4,
    workers: settings.quick ? 0 : undefined,
  };
}

/** q from 0.001 to 0.999: every percent, denser in the far tail for the percentile plot. */
export const QUANTILE_GRID: readonly number[] = Object.freeze([
  0.001,
  0.005,
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.991,
  0.992,
  0.993,
  0.994,
  0.995,
  0.996,
  0.997,
  0.998,
  0.999,
]);
