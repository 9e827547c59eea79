/**
 * The old Python system's published benchmark figures (HoloLoom memory routing), as stated in
 * its documentation: one Windows machine, Python, a 1 ms timer. They are facts about that
 * system, shown beside this lab's measurements as ratios, never as like-for-like results:
 * another machine, another language, another timer.
 */
export const OLD_SYSTEM = {
  note: "published by the old Python system; measured on another machine, in another language, with a 1 ms timer",
  decisions: {
    /** Rule-based decisions/s (1,000 queries); mean 0.02 ms; P50 0.00, P95 0.00, P99 1.00 ms. */
    ruleBasedPerSecond: 41_670,
    /** Rule-based decisions/s in the rule-based-vs-learned benchmark. */
    ruleBasedInComparisonPerSecond: 49_998,
    /** Thompson-sampling decisions/s; mean 0.05 ms. */
    thompsonPerSecond: 19_995,
    /** Learned over rule-based cost, 49,998 / 19,995. */
    learnedOverhead: 49_998 / 19_995,
    ruleBasedPercentilesMs: { p50: 0, p95: 0, p99: 1 },
  },
  /** Latency of the mock backend the pattern figures were measured on, ms. */
  mockBackendMs: 10,
  /** Mean latency per pattern on that mock backend, ms. */
  patternsMeanMs: { "feed-forward": 15.35, recursive: 15.36, parallel: 15.69 },
  parallelP99Ms: 24,
  /** Largest scale measured (queries); "linear to 10K" was claimed, not measured. */
  scaleMaxQueries: 1_000,
  /** Samples kept per profiler series. */
  profilerWindow: 1_000,
} as const;
