/** Schema of `04-scaling.json` ({@link ScalingResult}, notebook 04). */
import { z } from "zod";
import type { ScalingResult } from "../../bench/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { logLogFitSchema, spreadSchema } from "./shared.js";

const sizeRow = z.object({
  queries: z.number(),
  runs: z.number(),
  totalMs: jsonNumber,
  queriesPerSecond: spreadSchema,
  cpuQueriesPerSecond: spreadSchema,
  nsPerQuery: jsonNumber,
  memoryRuns: z.number(),
  peakRssBytes: spreadSchema,
  heapUsedBytes: spreadSchema,
  coldWallMs: spreadSchema,
});

const workerRow = z.object({
  workers: z.number(),
  wallMs: spreadSchema,
  queriesPerSecond: jsonNumber,
});

/** `04-scaling.json`: time and memory against simulated queries, and worker-thread speed-up. */
export const scalingSchema = z.object({
  format: z.literal("routing-lab/scaling"),
  version: z.literal(1),
  seed: z.number(),
  quick: z.boolean(),
  strategy: z.string(),
  scenario: z.string(),
  backends: z.number(),
  sizes: z.array(sizeRow),
  time: z.object({
    fit: logLogFitSchema,
    fitAllSizes: logLogFitSchema,
    fitFromQueries: z.number(),
    fixedMs: jsonNumber,
    perQueryNs: jsonNumber,
  }),
  memory: z.object({ fit: logLogFitSchema, ratio: jsonNumber, maxPeakRssBytes: jsonNumber }),
  workers: z.object({
    reps: z.number(),
    rounds: z.number(),
    speedup: jsonNumber,
    target: jsonNumber,
    meetsTarget: z.boolean(),
    identical: z.boolean(),
    processSpeedup: jsonNumber,
    efficiency: jsonNumber,
    queries: z.number(),
    runs: z.number(),
    rows: z.array(workerRow),
  }),
  machine: z.object({ cpus: z.number(), loadAverage: jsonNumber, rngDrawNs: jsonNumber }),
  wallMs: z.object({ throughput: jsonNumber, memory: jsonNumber, workers: jsonNumber }),
});
export type _ScalingToType = Assignable<z.output<typeof scalingSchema>, ScalingResult>;
export type _ScalingFromType = Assignable<ScalingResult, z.output<typeof scalingSchema>>;
