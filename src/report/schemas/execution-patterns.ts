/** Schema of `03-execution-patterns.json` ({@link ExecutionPatternsResult}, notebook 03). */
import { z } from "zod";
import type { ExecutionPatternsResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";

const patternSummary = z.object({
  label: z.string(),
  pattern: z.string(),
  mean: jsonNumber,
  p50: jsonNumber,
  p90: jsonNumber,
  p95: jsonNumber,
  p99: jsonNumber,
  p999: jsonNumber,
  meanRelevance: jsonNumber,
  successRate: jsonNumber,
  sloAttainment: jsonNumber,
  callsPerQuery: jsonNumber,
  cancelledPerQuery: jsonNumber,
  wallMs: jsonNumber,
});

const beforeAfter = z.object({ baseline: jsonNumber, hedged: jsonNumber });

const hedgingCheck = z.object({
  pattern: z.string(),
  baseline: z.string(),
  quantile: jsonNumber,
  predictedExtraCalls: jsonNumber,
  measuredExtraCalls: jsonNumber,
  standardError: jsonNumber,
  p99: beforeAfter,
  p999: beforeAfter,
  p99Reduction: jsonNumber,
});

const fanOutCheck = z.object({
  pattern: z.string(),
  thresholdMs: jsonNumber,
  fanout: z.number(),
  backendSlowFraction: z.record(z.string(), jsonNumber),
  predicted: jsonNumber,
  measuredBackendSlowFraction: z.record(z.string(), jsonNumber),
  predictedFromBackends: jsonNumber,
  measured: jsonNumber,
  standardError: jsonNumber,
  baselineSlowFraction: jsonNumber,
});

/** `03-execution-patterns.json`: latency, quality and load per execution pattern. */
export const executionPatternsSchema = z.object({
  format: z.literal("routing-lab/execution-patterns"),
  version: z.literal(1),
  scenario: z.object({ name: z.string(), source: z.string() }),
  strategy: z.string(),
  rounds: z.number(),
  reps: z.number(),
  seed: z.number(),
  slo: z.object({ latencyMs: jsonNumber, minRelevance: jsonNumber }),
  order: z.array(z.string()),
  patterns: z.record(z.string(), patternSummary),
  tailAtScale: z.object({ hedging: hedgingCheck.nullable(), fanOut: fanOutCheck.nullable() }),
  quantiles: z.object({
    q: z.array(jsonNumber),
    ms: z.record(z.string(), z.array(jsonNumber)),
  }),
  wallMs: jsonNumber,
});
export type _ExecutionPatternsToType = Assignable<
  z.output<typeof executionPatternsSchema>,
  ExecutionPatternsResult
>;
export type _ExecutionPatternsFromType = Assignable<
  ExecutionPatternsResult,
  z.output<typeof executionPatternsSchema>
>;
