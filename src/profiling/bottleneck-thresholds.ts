/**
 * Every threshold the bottleneck rules use, in one place. Rules never hard-code a number:
 * pass `thresholds` to override any of these.
 */
export interface BottleneckThresholds {
  /** The quantile the latency SLO applies to: p(sloQuantile) ≤ SLO is the goal. */
  sloQuantile: number;
  /** Requests a series needs before a rule judges it (fewer: too noisy to call). */
  minSamples: number;
  /** A latency at or above this multiple of the SLO is critical (between 1× and it: warning). */
  criticalSloRatio: number;
  /** Pattern p99 / baseline p99 above this is tail amplification. */
  maxTailAmplification: number;
  /** The pattern whose tail is the baseline; falls back to all backend calls when absent. */
  baselinePattern: string;
  /** A cache hit rate below this is low; below half of it, critical. */
  minCacheHitRate: number;
  /** Busiest target's share / fair share above this is load imbalance. */
  maxPeakToFair: number;
  /** Routing time's share of total latency above this is overhead worth cutting. */
  maxRoutingShare: number;
  /** …and above this, critical. */
  criticalRoutingShare: number;
  /** Error rate above this fires. */
  maxErrorRate: number;
  /** Timeout rate above this fires. */
  maxTimeoutRate: number;
  /** A rate this many times its threshold is critical. */
  criticalRateFactor: number;
  /**
   * Rate rules (errors, timeouts, cache hits) fire only when the rate's Wilson interval at this
   * z lies wholly past the threshold, so a rate a hair over it by chance stays quiet.
   */
  rateConfidenceZ: number;
  /** Late windows' p95 / early windows' p95 above this is latency drift. */
  maxDriftRatio: number;
  /** Windows needed (each with `minWindowSamples` queries) to judge drift. */
  minWindows: number;
  minWindowSamples: number;
}

/**
 * The defaults, and why:
 * - `sloQuantile` 0.99: SLOs are usually stated on p99.
 * - `minSamples` 100: the p99 of fewer than 100 requests is the maximum, a single sample.
 * - `criticalSloRatio` 1.5: half again over the SLO is an outage-level breach, not noise.
 * - `maxTailAmplification` 1.5: a wait-for-all fan-out to k independent copies has the p99 of
 *   one call's 0.99^(1/k) quantile. On a lognormal tail, ratio = exp(σ·(z(0.99^(1/k)) − z(0.99))):
 *   k = 2 gives 1.13× (σ = 0.5) to 1.28× (σ = 1); k = 3 at σ = 1 gives 1.47×. So 1.5× flags
 *   fan-outs wider than three or tails heavier than lognormal σ = 1.
 * - `minCacheHitRate` 0.3: the old HoloLoom profiler's threshold, kept for comparability.
 * - `maxPeakToFair` 1.5: one backend taking 50 % more than its fair share.
 * - `maxRoutingShare` 0.05 / `criticalRoutingShare` 0.2: routing should be a rounding error
 *   of latency; a fifth of it means the router is the bottleneck.
 * - `maxErrorRate` / `maxTimeoutRate` 0.01, `criticalRateFactor` 5: 1 % is a common error
 *   budget; 5 % burns it five times over.
 * - `rateConfidenceZ` 1.96: 95 % two-sided Wilson interval, i.e. a 2.5 % chance per rule that
 *   a rate exactly at its threshold fires;
 * - `maxDriftRatio` 1.5, `minWindows` 6, `minWindowSamples` 30: a 50 % p95 rise between the
 *   first and last thirds of at least six windows, each large enough for a p95.
 */
export const DEFAULT_BOTTLENECK_THRESHOLDS: Readonly<BottleneckThresholds> = Object.freeze({
  sloQuantile: 0.99,
  minSamples: 100,
  criticalSloRatio: 1.5,
  maxTailAmplification: 1.5,
  baselinePattern: "feed-forward",
  minCacheHitRate: 0.3,
  maxPeakToFair: 1.5,
  maxRoutingShare: 0.05,
  criticalRoutingShare: 0.2,
  maxErrorRate: 0.01,
  maxTimeoutRate: 0.01,
  criticalRateFactor: 5,
  rateConfidenceZ: 1.96,
  maxDriftRatio: 1.5,
  minWindows: 6,
  minWindowSamples: 30,
});
