import { z } from "zod";

/**
 * A `number` field as JSON writes it: `JSON.stringify` turns NaN and ±Infinity into `null`,
 * so a field declared `number` (e.g. an interval end with one repetition, a percentile of no
 * queries) may read back as `null`. It reads back as NaN, the value it had, so the parsed file
 * has its declared type (`number`) and the report prints `n/a` for it, as it did for NaN.
 * Infinity cannot be told from NaN in the file; the report prints both as `n/a`.
 *
 * Fields declared `number | null` (an explicit "none") use `z.number().nullable()` instead
 * and keep their null.
 */
export const jsonNumber = z
  .number()
  .nullable()
  .transform((x) => x ?? Number.NaN);
