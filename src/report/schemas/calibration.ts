/** Schema of `07-calibration.json` ({@link CalibrationResult}, notebook 07). */
import { z } from "zod";
import type { CalibrationResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";

const backendFit = z.object({
  rows: z.number(),
  fitted: z.number(),
  chosen: z.string(),
  reason: z.string(),
  families: z.record(
    z.string(),
    z.object({
      aic: z.number().nullable(),
      deltaAic: z.number().nullable(),
      akaikeWeight: z.number().nullable(),
      ksStatistic: jsonNumber,
      ksPValue: jsonNumber,
    }),
  ),
});

const modelResult = z.object({
  label: z.string(),
  maxAbsRelativeError: jsonNumber,
  medianAbsRelativeError: jsonNumber,
  worst: z.object({ backend: z.string(), percentile: jsonNumber, relativeError: jsonNumber }),
  backends: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ observed: jsonNumber, simulated: jsonNumber, relativeError: jsonNumber }),
    ),
  ),
});

/** `07-calibration.json`: latency fits per backend and how well fitted scenarios re-simulate. */
export const calibrationSchema = z.object({
  format: z.literal("routing-lab/notebook-07"),
  version: z.literal(1),
  quick: z.boolean(),
  seed: z.number(),
  trace: z.object({
    file: z.string(),
    rows: z.number(),
    backends: z.array(z.string()),
    queryTypes: z.array(z.string()),
    qps: z.number().nullable(),
  }),
  fits: z.record(z.string(), backendFit),
  summary: z.object({
    backends: z.number(),
    parametricRejected: z.number(),
    worstChosenKs: jsonNumber,
    worstEmpiricalKs: jsonNumber,
    aicWins: z.record(z.string(), z.number()),
  }),
  resimulation: z.object({
    rounds: z.number(),
    percentiles: z.array(jsonNumber),
    models: z.partialRecord(z.enum(["aic", "byQueryType", "empirical"]), modelResult),
  }),
  wallMs: z.object({ resimulation: jsonNumber }),
});
export type _CalibrationToType = Assignable<z.output<typeof calibrationSchema>, CalibrationResult>;
export type _CalibrationFromType = Assignable<
  CalibrationResult,
  z.output<typeof calibrationSchema>
>;
