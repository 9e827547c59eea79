/** Schema of `09-contextual-routing.json` ({@link ContextualRoutingResult}, notebook 09). */
import { z } from "zod";
import type { ContextualRoutingResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { bandSeriesSchema, estimateSchema } from "./shared.js";

const scenario = z.object({ name: z.string(), source: z.string() });

const learnerSummary = z.object({
  regret: estimateSchema,
  staticRegret: estimateSchema,
  lastQuarterRegretPerQuery: estimateSchema,
  sloAttainment: estimateSchema,
  bestBackendRate: estimateSchema,
});

const learnerComparison = z.object({
  scenario,
  rounds: z.number(),
  reps: z.number(),
  order: z.array(z.string()),
  strategies: z.record(z.string(), learnerSummary),
  curves: z.object({
    queries: z.array(jsonNumber),
    regret: z.record(z.string(), bandSeriesSchema),
  }),
});

const adaptiveScenario = z.object({
  scenario,
  rounds: z.number(),
  reps: z.number(),
  callCost: jsonNumber,
  strategies: z.record(
    z.string(),
    z.object({
      sloAttainment: estimateSchema,
      callsPerQuery: estimateSchema,
      oracleSloAttainment: estimateSchema,
    }),
  ),
  types: z.array(
    z.object({
      type: z.string(),
      learned: z.string(),
      agreeing: z.number(),
      patterns: z.array(
        z.object({ pattern: z.string(), pickShare: jsonNumber, posteriorMean: jsonNumber }),
      ),
    }),
  ),
});

/** `09-contextual-routing.json`: contextual and non-stationary learners, adaptive patterns, decision speed. */
export const contextualRoutingSchema = z.object({
  format: z.literal("routing-lab/contextual-routing"),
  version: z.literal(1),
  seed: z.number(),
  contextual: learnerComparison.extend({ perTypeFloor: jsonNumber }),
  drift: learnerComparison,
  adaptive: z.array(adaptiveScenario),
  decisionSpeed: z.object({
    batchSize: z.number(),
    loadAverage: jsonNumber,
    rows: z.array(
      z.object({
        strategy: z.string(),
        decisionsPerSecond: jsonNumber,
        decisionsPerCpuSecond: jsonNumber,
        perDecisionNs: jsonNumber,
      }),
    ),
  }),
  wallMs: jsonNumber,
});
export type _ContextualRoutingToType = Assignable<
  z.output<typeof contextualRoutingSchema>,
  ContextualRoutingResult
>;
export type _ContextualRoutingFromType = Assignable<
  ContextualRoutingResult,
  z.output<typeof contextualRoutingSchema>
>;
