/**
 * Schema of `08-bench.json` ({@link BenchReport} of the report's bench sections, notebook 08).
 * `BenchReport.sections` is a `Record<string, unknown>` filled by whichever sections ran; the
 * report needs the five of `reportBenchSections`, so this schema names them with their result
 * types, and each section's schema is checked against the result type its section declares.
 */
import { z } from "zod";
import type {
  BenchReport,
  BenchSection,
  executionOverheadSection,
  oldSystemSection,
  profilerRecordSection,
  profilerTraceSection,
  SimulationSpeedResult,
} from "../../bench/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { runEnvironmentSchema, spreadSchema } from "./shared.js";

/** The result type a bench section declares. */
type SectionResult<S> = S extends BenchSection<infer R> ? R : never;

const executionOverhead = z.object({
  queriesPerBatch: z.number(),
  rows: z.array(
    z.object({ pattern: z.string(), usPerQuery: spreadSchema, callsPerQuery: jsonNumber }),
  ),
});
export type _ExecutionOverheadToType = Assignable<
  z.output<typeof executionOverhead>,
  SectionResult<typeof executionOverheadSection>
>;
export type _ExecutionOverheadFromType = Assignable<
  SectionResult<typeof executionOverheadSection>,
  z.output<typeof executionOverhead>
>;

const simulationSpeed = z.object({
  scenario: z.string(),
  backends: z.number(),
  rounds: z.number(),
  warmups: z.number().optional(),
  rows: z.array(
    z.object({
      strategy: z.string(),
      cpuQueriesPerSecond: spreadSchema,
      wallQueriesPerSecond: spreadSchema,
      coldCpuQueriesPerSecond: jsonNumber.optional(),
      nsPerQuery: jsonNumber,
      target: jsonNumber.optional(),
      meetsTarget: z.boolean().optional(),
      // Files from before the pattern-aware oracle timed feed-forward only: closed form, 0 ms.
      oracleTableMs: jsonNumber.default(0),
    }),
  ),
  machine: z.object({
    rngDrawNs: jsonNumber,
    queryCostInDraws: z.record(z.string(), jsonNumber),
  }),
});
// The simulation sections are built in a loop (`simulationBenchSections`), so the speed
// section's declared type is not reachable by name: check against its result type instead.
export type _SimulationSpeedToType = Assignable<
  z.output<typeof simulationSpeed>,
  SimulationSpeedResult
>;
export type _SimulationSpeedFromType = Assignable<
  SimulationSpeedResult,
  z.output<typeof simulationSpeed>
>;

const profilerRecord = z.object({
  name: z.literal("profiler-record"),
  values: z.number(),
  runs: z.number(),
  sketchAddNs: jsonNumber,
  seriesAddNs: jsonNumber,
  recordRowNs: jsonNumber,
  timeOverheadNs: jsonNumber,
  budgetNs: z.literal(50),
  withinBudget: z.boolean(),
  sketchAddRunsNs: z.array(jsonNumber),
});
export type _ProfilerRecordToType = Assignable<
  z.output<typeof profilerRecord>,
  SectionResult<typeof profilerRecordSection>
>;
export type _ProfilerRecordFromType = Assignable<
  SectionResult<typeof profilerRecordSection>,
  z.output<typeof profilerRecord>
>;

const profilerTrace = z.object({
  name: z.literal("profiler-trace"),
  rows: z.number(),
  megabytes: jsonNumber,
  profileMs: jsonNumber,
  profileRunsMs: z.array(jsonNumber),
  rowsPerSecond: jsonNumber,
  maxRelativeError: jsonNumber,
  bound: jsonNumber,
  withinBound: z.boolean(),
  oldWindow: z.object({
    size: z.number(),
    errors: z.array(z.object({ q: jsonNumber, median: jsonNumber, max: jsonNumber })),
  }),
});
export type _ProfilerTraceToType = Assignable<
  z.output<typeof profilerTrace>,
  SectionResult<typeof profilerTraceSection>
>;
export type _ProfilerTraceFromType = Assignable<
  SectionResult<typeof profilerTraceSection>,
  z.output<typeof profilerTrace>
>;

const oldSystem = z.object({
  note: z.string(),
  rows: z.array(
    z.object({
      figure: z.string(),
      old: jsonNumber,
      ours: z.number().nullable(),
      unit: z.string(),
      timesBetter: z.number().nullable(),
    }),
  ),
  facts: z.object({ mockBackendMs: jsonNumber, scaleMaxQueries: z.number() }),
});
export type _OldSystemToType = Assignable<
  z.output<typeof oldSystem>,
  SectionResult<typeof oldSystemSection>
>;
export type _OldSystemFromType = Assignable<
  SectionResult<typeof oldSystemSection>,
  z.output<typeof oldSystem>
>;

/**
 * The sections `reportBenchSections` writes, by id. A test checks that these keys are that
 * list's ids, since ids are runtime strings the types cannot see.
 */
export const reportBenchSectionsSchema = z.object({
  executionOverhead,
  simulationSpeed,
  profilerRecord,
  profilerTrace,
  oldSystem,
});

/** `08-bench.json`: the report's bench sections with the environment they ran in. */
export const benchSchema = z.object({
  environment: runEnvironmentSchema,
  settings: z.object({ quick: z.boolean(), seed: z.number(), sections: z.array(z.string()) }),
  elapsedSeconds: jsonNumber,
  sections: reportBenchSectionsSchema,
  sectionRuns: z
    .record(
      z.string(),
      z.object({ commit: z.string(), date: z.string(), quick: z.boolean(), seed: z.number() }),
    )
    .optional(),
});

/** A {@link BenchReport} holding the report's sections, each with its declared type. */
export type ReportBenchReport = z.output<typeof benchSchema>;
// Every such file is a BenchReport; the other way round does not hold (sections are unknown).
export type _BenchToType = Assignable<ReportBenchReport, BenchReport>;
export type _BenchFromType = Assignable<
  Omit<BenchReport, "sections">,
  Omit<ReportBenchReport, "sections">
>;
