/**
 * Off-policy evaluation against the simulator's truth (for a notebook 10): estimates from
 * logged traces beside on-policy runs for several policies, the variance that weight clipping
 * removes and the bias it adds, and what a deterministic logging policy leaves to estimate.
 */
import { join } from "node:path";
import { projectRoot } from "../lab/settings.js";
import { OpeInputError } from "../ope/errors.js";
import { type EvaluationReport, evaluateLogged } from "../ope/evaluate.js";
import { type LoggedData, loggedData } from "../ope/logged-data.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import { loadScenario } from "../sim/scenario/load.js";
import { loggedTraceLines } from "../sim/trace-log/format-logged-trace.js";
import { runLoggedSimulation } from "../sim/trace-log/run-logged-simulation.js";
import { parseTrace } from "../traces/parse-trace.js";

/** What the study runs. */
export interface OpeStudyPlan {
  scenarioFile: string;
  /** Traces per logging policy (seeds 1000, 1001, …). */
  traces: number;
  /** Decisions per trace. */
  decisions: number;
  /** Queries of each fixed policy's on-policy run (its truth). */
  truthRounds: number;
  /** Fixed policies evaluated; each must also be a simulator strategy. */
  policies: string[];
  /** Weight caps compared (Infinity = none). */
  clips: number[];
}

/**
 * The study's workload: 20 traces of 3,000 decisions (quick: 5 of 1,000) on the default
 * scenario, truths from 200,000-query runs (quick: 50,000).
 *
 * @param settings `quick` from `labSettings()`
 * @returns the plan
 * @example const plan = opeStudyPlan(labSettings())
 */
export function opeStudyPlan(settings: { quick: boolean }): OpeStudyPlan {
  return {
    scenarioFile: join(projectRoot, "data", "scenarios", "default.json"),
    traces: settings.quick ? 5 : 20,
    decisions: settings.quick ? 1000 : 3000,
    truthRounds: settings.quick ? 50_000 : 200_000,
    policies: ["rule-based", "always:hybrid", "always:qdrant"],
    clips: [Number.POSITIVE_INFINITY, 20, 10, 5, 2],
  };
}

/** One estimator over the study's traces. */
export interface EstimatorSummary {
  /** Mean estimate over traces. */
  mean: number;
  /** Standard deviation of the estimates across traces. */
  sd: number;
  /** Root mean squared error against the truth. */
  rmse: number;
  /** Traces whose interval covered the truth. */
  covered: number;
  /** Mean interval width. */
  width: number;
}

/** One policy's estimates from one logging policy's traces. */
export interface PolicyRow {
  policy: string;
  /** Its on-policy SLO attainment. */
  truth: number;
  /** Per estimator (only those every trace gave). */
  estimators: Record<string, EstimatorSummary>;
  /** Mean effective sample size. */
  effectiveSampleSize: number;
  /** Mean share of its choices in cells the log never tried. */
  unsupportedShare: number;
}

/** One weight cap's effect (traces logged by ε-greedy, target rule-based). */
export interface ClipRow {
  clip: number;
  ips: EstimatorSummary;
  dr: EstimatorSummary;
}

/** What {@link runOpeStudy} found. */
export interface OpeStudyResult {
  plan: OpeStudyPlan;
  /** Traces logged by uniform random routing. */
  uniform: PolicyRow[];
  /** Traces logged by ε-greedy (exact propensities ε/K or 1 − ε + ε/K): clipping. */
  clipping: { truth: number; rows: ClipRow[] };
  /** Traces logged by rule-based (propensity 1 everywhere): no overlap. */
  deterministic: { policy: string; truth: number; outcome: string }[];
}

/**
 * Runs the study on this thread.
 *
 * @param plan from {@link opeStudyPlan}
 * @returns estimates against the truth under uniform, ε-greedy and deterministic logging
 * @example const result = runOpeStudy(opeStudyPlan({ quick: true }))
 */
export function runOpeStudy(plan: OpeStudyPlan): OpeStudyResult {
  const scenario = new CompiledScenario(loadScenario(plan.scenarioFile));
  const truth = new Map(
    plan.policies.map((p) => [
      p,
      runSimulation({ scenario, strategy: p, rounds: plan.truthRounds, seed: 7 }).totals
        .sloAttainment,
    ]),
  );
  const traces = (strategy: string) =>
    Array.from({ length: plan.traces }, (_, s) => logged(scenario, strategy, plan, 1000 + s));

  const uniformTraces = traces("random");
  const uniform = plan.policies.map((policy) => {
    const reports = uniformTraces.map((d) => evaluateLogged(d, { policy }));
    return policyRow(policy, truth.get(policy) as number, reports);
  });

  const greedyTraces = traces("epsilon-greedy");
  const ruleTruth = truth.get("rule-based") ?? Number.NaN;
  const clipping = {
    truth: ruleTruth,
    rows: plan.clips.map((clip) => {
      const reports = greedyTraces.map((d) =>
        evaluateLogged(d, {
          policy: "rule-based",
          ...(Number.isFinite(clip) ? { clip } : {}),
        }),
      );
      return {
        clip,
        ips: summary(reports, "ips", ruleTruth),
        dr: summary(reports, "dr", ruleTruth),
      };
    }),
  };

  const ruleTrace = traces("rule-based")[0];
  const deterministic = plan.policies.map((policy) => {
    const value = truth.get(policy) as number;
    try {
      const r = evaluateLogged(ruleTrace, { policy });
      const est = (["ips", "dm", "dr"] as const)
        .map((k) => `${k.toUpperCase()} ${pct(r[k]?.value ?? Number.NaN)}`)
        .join(", ");
      return {
        policy,
        truth: value,
        outcome: `${est}; ${pct(r.diagnostics.unsupportedShare ?? 0)} of its choices never logged`,
      };
    } catch (err) {
      if (!(err instanceof OpeInputError)) throw err;
      return { policy, truth: value, outcome: `refused: ${err.message.replace(/^[^:]*: /, "")}` };
    }
  });
  return { plan, uniform, clipping, deterministic };
}

/** One trace logged by `strategy`, written as CSV and parsed back, as a user would. */
function logged(
  scenario: CompiledScenario,
  strategy: string,
  plan: OpeStudyPlan,
  seed: number,
): LoggedData {
  const { log } = runLoggedSimulation({ scenario, strategy, rounds: plan.decisions, seed });
  const minRelevance = scenario.scenario.slo.minRelevance;
  const text = [...loggedTraceLines(log, { minRelevance })].join("");
  const { rows, summary } = parseTrace(text, { source: `${strategy}-${seed}.csv` });
  return loggedData(rows, { source: summary.source }, summary.columns);
}

function policyRow(policy: string, truth: number, reports: EvaluationReport[]): PolicyRow {
  const estimators: Record<string, EstimatorSummary> = {};
  for (const k of ["ips", "snips", "dm", "dr"] as const) {
    if (reports.every((r) => r[k] !== null)) estimators[k] = summary(reports, k, truth);
  }
  const mean = (f: (r: EvaluationReport) => number) =>
    reports.reduce((a, r) => a + f(r), 0) / reports.length;
  return {
    policy,
    truth,
    estimators,
    effectiveSampleSize: mean((r) => r.diagnostics.effectiveSampleSize ?? Number.NaN),
    unsupportedShare: mean((r) => r.diagnostics.unsupportedShare ?? 0),
  };
}

function summary(
  reports: EvaluationReport[],
  k: "ips" | "snips" | "dm" | "dr",
  truth: number,
): EstimatorSummary {
  const es = reports.map((r) => r[k]).filter((e): e is NonNullable<typeof e> => e !== null);
  const n = es.length;
  const mean = es.reduce((a, e) => a + e.value, 0) / n;
  const sd = Math.sqrt(es.reduce((a, e) => a + (e.value - mean) ** 2, 0) / Math.max(1, n - 1));
  const rmse = Math.sqrt(es.reduce((a, e) => a + (e.value - truth) ** 2, 0) / n);
  return {
    mean,
    sd,
    rmse,
    covered: es.filter((e) => e.lo <= truth && truth <= e.hi).length,
    width: es.reduce((a, e) => a + (e.hi - e.lo), 0) / n,
  };
}

function pct(x: number): string {
  return Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`;
}

/**
 * The study's three markdown tables.
 *
 * @param result from {@link runOpeStudy}
 * @returns markdown: estimates against the truth, clipping, deterministic logging
 */
export function formatOpeStudy(result: OpeStudyResult): string {
  const n = result.plan.traces;
  const lines = [
    `**Uniform logging** (${n} traces of ${result.plan.decisions.toLocaleString("en-US")} decisions): mean estimate, intervals covering the on-policy value, mean width.`,
    "",
    "| policy | on-policy | IPS | SNIPS | DM | DR | ESS |",
    "|---|---|---|---|---|---|---|",
    ...result.uniform.map((row) => {
      const cell = (k: string) => {
        const e = row.estimators[k];
        return e ? `${pct(e.mean)} (${e.covered}/${n}, ±${pct(e.width / 2)})` : "—";
      };
      return `| ${row.policy} | ${pct(row.truth)} | ${cell("ips")} | ${cell("snips")} | ${cell("dm")} | ${cell("dr")} | ${row.effectiveSampleSize.toFixed(0)} |`;
    }),
    "",
    `**Weight clipping** (traces logged by ε-greedy, ε = 0.1; target rule-based, on-policy ${pct(result.clipping.truth)}): mean, sd across traces, RMSE.`,
    "",
    "| clip | IPS mean | IPS sd | IPS RMSE | DR mean | DR sd | DR RMSE |",
    "|---|---|---|---|---|---|---|",
    ...result.clipping.rows.map(
      (r) =>
        `| ${Number.isFinite(r.clip) ? r.clip : "none"} | ${pct(r.ips.mean)} | ${pct(r.ips.sd)} | ${pct(r.ips.rmse)} | ${pct(r.dr.mean)} | ${pct(r.dr.sd)} | ${pct(r.dr.rmse)} |`,
    ),
    "",
    "**Deterministic logging** (one trace logged by rule-based, every propensity 1):",
    "",
    "| policy | on-policy | from the log |",
    "|---|---|---|",
    ...result.deterministic.map((r) => `| ${r.policy} | ${pct(r.truth)} | ${r.outcome} |`),
  ];
  return lines.join("\n");
}
