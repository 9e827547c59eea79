import type { ValueFormat } from "./format.js";
import { trackPath } from "./track-path.js";

/** One parsed results file: its name relative to the results folder and its typed content. */
export interface ResultSource<T> {
  name: string;
  data: T;
}

/** What a report may print from a results file. */
export type ReportValue = number | string | boolean | null | undefined;

/** A value in a report, read from a results file, with where it came from. */
export interface SourcedValue {
  /** The results file, relative to the results folder. */
  source: string;
  /** Dotted path of the value in that file (array indices as numbers). */
  path: string;
  value: ReportValue;
  format: ValueFormat;
}

/**
 * Reads a value from a results file through a typed accessor and records the path it took,
 * so the path in the provenance is the one the code follows, not a hand-written copy.
 *
 * @param source the parsed file
 * @param get one chain of property reads, e.g. `(r) => r.time.fit.slope`
 * @param format how the report prints it
 * @returns the value with its file, path and format
 * @throws {AccessorError} when `get` is not one chain of property reads
 * @example sourced(scaling, (r) => r.time.fit.slope, { kind: "number", digits: 2 })
 */
export function sourced<T extends object>(
  source: ResultSource<T>,
  get: (data: T) => ReportValue,
  format: ValueFormat,
): SourcedValue {
  const { value, path } = trackPath(source.data, get);
  return { source: source.name, path: path.join("."), value, format };
}
