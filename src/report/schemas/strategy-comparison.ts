/** Schema of `02-strategy-comparison.json` ({@link StrategyComparisonResult}, notebook 02). */
import { z } from "zod";
import type { StrategyComparisonResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { bandSeriesSchema, estimateSchema } from "./shared.js";

const strategySummary = z.object({
  regret: estimateSchema,
  regretVsBaseline: estimateSchema,
  successRate: estimateSchema,
  sloAttainment: estimateSchema,
  bestBackendRate: estimateSchema,
  latency: z.object({ p50: jsonNumber, p95: jsonNumber, p99: jsonNumber }),
  callsPerQuery: jsonNumber,
  trafficShare: z.record(z.string(), jsonNumber),
  wallMs: jsonNumber,
});

const queryTypeStrategy = z.object({
  queries: jsonNumber,
  sloAttainment: estimateSchema,
  meanRelevance: jsonNumber,
  p50: jsonNumber,
  p95: jsonNumber,
  p99: jsonNumber,
});

const queryTypeSummary = z.object({
  share: jsonNumber,
  bestBackend: z.string(),
  bestExpectedReward: jsonNumber,
  expectedReward: z.record(z.string(), jsonNumber),
  strategies: z.record(z.string(), queryTypeStrategy),
});

/** `02-strategy-comparison.json`: every strategy's regret and SLO figures over repetitions. */
export const strategyComparisonSchema = z.object({
  format: z.literal("routing-lab/strategy-comparison"),
  version: z.literal(1),
  scenario: z.object({ name: z.string(), source: z.string() }),
  pattern: z.string(),
  rounds: z.number(),
  reps: z.number(),
  seed: z.number(),
  slo: z.object({ latencyMs: jsonNumber, minRelevance: jsonNumber }),
  simulatedMs: jsonNumber,
  baseline: z.string(),
  order: z.array(z.string()),
  ranking: z.array(z.string()),
  strategies: z.record(z.string(), strategySummary),
  queryTypes: z.record(z.string(), queryTypeSummary),
  curves: z.object({
    queries: z.array(jsonNumber),
    regret: z.record(z.string(), bandSeriesSchema),
    bestBackendRate: z.record(z.string(), bandSeriesSchema),
  }),
  wallMs: jsonNumber,
});
export type _StrategyComparisonToType = Assignable<
  z.output<typeof strategyComparisonSchema>,
  StrategyComparisonResult
>;
export type _StrategyComparisonFromType = Assignable<
  StrategyComparisonResult,
  z.output<typeof strategyComparisonSchema>
>;
