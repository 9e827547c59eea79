import { readFileSync } from "node:fs";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import type { LabelledQuery } from "./spec.js";

/**
 * Reads a labelled query set: JSONL, one `{"text": "...", "type": "..."}` per line; blank lines
 * and lines starting with `//` are skipped.
 *
 * @param path the file
 * @returns the queries in file order
 * @throws {ScenarioError} naming the file and line of each malformed line, or a missing file
 * @example readQuerySet("data/queries/default.jsonl")
 */
export function readQuerySet(path: string): LabelledQuery[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ScenarioError(path, [
      { path: "", message: `cannot be read (${(err as Error).message})` },
    ]);
  }
  return parseQuerySet(text, path);
}

/**
 * Parses labelled queries from JSONL text.
 *
 * @param text the file's content
 * @param source the file name for error messages
 * @returns the queries
 * @throws {ScenarioError} with `line N` paths for malformed lines
 */
export function parseQuerySet(text: string, source: string): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  const issues: ScenarioIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const at = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      issues.push({ path: at, message: "is not valid JSON" });
      return;
    }
    const q = value as Partial<LabelledQuery> | null;
    if (typeof q?.text !== "string" || typeof q.type !== "string" || q.type === "") {
      issues.push({ path: at, message: 'must be an object with string "text" and "type"' });
      return;
    }
    out.push({ text: q.text, type: q.type });
  });
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return out;
}
