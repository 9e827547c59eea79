import { readFileSync } from "node:fs";
import { z } from "zod";
import type { PatternConfig } from "./defaults.js";
import { RoutingInputError } from "./errors.js";

const patternConfigSchema = z.strictObject({
  description: z.string().optional(),
  types: z
    .record(
      z.string().min(1),
      z.array(z.array(z.string().trim().min(1)).min(1, "a pattern needs at least one alternative")),
    )
    .refine((t) => Object.keys(t).length > 0, "needs at least one query type"),
  fallbackType: z.string().min(1).optional(),
});

/**
 * Validates a word-pattern configuration (the shape of `data/routing/patterns.json`).
 *
 * @param value parsed JSON
 * @param source where it came from, for error messages (e.g. the file path)
 * @returns the configuration
 * @throws {RoutingInputError} naming the first bad field
 */
export function parsePatternConfig(value: unknown, source = "patterns"): PatternConfig {
  const result = patternConfigSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map(String).join(".");
    throw new RoutingInputError(`${source}${path ? `: ${path}` : ""}`, issue.message);
  }
  return result.data;
}

/**
 * Reads and validates a word-pattern file.
 *
 * @param path a JSON file shaped like `data/routing/patterns.json`
 * @returns the configuration
 * @throws {RoutingInputError} when the file is unreadable, not JSON, or malformed
 * @example new QueryClassifier(loadPatternConfig("data/routing/patterns.json"))
 */
export function loadPatternConfig(path: string): PatternConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new RoutingInputError(path, `cannot read: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RoutingInputError(path, `is not valid JSON: ${(err as Error).message}`);
  }
  return parsePatternConfig(value, path);
}
