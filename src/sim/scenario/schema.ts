import { z } from "zod";
import { distributionSpecSchema } from "../distribution/schema.js";
import { relevanceSpecSchema } from "../relevance/schema.js";
import { cacheSpecSchema, checkCache } from "./cache-schema.js";
import type { Scenario, WindowSpec } from "./spec.js";

const probability = z.number().min(0).max(1);
const time = z.number().nonnegative();
const name = z.string().min(1);
// As a query file's text: something to classify.
const nonBlank = z.string().refine((t) => t.trim() !== "", "must not be blank");

const window: z.ZodType<WindowSpec> = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("degradation"),
    startMs: time,
    endMs: time,
    latencyFactor: z.number().positive().optional(),
    addLatencyMs: z.number().nonnegative().optional(),
    failureProbability: probability.optional(),
  }),
  z.strictObject({
    kind: z.literal("outage"),
    startMs: time,
    endMs: time,
    mode: z.enum(["error", "timeout", "hidden"]).optional(),
    errorLatencyMs: z.number().nonnegative().optional(),
  }),
  z.strictObject({
    kind: z.literal("drift"),
    startMs: time,
    rampMs: time.optional(),
    latencyMs: distributionSpecSchema.optional(),
    relevance: z.record(name, relevanceSpecSchema).optional(),
    failureProbability: probability.optional(),
  }),
]);

const backend = z.strictObject({
  description: z.string().optional(),
  latencyMs: distributionSpecSchema,
  relevance: z.record(name, relevanceSpecSchema),
  failureProbability: probability.optional(),
  timeoutMs: z.number().positive().optional(),
  hangProbability: z.number().min(0).lt(1).optional(),
  capacity: z.strictObject({ concurrency: z.number().int().positive() }).optional(),
  windows: z.array(window).optional(),
});

const workload = z.strictObject({
  mix: z.record(name, z.number().nonnegative()),
  arrivals: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("poisson"), qps: z.number().positive() }),
    z.strictObject({
      type: z.literal("closed"),
      clients: z.number().int().positive(),
      thinkTimeMs: z.number().nonnegative().optional(),
    }),
  ]),
  repeats: z
    .strictObject({
      distinctQueries: z.number().int().positive(),
      zipfExponent: z.number().nonnegative(),
    })
    .optional(),
  queries: z
    .strictObject({
      file: z.string().min(1).optional(),
      // Non-empty, as a query file must be (an empty one is an error there too).
      texts: z
        .array(z.strictObject({ text: nonBlank, type: name }))
        .min(1)
        .optional(),
      revealType: z.boolean().optional(),
    })
    .optional(),
});

/**
 * Checks what the field schemas cannot: relations between fields of one scenario.
 *
 * @param s a structurally valid scenario
 * @param ctx zod's refinement context; issues carry full field paths
 */
function checkScenario(s: Scenario, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const backendIds = Object.keys(s.backends);
  if (backendIds.length === 0) issue(["backends"], "must name at least one backend");
  const types = Object.keys(s.workload.mix);
  if (!types.some((t) => s.workload.mix[t] > 0)) {
    issue(["workload", "mix"], "must give at least one query type a positive weight");
  }
  // Every query-type key must name a type of the mix: a typo ("similarty") would otherwise be
  // ignored while the real type silently fell back to `default` (or to no text at all).
  const known = new Set(types);
  const notInMix = `is not a query type in workload.mix (${types.join(", ")})`;
  const checkRelevanceKeys = (table: Record<string, unknown>, at: (string | number)[]) => {
    for (const t of Object.keys(table)) {
      if (t !== "default" && !known.has(t)) issue([...at, t], `${notInMix} nor \`default\``);
    }
  };
  for (const id of backendIds) {
    const b = s.backends[id];
    checkRelevanceKeys(b.relevance, ["backends", id, "relevance"]);
    for (const t of types) {
      const given = Object.hasOwn(b.relevance, t) || Object.hasOwn(b.relevance, "default");
      if (s.workload.mix[t] > 0 && !given) {
        issue(["backends", id, "relevance", t], "is missing (give it or a `default`)");
      }
    }
    if ((b.hangProbability ?? 0) > 0 && b.timeoutMs === undefined) {
      issue(
        ["backends", id, "hangProbability"],
        "needs the backend's timeoutMs (a hang ends there)",
      );
    }
    let lastDrift = -1;
    (b.windows ?? []).forEach((w, i) => {
      const at = ["backends", id, "windows", i];
      if (w.kind !== "drift" && !(w.endMs > w.startMs)) {
        issue([...at, "endMs"], "must be greater than startMs");
      }
      if (w.kind === "outage" && w.mode === "timeout" && b.timeoutMs === undefined) {
        issue([...at, "mode"], "`timeout` needs the backend's timeoutMs");
      }
      if (w.kind === "drift") {
        if (w.relevance) checkRelevanceKeys(w.relevance, [...at, "relevance"]);
        if (w.startMs < lastDrift) {
          issue([...at, "startMs"], "must not be before the end of the previous drift's ramp");
        }
        lastDrift = w.startMs + (w.rampMs ?? 0);
      }
    });
  }
  const q = s.workload.queries;
  if (q?.file !== undefined && q.texts !== undefined) {
    issue(["workload", "queries"], "give either file or texts, not both");
  }
  // Inline texts belong to this scenario, so their types must be its own; a query file may be
  // a catalogue shared by scenarios with different mixes, and its other types are not drawn.
  q?.texts?.forEach((text, i) => {
    if (!known.has(text.type)) {
      issue(
        ["workload", "queries", "texts", i, "type"],
        `${JSON.stringify(text.type)} ${notInMix}`,
      );
    }
  });
  checkCache(s, issue);
}

/**
 * The zod schema of a whole {@link Scenario}. Field schemas are strict; cross-field rules
 * (p99 > median, every query type has a relevance, windows end after they start, …) are
 * checked in a refinement that reports full field paths.
 */
export const scenarioSchema: z.ZodType<Scenario> = z
  .strictObject({
    $schema: z.string().optional(),
    name,
    description: z.string().optional(),
    backends: z.record(name, backend),
    workload,
    slo: z.strictObject({
      latencyMs: z.number().positive(),
      minRelevance: probability,
    }),
    cache: cacheSpecSchema.optional(),
  })
  .superRefine(checkScenario);
