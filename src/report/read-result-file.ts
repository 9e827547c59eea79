import { readFileSync } from "node:fs";
import type { z } from "zod";
import { formatIssues } from "../sim/scenario/format-issues.js";
import { type ResultFieldIssue, ResultFileError } from "./result-file-error.js";

/** Mismatched fields listed in the message; the rest are counted (all are in `issues`). */
const LISTED_ISSUES = 12;

/**
 * Reads a results file and checks it against its result type's schema: the report then holds
 * typed data, and a file whose fields do not match (renamed, missing, of another type) is
 * refused at once, naming the file and each field.
 *
 * @param path the JSON file
 * @param schema the schema of its result type (see `src/report/schemas/`)
 * @returns the parsed content, of the schema's output type
 * @throws {ResultFileError} when the file is missing, not JSON, or does not match, e.g.
 *   `results/04-scaling.json: does not match its result type (written by an older version?
 *   run its notebook again): time.fit.slope is required`
 * @example readResultFile("results/04-scaling.json", scalingSchema).time.fit.slope
 */
export function readResultFile<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ResultFileError(path, "missing; run the notebook that writes it first");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ResultFileError(path, `not valid JSON (${reason})`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues: ResultFieldIssue[] = formatIssues(parsed.error.issues).map((issue, i) => ({
    path: parsed.error.issues[i].path.map(String).join(".") || "(the file)",
    message: issue.message,
  }));
  const listed = issues.slice(0, LISTED_ISSUES).map((issue) => `${issue.path} ${issue.message}`);
  const more = issues.length - listed.length;
  throw new ResultFileError(
    path,
    "does not match its result type (written by an older version? run its notebook again): " +
      listed.join("; ") +
      (more > 0 ? `; and ${more} more` : ""),
    issues,
  );
}
