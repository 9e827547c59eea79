import { resolve } from "node:path";
import { stripBom } from "../../io/strip-bom.js";
import { loadQuerySet } from "../../routing/query-set.js";
import { ScenarioError } from "./errors.js";
import { formatIssues } from "./format-issues.js";
import { scenarioSchema } from "./schema.js";
import { rememberSource } from "./source.js";
import type { LabelledQuery, Scenario } from "./spec.js";

/** Options of {@link parseScenario}. */
export interface ParseScenarioOptions {
  /**
   * Folder that `workload.queries.file` is relative to. When given, the query set is read and
   * inlined as `workload.queries.texts`; when absent, a `file` reference is left unresolved.
   */
  baseDir?: string;
}

/**
 * Validates a scenario value (already parsed from JSON).
 *
 * @param json the value, e.g. `JSON.parse(text)`
 * @param source where it came from, used as the prefix of every error message
 * @param options see {@link ParseScenarioOptions}
 * @returns the scenario, a plain JSON object (safe to send to worker threads); errors found
 *   later in a run name `source` too (see `scenarioSource`)
 * @throws {ScenarioError} listing every problem as `source: field.path message`
 * @example parseScenario({ name: "x", backends: {...}, workload: {...}, slo: {...} }, "inline")
 */
export function parseScenario(
  json: unknown,
  source: string,
  options: ParseScenarioOptions = {},
): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (!result.success) throw new ScenarioError(source, formatIssues(result.error.issues));
  const scenario = result.data;
  const queries = scenario.workload.queries;
  if (queries?.file !== undefined && options.baseDir !== undefined) {
    const { file, ...rest } = queries;
    let texts: LabelledQuery[];
    try {
      texts = loadQuerySet(resolve(options.baseDir, file));
    } catch (err) {
      throw new ScenarioError(source, [
        { path: "workload.queries.file", message: (err as Error).message },
      ]);
    }
    const inlined = {
      ...scenario,
      workload: { ...scenario.workload, queries: { ...rest, texts } },
    };
    return rememberSource(inlined, source);
  }
  return rememberSource(scenario, source);
}

/**
 * Parses scenario JSON text, turning a syntax error's character offset into line and column.
 * A leading byte-order mark is dropped, as editors on Windows write one and JSON.parse rejects it.
 *
 * @param text the file's content
 * @param source the file name for error messages
 * @param options see {@link ParseScenarioOptions}
 * @returns the validated scenario
 * @throws {ScenarioError} for invalid JSON (with line:column) or an invalid scenario
 */
export function parseScenarioText(
  text: string,
  source: string,
  options: ParseScenarioOptions = {},
): Scenario {
  text = stripBom(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = "";
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` at line ${line} column ${column}`;
    }
    throw new ScenarioError(source, [
      { path: "", message: `is not valid JSON${where}: ${message}` },
    ]);
  }
  return parseScenario(json, source, options);
}
