/** Schema of `05-profiler-bottlenecks.json` ({@link ProfilerStudyResult}, notebook 05). */
import { z } from "zod";
import type { ProfilerStudyResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";

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

const whatIfFigures = z.object({
  p50: jsonNumber,
  p99: jsonNumber,
  p999: jsonNumber,
  sloAttainment: jsonNumber,
  callsPerQuery: jsonNumber,
  failureRate: jsonNumber,
});

const whatIf = z.object({
  change: z.string(),
  claim: z.object({
    metric: z.enum([
      "queries",
      "mean",
      "p50",
      "p95",
      "p99",
      "p999",
      "errorRate",
      "callsPerQuery",
      "cacheHitRate",
      "sloAttainment",
      "successRate",
      "peakToFair",
    ]),
    better: z.enum(["lower", "higher"]),
    before: jsonNumber,
    after: jsonNumber,
  }),
  before: whatIfFigures,
  after: whatIfFigures,
  improved: z.boolean(),
  tradeOff: z.string().nullable(),
  summary: z.string(),
});

const horizon = z.enum(["immediate", "medium-term", "long-term"]);

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
  verdict: z.enum(["verified", "trade-off", "refuted", "not-simulated"]),
  recommended: z.boolean(),
  horizon,
  horizonReason: z.string(),
  whatIf: whatIf.nullable(),
});

/** `05-profiler-bottlenecks.json`: the profiler's findings and re-simulated recommendations. */
export const profilerBottlenecksSchema = z.object({
  format: z.literal("routing-lab/profiler-study"),
  version: z.literal(1),
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
  byHorizon: z.record(horizon, z.array(z.string())),
  reportMarkdown: z.string(),
  wallMs: z.object({ profile: jsonNumber, whatIf: jsonNumber }),
});
export type _ProfilerBottlenecksToType = Assignable<
  z.output<typeof profilerBottlenecksSchema>,
  ProfilerStudyResult
>;
export type _ProfilerBottlenecksFromType = Assignable<
  ProfilerStudyResult,
  z.output<typeof profilerBottlenecksSchema>
>;
