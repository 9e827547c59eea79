/** Schema of `05-profiler-bottlenecks.json` ({@link ProfilerStudyResult}, notebook 05). */
import { z } from "zod";
import type { ProfilerStudyResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { estimateSchema } from "./shared.js";

const latencyShape = {
  count: z.number(),
  mean: jsonNumber,
  p50: jsonNumber,
  p95: jsonNumber,
  p99: jsonNumber,
  p999: jsonNumber,
};

const backendLatency = z.object({
  ...latencyShape,
  name: z.string(),
  share: jsonNumber,
  failureRate: jsonNumber,
  overSlo: z.boolean(),
});

const incident = z.object({
  backend: z.string(),
  kind: z.enum(["degradation", "outage", "drift"]),
  startMs: jsonNumber,
  endMs: jsonNumber,
  label: z.string(),
});

const latencyWindow = z.object({
  startMs: jsonNumber,
  endMs: jsonNumber,
  queries: z.number(),
  p50: jsonNumber,
  p95: jsonNumber,
  p99: jsonNumber,
  failureRate: jsonNumber,
});

const severity = z.enum(["critical", "warning"]);

const finding = z.object({
  rank: z.number(),
  id: z.string(),
  rule: z.enum([
    "slo-breach",
    "slow-backend",
    "tail-amplification",
    "low-cache-hit-rate",
    "load-imbalance",
    "routing-overhead",
    "error-rate",
    "timeout-rate",
    "latency-drift",
  ]),
  subject: z.string(),
  severity,
  excess: z.number().nullable(),
  message: z.string(),
  evidence: z.record(z.string(), z.number().nullable()),
});

/** {@link EffectEstimate}: one metric before and after a change, over paired repetitions. */
const effectEstimate = z.object({ before: jsonNumber, after: jsonNumber, diff: estimateSchema });

const effect = z.object({
  sloAttainment: effectEstimate,
  callsPerQuery: effectEstimate,
  successRate: effectEstimate,
  p99: effectEstimate,
});

const recommendation = z.object({
  rank: z.number(),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  severity,
  findings: z.array(z.string()),
  action: z
    .enum([
      "hedge",
      "shift-traffic",
      "retry",
      "timeout",
      "grow-cache",
      "switch-strategy",
      "prior",
      "cache-decisions",
      "retune-discount",
    ])
    .nullable(),
  verdict: z.enum(["advised", "rejected", "unverified"]),
  reason: z.string(),
  rejection: z.enum(["only-relevant-backend", "no-gain", "over-budget"]).nullable(),
  change: z.string().nullable(),
  effect: effect.nullable(),
  confidence: jsonNumber.nullable(),
  pValue: jsonNumber.nullable(),
  adjustedPValue: jsonNumber.nullable(),
  horizon: z.enum(["immediate", "medium-term", "long-term"]).nullable(),
  horizonReason: z.string().nullable(),
});

const advice = z.object({
  settings: z.object({
    reps: z.number(),
    rounds: z.number(),
    seed: z.number(),
    callsBudget: jsonNumber,
    alpha: jsonNumber,
    tested: z.number(),
    basis: z.string(),
  }),
  baseline: z.object({ sloAttainment: estimateSchema, callsPerQuery: estimateSchema }),
  combined: z.object({ ids: z.array(z.string()), changes: z.array(z.string()), effect }).nullable(),
  notes: z.array(z.string()),
});

/** `05-profiler-bottlenecks.json`: the profiler's findings and verified recommendations. */
export const profilerBottlenecksSchema = z.object({
  format: z.literal("routing-lab/profiler-study"),
  version: z.literal(2),
  scenario: z.object({ name: z.string(), source: z.string(), incidents: z.array(incident) }),
  strategy: z.string(),
  pattern: z.string(),
  rounds: z.number(),
  seed: z.number(),
  slo: z.object({ latencyMs: jsonNumber, minRelevance: jsonNumber, quantile: jsonNumber }),
  run: z.object({
    queries: z.number(),
    simulatedMs: jsonNumber,
    callsPerQuery: jsonNumber,
    sloAttainment: jsonNumber,
    failureRate: jsonNumber,
    latency: z.object(latencyShape),
  }),
  backends: z.array(backendLatency),
  idleBackends: z.array(z.string()),
  windowMs: jsonNumber,
  windows: z.array(latencyWindow),
  findings: z.array(finding),
  recommendations: z.array(recommendation),
  advice,
  reportMarkdown: z.string(),
  wallMs: z.object({ profile: jsonNumber, verify: jsonNumber }),
});
export type _ProfilerBottlenecksToType = Assignable<
  z.output<typeof profilerBottlenecksSchema>,
  ProfilerStudyResult
>;
export type _ProfilerBottlenecksFromType = Assignable<
  ProfilerStudyResult,
  z.output<typeof profilerBottlenecksSchema>
>;
