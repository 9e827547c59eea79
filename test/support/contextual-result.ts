import {
  type ContextualRoutingPlan,
  type ContextualRoutingResult,
  contextualRoutingPlan,
  runContextualRouting,
} from "../../src/studies/index.js";

/** Notebook 09's quick plan, shrunk to seconds: every part runs, on this thread. */
export function tinyContextualPlan(): ContextualRoutingPlan {
  const plan = contextualRoutingPlan({ quick: true });
  return {
    ...plan,
    contextual: { ...plan.contextual, rounds: 1500, reps: 2 },
    drift: { ...plan.drift, strategies: ["thompson", "sw-ucb", "oracle"], rounds: 1500, reps: 2 },
    adaptive: { ...plan.adaptive, rounds: 1500, reps: 2 },
    speed: { strategies: ["thompson", "adaptive-pattern"], runs: 1, timeMs: 20 },
    points: 20,
  };
}

/**
 * Runs the tiny plan.
 *
 * @param skipSpeed leave out the decision-speed measurement (wall-clock, not reproducible)
 */
export function tinyContextualResult(skipSpeed = false): Promise<ContextualRoutingResult> {
  return runContextualRouting({ plan: tinyContextualPlan(), seed: 7, workers: 0, skipSpeed });
}
