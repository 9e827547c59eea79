import { z } from "zod";
import { distributionSpecSchema } from "../distribution/schema.js";
import type { CacheSpec, Scenario } from "./spec.js";

/** The zod schema of a scenario's `cache` field (relations to other fields: {@link checkCache}). */
export const cacheSpecSchema: z.ZodType<CacheSpec> = z
  .strictObject({
    capacity: z.number().int().min(1),
    policy: z.enum(["lru", "lfu", "fifo", "ttl-lru"]),
    ttlMs: z.number().positive().optional(),
    hitLatencyMs: distributionSpecSchema,
    types: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.policy === "ttl-lru" && c.ttlMs === undefined) {
      ctx.addIssue({ code: "custom", path: ["ttlMs"], message: "is required for `ttl-lru`" });
    }
    if (c.policy !== "ttl-lru" && c.ttlMs !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ttlMs"],
        message: `applies only to \`ttl-lru\`, not \`${c.policy}\``,
      });
    }
  });

/**
 * Checks the cache against the rest of the scenario: entries are keyed by the catalogue
 * query's id, so a cache needs `workload.repeats`; its types must be types of the mix.
 *
 * @param s a structurally valid scenario
 * @param issue reports a problem at a full field path
 */
export function checkCache(
  s: Scenario,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const c = s.cache;
  if (c === undefined) return;
  if (s.workload.repeats === undefined) {
    issue(
      ["cache"],
      "needs workload.repeats: entries are keyed by the catalogue query's id, and without repeats no query comes twice",
    );
  }
  const types = Object.keys(s.workload.mix);
  c.types?.forEach((t, i) => {
    if (!types.includes(t)) {
      issue(
        ["cache", "types", i],
        `${JSON.stringify(t)} is not a query type in workload.mix (${types.join(", ")})`,
      );
    }
  });
}
