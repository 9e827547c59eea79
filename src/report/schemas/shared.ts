/**
 * Schemas of the small shapes many results files share: the stats leaf's estimate, spread,
 * fits and bands, and the bench's timer and run environment.
 */
import { z } from "zod";
import type { TimerFacts } from "../../bench/index.js";
import type { RunEnvironment } from "../../lab/index.js";
import type { BandSeries, Estimate, LogLogFit, Spread } from "../../stats/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";

/**
 * {@link Estimate}: a mean with its 95 % interval. `lo` and `hi` are NaN with fewer than two
 * values, written as `null`; they read back as NaN (see {@link jsonNumber}).
 */
export const estimateSchema = z.object({
  mean: jsonNumber,
  lo: jsonNumber,
  hi: jsonNumber,
  sd: jsonNumber,
  n: z.number(),
});
export type _EstimateToType = Assignable<z.output<typeof estimateSchema>, Estimate>;
export type _EstimateFromType = Assignable<Estimate, z.output<typeof estimateSchema>>;

/** {@link Spread}: median, min, max and MAD of repeated measurements. */
export const spreadSchema = z.object({
  median: jsonNumber,
  min: jsonNumber,
  max: jsonNumber,
  mad: jsonNumber,
  runs: z.number(),
});
export type _SpreadToType = Assignable<z.output<typeof spreadSchema>, Spread>;
export type _SpreadFromType = Assignable<Spread, z.output<typeof spreadSchema>>;

/** {@link LogLogFit}. */
export const logLogFitSchema = z.object({
  slope: jsonNumber,
  intercept: jsonNumber,
  r2: jsonNumber,
  from: jsonNumber,
  to: jsonNumber,
  points: z.number(),
});
export type _LogLogFitToType = Assignable<z.output<typeof logLogFitSchema>, LogLogFit>;
export type _LogLogFitFromType = Assignable<LogLogFit, z.output<typeof logLogFitSchema>>;

/** {@link BandSeries}: a curve's mean and 95 % band, point by point. */
export const bandSeriesSchema = z.object({
  mean: z.array(jsonNumber),
  lo: z.array(jsonNumber),
  hi: z.array(jsonNumber),
});
export type _BandSeriesToType = Assignable<z.output<typeof bandSeriesSchema>, BandSeries>;
export type _BandSeriesFromType = Assignable<BandSeries, z.output<typeof bandSeriesSchema>>;

/** {@link TimerFacts}. */
export const timerFactsSchema = z.object({ resolutionNs: jsonNumber, readCostNs: jsonNumber });
export type _TimerFactsToType = Assignable<z.output<typeof timerFactsSchema>, TimerFacts>;
export type _TimerFactsFromType = Assignable<TimerFacts, z.output<typeof timerFactsSchema>>;

/** {@link RunEnvironment}: where and when a run was measured. */
export const runEnvironmentSchema = z.object({
  cpu: z.string(),
  cores: z.number(),
  memoryGiB: z.number(),
  os: z.string(),
  node: z.string(),
  commit: z.string(),
  date: z.string(),
});
export type _RunEnvironmentToType = Assignable<
  z.output<typeof runEnvironmentSchema>,
  RunEnvironment
>;
export type _RunEnvironmentFromType = Assignable<
  RunEnvironment,
  z.output<typeof runEnvironmentSchema>
>;
