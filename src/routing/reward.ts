import { RoutingInputError } from "./errors.js";
import type { Outcome, SuccessRule } from "./types.js";

/** The old system's success rule: relevance above a threshold and latency under an SLO. */
export interface ThresholdSuccess {
  /** Success needs relevance strictly above this; default 0.7. */
  relevanceThreshold?: number;
  /** Success needs latency strictly below this, in ms; default 2000. */
  latencySloMs?: number;
}

/** How a router decides success: thresholds, or any function of relevance and latency. */
export type SuccessOption = ThresholdSuccess | SuccessRule;

/**
 * What a bandit learns from an outcome, as a reward in [0, 1]:
 * - `success`: 1 for a success (the outcome's own `success`, else the success rule), else 0;
 *   with the default rule that is "relevant and under the latency SLO";
 * - `relevance-latency`: relevance − λ·latencyMs, clamped to [0, 1], so slow answers cost
 *   reward in proportion to their latency.
 */
export type RewardOption = { kind: "success" } | { kind: "relevance-latency"; lambda: number };

/** The old system's thresholds: relevance > 0.7 and latency < 2000 ms. */
export const DEFAULT_SUCCESS: Required<ThresholdSuccess> = {
  relevanceThreshold: 0.7,
  latencySloMs: 2000,
};

/**
 * Builds a success rule from an option.
 *
 * @param option thresholds (defaults: 0.7 and 2000 ms) or a function
 * @returns the rule
 * @throws {RoutingInputError} when a threshold is not a finite number
 * @example successRule({ latencySloMs: 500 })({ relevance: 0.9, latencyMs: 120 }) // true
 */
export function successRule(option: SuccessOption = {}): SuccessRule {
  if (typeof option === "function") return option;
  const threshold = option.relevanceThreshold ?? DEFAULT_SUCCESS.relevanceThreshold;
  const slo = option.latencySloMs ?? DEFAULT_SUCCESS.latencySloMs;
  if (!Number.isFinite(threshold)) {
    throw new RoutingInputError("success.relevanceThreshold", `must be a number, got ${threshold}`);
  }
  if (!(slo > 0)) {
    throw new RoutingInputError("success.latencySloMs", `must be a positive number, got ${slo}`);
  }
  return (o) => o.relevance > threshold && o.latencyMs < slo;
}

/** Maps an outcome to a reward in [0, 1]. */
export type RewardFunction = (outcome: Outcome) => number;

/**
 * Builds the reward function a bandit learns from.
 *
 * @param reward which reward (default `success`)
 * @param success the success rule for the `success` reward
 * @returns a function from a validated outcome to [0, 1]
 * @throws {RoutingInputError} when λ is negative or not finite
 */
export function rewardFunction(
  reward: RewardOption = { kind: "success" },
  success: SuccessRule = successRule(),
): RewardFunction {
  if (reward.kind === "success") {
    return (o) => ((o.success ?? success(o)) ? 1 : 0);
  }
  if (reward.kind === "relevance-latency") {
    const lambda = reward.lambda;
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RoutingInputError("reward.lambda", `must be a finite number ≥ 0, got ${lambda}`);
    }
    return (o) => {
      const r = o.relevance - lambda * o.latencyMs;
      return Math.min(Math.max(r, 0), 1);
    };
  }
  throw new RoutingInputError(
    "reward.kind",
    `must be "success" or "relevance-latency", got ${JSON.stringify((reward as { kind: unknown }).kind)}`,
  );
}

/**
 * Checks an outcome before a router learns from it, naming the bad field.
 *
 * @param outcome the outcome to check
 * @throws {RoutingInputError} on a missing decision, NaN/negative/above-1 relevance, NaN or
 *   negative latency, or feedback outside [-1, 1]
 */
export function validateOutcome(outcome: Outcome): void {
  const { relevance, latencyMs } = outcome;
  // One combined test on the hot path; the detailed checks run only when it fails.
  if (
    relevance >= 0 &&
    relevance <= 1 &&
    latencyMs >= 0 &&
    latencyMs < Number.POSITIVE_INFINITY &&
    outcome.decision !== undefined &&
    outcome.decision !== null &&
    (outcome.feedback === undefined || (outcome.feedback >= -1 && outcome.feedback <= 1))
  ) {
    return;
  }
  if (outcome.decision === undefined || outcome.decision === null) {
    throw new RoutingInputError("outcome.decision", "is required");
  }
  if (!(relevance >= 0 && relevance <= 1)) {
    throw new RoutingInputError(
      "outcome.relevance",
      `must be a number in [0, 1], got ${relevance}`,
    );
  }
  if (!(latencyMs >= 0 && latencyMs < Number.POSITIVE_INFINITY)) {
    throw new RoutingInputError(
      "outcome.latencyMs",
      `must be a finite number ≥ 0, got ${latencyMs}`,
    );
  }
  throw new RoutingInputError(
    "outcome.feedback",
    `must be a number in [-1, 1], got ${outcome.feedback}`,
  );
}
