import { join } from "node:path";
import { profileSimulation } from "../analysis/profile-simulation.js";
import { verifyAdvice } from "../analysis/verify-advice.js";
import type { WhatIfBase } from "../analysis/what-if.js";
import { projectRoot } from "../lab/settings.js";
import { analyzeProfile } from "../profiling/profile-analysis.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defineSection } from "./section.js";

/** What {@link benchAdviceVerification} measured. */
export interface AdviceVerificationBenchResult {
  scenario: string;
  strategy: string;
  /** Queries per simulated run (`profile`'s default). */
  rounds: number;
  /** Paired repetitions per candidate (`profile`'s default). */
  reps: number;
  /** Recommendations verified (candidates from the profile's findings). */
  candidates: number;
  /** Of those, re-simulated. */
  simulated: number;
  advised: number;
  /** Simulated runs: the unchanged ones, one set per re-simulated candidate, the combination. */
  runs: number;
  /** Wall time of the verification alone, ms, on this thread (one core). */
  verifyMs: number;
  /** The target: under 10 s. */
  budgetMs: number;
  withinBudget: boolean;
}

/**
 * Times the verification of every recommendation `routing-lab profile --scenario
 * data/scenarios/degraded.json` makes at its default sizes (thompson, feed-forward, 20,000
 * queries per run, 5 paired repetitions, seed 42), on this thread: the profiled run and the
 * diagnosis are not timed, the re-simulations are.
 *
 * @param options seed (default 42)
 * @returns sizes, counts and the time
 */
export function benchAdviceVerification(
  options: { seed?: number } = {},
): AdviceVerificationBenchResult {
  const scenario = loadScenario(join(projectRoot, "data/scenarios/degraded.json"));
  const base: WhatIfBase = {
    scenario,
    strategy: "thompson",
    rounds: 20_000,
    seed: options.seed ?? 42,
  };
  const reps = 5;
  const profiled = profileSimulation(base);
  const analysis = analyzeProfile(profiled.profiler.report(), {
    sloMs: scenario.slo.latencyMs,
    recommend: { currentStrategy: "thompson" },
    outcomes: profiled.outcomes.table(),
  });
  const started = performance.now();
  const v = verifyAdvice(analysis.recommendations, { base, reps });
  const verifyMs = performance.now() - started;
  const simulated = v.recommendations.filter((r) => r.verdict !== "unverified").length;
  const advised = v.recommendations.filter((r) => r.verdict === "advised").length;
  const combinedRuns = (v.verification.combined?.ids.length ?? 0) > 1 ? reps : 0;
  const budgetMs = 10_000;
  return {
    scenario: scenario.name,
    strategy: "thompson",
    rounds: base.rounds,
    reps,
    candidates: v.recommendations.length,
    simulated,
    advised,
    runs: reps * (1 + simulated) + combinedRuns,
    verifyMs,
    budgetMs,
    withinBudget: verifyMs < budgetMs,
  };
}

/** `routing-lab bench` section: verifying a profile's advice, against a 10 s target. */
export const adviceVerificationSection = defineSection<AdviceVerificationBenchResult>({
  id: "adviceVerification",
  title: "Advice: verifying every recommendation for degraded.json (one core)",
  run: async (context) => benchAdviceVerification({ seed: context.seed }),
  table: (r) => [
    [
      "scenario × strategy",
      "sizes",
      "candidates (re-simulated, advised)",
      "runs",
      "time",
      "target",
    ],
    [
      `${r.scenario} × ${r.strategy}`,
      `${r.rounds.toLocaleString("en-US")} queries × ${r.reps} paired reps`,
      `${r.candidates} (${r.simulated}, ${r.advised})`,
      String(r.runs),
      `${(r.verifyMs / 1000).toFixed(2)} s`,
      `< ${r.budgetMs / 1000} s${r.withinBudget ? " (met)" : " (missed)"}`,
    ],
  ],
});
