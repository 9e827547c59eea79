import fc from "fast-check";
import type { PatternSpec } from "../../src/patterns/index.js";

/** Arbitrary pattern specs: every pattern, with its options over their ranges. */
export const patternSpecs = fc.oneof(
  fc.constant<PatternSpec>({ name: "feed-forward" }),
  fc.record({
    name: fc.constant("recursive" as const),
    maxIterations: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    name: fc.constant("parallel" as const),
    fanout: fc.integer({ min: 1, max: 4 }),
    rule: fc.constantFrom("all" as const, "first-k" as const, "deadline" as const),
    k: fc.integer({ min: 1, max: 3 }),
    deadlineMs: fc.integer({ min: 1, max: 200 }),
    cancel: fc.boolean(),
  }),
  fc.record({ name: fc.constant("chain" as const), stages: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    name: fc.constant("hedged" as const),
    delay: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom("p50", "p90", "p99")),
    backup: fc.constantFrom("alternative" as const, "same" as const),
    cancel: fc.boolean(),
  }),
);
