/**
 * Notebook 10, off-policy evaluation against the simulator's truth: estimates from logged
 * traces beside on-policy runs for several policies, the variance that weight clipping removes
 * and the bias it adds, and what a deterministic logging policy leaves to estimate.
 */

import { formatPercent } from "../../format/number.js";
import { pathFromRoot } from "../../lab/path-from-root.js";
import { OpeInputError } from "../../ope/errors.js";
import { type EvaluationReport, evaluateLogged } from "../../ope/evaluate.js";
import { type LoggedData, loggedData } from "../../ope/logged-data.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { runSimulation } from "../../sim/run/run-simulation.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { loggedTraceLines } from "../../sim/trace-log/format-logged-trace.js";
import { runLoggedSimulation } from "../../sim/trace-log/run-logged-simulation.js";
import { parseTrace } from "../../traces/parse-trace.js";
import type { OpeStudyPlan } from "./plan.js";
import type { EstimatorSummary, OpeStudyResult, PolicyRow } from "./result.js";

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
        .map((k) => `${k.toUpperCase()} ${formatPercent(r[k]?.value ?? Number.NaN)}`)
        .join(", ");
      return {
        policy,
        truth: value,
        outcome: `${est}; ${formatPercent(r.diagnostics.unsupportedShare ?? 0)} of its choices never logged`,
      };
    } catch (err) {
      if (!(err instanceof OpeInputError)) throw err;
      return { policy, truth: value, outcome: `refused: ${err.message.replace(/^[^:]*: /, "")}` };
    }
  });
  // The scenario as a path from the project root, so the results file reads the same anywhere.
  return {
    plan: { ...plan, scenarioFile: pathFromRoot(plan.scenarioFile) },
    uniform,
    clipping,
    deterministic,
  };
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

/** One policy's summaries over the traces. */
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

/** One estimator's mean, spread, error against the truth, coverage and width over traces. */
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
