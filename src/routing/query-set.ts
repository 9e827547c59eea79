import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stripBom } from "../io/strip-bom.js";
import { systemErrorReason } from "../io/system-error.js";
import { RoutingInputError } from "./errors.js";
import type { QueryType } from "./types.js";

/** One labelled query: its text and the type it is meant to have. */
export interface LabelledQuery {
  text: string;
  type: QueryType;
}

/**
 * The bundled query set, `data/queries/default.jsonl` (resolved from this module's location,
 * which is two folders below the package root in both `src/` and `dist/`).
 */
export const DEFAULT_QUERY_SET_PATH: string = fileURLToPath(
  new URL("../../data/queries/default.jsonl", import.meta.url),
);

/**
 * Parses a labelled query set: JSON Lines, one `{"text": string, "type": string}` per line;
 * blank lines are skipped.
 *
 * @param content the file's text
 * @param source the file name, for error messages
 * @returns the queries in file order
 * @throws {RoutingInputError} naming the line and field of the first bad record
 */
export function parseQuerySet(content: string, source = "queries"): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  const lines = stripBom(content).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${source}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new RoutingInputError(where, `is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new RoutingInputError(where, 'must be an object {"text", "type"}');
    }
    const { text, type } = row as Record<string, unknown>;
    if (typeof text !== "string" || text.trim() === "") {
      throw new RoutingInputError(`${where}: text`, "must be a non-empty string");
    }
    if (typeof type !== "string" || type === "") {
      throw new RoutingInputError(`${where}: type`, "must be a non-empty string");
    }
    out.push({ text, type });
  });
  if (out.length === 0) throw new RoutingInputError(source, "holds no queries");
  return out;
}

/**
 * Reads a labelled query set (default: the bundled `data/queries/default.jsonl`).
 *
 * @param path a JSON Lines file
 * @returns the queries in file order
 * @throws {RoutingInputError} when the file is unreadable or a line is malformed
 * @example const texts = loadQuerySet().map((q) => q.text);
 */
export function loadQuerySet(path: string = DEFAULT_QUERY_SET_PATH): LabelledQuery[] {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (err) {
    throw new RoutingInputError(path, `cannot read (${systemErrorReason(err)})`);
  }
  return parseQuerySet(content, path);
}
