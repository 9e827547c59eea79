import type { ValueFormat } from "./format.js";

/** Where one printed number of a report came from, so a test can check it against its JSON. */
export interface Provenance {
  /** JSON file name, relative to the results folder, e.g. `bench.json`. */
  source: string;
  /** Dotted path into that file. */
  path: string;
  format: ValueFormat;
  /** The text printed in the report. */
  text: string;
  /** For table cells: which table (0-based, in document order), row and column. */
  cell?: { table: number; row: number; column: number };
}
