import type { z } from "zod";
import type { ScenarioIssue } from "./errors.js";

/**
 * Joins a zod path into the dotted form users type (`backends.neo4j.windows[0].endMs`).
 *
 * @param path zod's path segments
 * @returns the dotted path
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/**
 * Rewrites zod's issues as short sentences that follow the field path, e.g.
 * "must be > 0", "has unknown field \"z\"", "must be one of 'a' | 'b'".
 *
 * @param issues zod's issues
 * @returns one {@link ScenarioIssue} per zod issue
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): ScenarioIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: describe(issue) }));
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const got = /received (\w+)/.exec(issue.message)?.[1];
      if (got === "undefined") return "is required";
      return `must be ${article(issue.expected)}${got ? `, got ${got}` : ""}`;
    }
    case "too_small":
      if (issue.origin === "array") return `must have at least ${issue.minimum} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
    case "too_big":
      return `must be ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `must be one of ${options.map((v) => JSON.stringify(v)).join(" | ")}`;
      return issue.message;
    }
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === "int") return "an integer";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
