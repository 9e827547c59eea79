/** Schema of `01-routing-decisions.json` ({@link RoutingDecisionsResult}, notebook 01). */
import { z } from "zod";
import type { RoutingDecisionsResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { spreadSchema, timerFactsSchema } from "./shared.js";

const exampleDecision = z.object({
  text: z.string(),
  labelledType: z.string(),
  type: z.string(),
  correct: z.boolean(),
  matched: z.array(z.string()),
  backend: z.string(),
  confidence: jsonNumber,
  reason: z.string(),
});

const oldSystemExample = z.object({
  text: z.string(),
  expectedType: z.string(),
  expectedBackend: z.string(),
  type: z.string(),
  backend: z.string(),
  matched: z.array(z.string()),
  agrees: z.boolean(),
});

const typeAccuracy = z.object({
  labelled: z.number(),
  classified: z.number(),
  correct: z.number(),
  recall: z.number().nullable(),
  precision: z.number().nullable(),
});

const classificationStudy = z.object({
  querySet: z.object({ source: z.string(), queries: z.number() }),
  accuracy: jsonNumber,
  accuracyCi95: z.object({ lo: jsonNumber, hi: jsonNumber }),
  correct: z.number(),
  total: z.number(),
  perType: z.record(z.string(), typeAccuracy),
  confusion: z.object({ types: z.array(z.string()), counts: z.array(z.array(z.number())) }),
  examples: z.array(exampleDecision),
  oldSystem: z.object({
    total: z.number(),
    agree: z.number(),
    rows: z.array(oldSystemExample),
  }),
});

const strategySpeed = z.object({
  outcomesRecorded: z.number(),
  decisionsPerSecond: spreadSchema,
  decisionsPerCpuSecond: spreadSchema,
  perDecisionNs: z.object({ mean: jsonNumber, p50: jsonNumber, p99: jsonNumber, p999: jsonNumber }),
  target: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
  meetsTargetCpu: z.boolean().nullable(),
});

const oldSystemSpeed = z.object({
  published: jsonNumber,
  measured: jsonNumber,
  measuredCpu: jsonNumber,
  ratio: jsonNumber,
  ratioCpu: jsonNumber,
});

const decisionSpeedStudy = z.object({
  settings: z.object({
    runs: z.number(),
    timeMs: z.number(),
    warmupMs: z.number(),
    batchSize: z.number(),
    pretrainOutcomes: z.number(),
    growthCheckOutcomes: z.number(),
  }),
  queries: z.number(),
  backends: z.array(z.string()),
  order: z.array(z.string()),
  strategies: z.record(z.string(), strategySpeed),
  growthCheck: z
    .object({ outcomesRecorded: z.number(), decisionsPerSecond: spreadSchema, ratio: jsonNumber })
    .nullable(),
  oldSystem: z.object({
    note: z.string(),
    "rule-based": oldSystemSpeed,
    thompson: oldSystemSpeed,
    learnedOverhead: z.object({ measured: jsonNumber, oldSystem: jsonNumber }),
  }),
  timer: timerFactsSchema,
  overheadNs: jsonNumber,
  machine: z.object({ loadAverage: jsonNumber, cpus: z.number() }),
  wallMs: jsonNumber,
});

/** `01-routing-decisions.json`: how queries are classified and how fast routers decide. */
export const routingDecisionsSchema = z.object({
  format: z.literal("routing-lab/routing-decisions"),
  version: z.literal(1),
  seed: z.number(),
  quick: z.boolean(),
  classification: classificationStudy,
  speed: decisionSpeedStudy,
});
export type _RoutingDecisionsToType = Assignable<
  z.output<typeof routingDecisionsSchema>,
  RoutingDecisionsResult
>;
export type _RoutingDecisionsFromType = Assignable<
  RoutingDecisionsResult,
  z.output<typeof routingDecisionsSchema>
>;
