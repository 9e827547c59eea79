/** Notebook 09, contextual routing: what it runs, and how long. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import { LEARNING_STRATEGIES } from "../../routing/registry.js";

/** Per-type learners, then the learners that read the query's words, then the oracle. */
export const CONTEXTUAL_STRATEGIES: readonly string[] = Object.freeze([
  "thompson",
  "ucb1",
  "linucb",
  "linear-thompson",
  "oracle",
]);

/** Stationary bandits, then those built for change (and Exp3 for adversaries), then the oracle. */
export const DRIFT_STRATEGIES: readonly string[] = Object.freeze([
  "thompson",
  "ucb1",
  "kl-ucb",
  "sw-ucb",
  "d-ucb",
  "exp3",
  "oracle",
]);

/** Every policy whose decision speed the notebook measures. */
export const TIMED_POLICIES: readonly string[] = Object.freeze([
  "rule-based",
  ...LEARNING_STRATEGIES,
  "adaptive-pattern",
]);

/** What notebook 09 runs. */
export interface ContextualRoutingPlan {
  contextual: { scenario: string; strategies: string[]; rounds: number; reps: number };
  drift: { scenario: string; strategies: string[]; rounds: number; reps: number };
  adaptive: { scenarios: string[]; rounds: number; reps: number; callCost: number };
  speed: { strategies: string[]; runs: number; timeMs: number };
  /** Curve points kept. */
  points: number;
}

/**
 * The notebook's workload. At 200 queries/s, 20,000 queries cover 100 s of virtual time: the
 * drift scenario's changes (20–30 s, 30 s) and the degraded scenario's incident (10–60 s) fall
 * well inside. Quick mode keeps every strategy with 3 repetitions (a t interval) on shorter
 * runs, still past the drift and into the incident.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the plan
 * @example const plan = contextualRoutingPlan(lab.labSettings());
 */
export function contextualRoutingPlan(settings: { quick: boolean }): ContextualRoutingPlan {
  const q = settings.quick;
  const scenario = (name: string) => join(projectRoot, "data", "scenarios", `${name}.json`);
  return {
    contextual: {
      scenario: scenario("contextual"),
      strategies: [...CONTEXTUAL_STRATEGIES],
      rounds: q ? 4000 : 20_000,
      reps: q ? 3 : 8,
    },
    drift: {
      scenario: scenario("drift"),
      strategies: [...DRIFT_STRATEGIES],
      rounds: q ? 10_000 : 20_000,
      reps: q ? 3 : 8,
    },
    adaptive: {
      scenarios: [scenario("default"), scenario("degraded")],
      rounds: q ? 10_000 : 20_000,
      reps: q ? 3 : 5,
      callCost: 0.05,
    },
    speed: { strategies: [...TIMED_POLICIES], runs: q ? 3 : 5, timeMs: q ? 100 : 300 },
    points: 100,
  };
}
