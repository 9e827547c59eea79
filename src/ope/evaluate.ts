import { createStream } from "../random/stream.js";
import { visitTrace } from "../traces/read-trace.js";
import { bootstrap } from "./bootstrap.js";
import { dm } from "./dm.js";
import { dr } from "./dr.js";
import { effectiveSampleSize } from "./effective-sample-size.js";
import { OpeInputError } from "./errors.js";
import type { OpeEstimate } from "./estimate.js";
import type { Estimator, EstimatorName } from "./estimator.js";
import { ips } from "./ips.js";
import { type LoggedData, LoggedDataBuilder, type SloThresholds } from "./logged-data.js";
import { type FixedPolicy, type LearningPolicy, parsePolicy } from "./policy.js";
import { type ReplayResult, replay } from "./replay.js";
import { fitRewardModel } from "./reward-model.js";
import { opeSample } from "./sample.js";
import { snips } from "./snips.js";
import { targetTable } from "./target.js";

/** The four estimators, in the order reports list them. */
export const ESTIMATORS: readonly Estimator[] = [ips, snips, dm, dr];

/** How the 95 % intervals are computed. */
export type IntervalMethod = "sandwich" | "bootstrap";

/** Options of {@link evaluateLogged} and {@link evaluateTrace}. */
export interface EvaluateOptions {
  /** The policy to evaluate (see `parsePolicy`), e.g. `rule-based` or `thompson`. */
  policy: string;
  /** Judge decisions by these thresholds instead of their `slo_met` cells. */
  slo?: SloThresholds;
  /**
   * `sandwich` (default): closed-form variances, one pass over the rows. `bootstrap`:
   * percentile intervals from resampled rows, the reward model refitted on each replicate.
   * Replay (learning policies) always uses its normal interval.
   */
  interval?: IntervalMethod;
  /** Bootstrap replicates; default 200. */
  replicates?: number;
  /** Seed of the bootstrap's, the replayed learner's and the rejection sampler's streams; default 42. */
  seed?: number;
  /** Warn when the effective sample size is below this; default 100. */
  minEffectiveSampleSize?: number;
  /**
   * Cut importance weights π/μ above this (weight clipping): less variance for IPS, SNIPS
   * and DR, at a bias towards lower values. Default none.
   */
  clip?: number;
}

/** Diagnostics of the weights and of overlap between the policies. */
export interface EvaluationDiagnostics {
  /** Kish's effective sample size of the importance weights (null without propensities or in replay). */
  effectiveSampleSize: number | null;
  /** The largest importance weight π/μ (after clipping). */
  maxWeight: number | null;
  /** Share of decisions whose weight was clipped (null without clipping). */
  clippedShare: number | null;
  /** Share of logged decisions whose backend the target would never take (π = 0). */
  neverTakenShare: number | null;
  /** Share of the target's choices in (query type, backend) cells no row logged. */
  unsupportedShare: number | null;
  /** The logging policy's own SLO attainment: the mean reward of the logged decisions. */
  loggedValue: number;
}

/** What {@link evaluateLogged} reports. */
export interface EvaluationReport {
  trace: string;
  policy: string;
  /** `estimators` for a fixed policy, `replay` for a learning one. */
  method: "estimators" | "replay";
  interval: IntervalMethod;
  /** Logged decisions (primary rows) used. */
  decisions: number;
  /** Rows skipped as further requests of a pattern (`primary` = false). */
  secondaryRows: number;
  /** Where each decision's reward came from. */
  reward: "slo_met" | "thresholds";
  ips: OpeEstimate | null;
  snips: OpeEstimate | null;
  dm: OpeEstimate | null;
  dr: OpeEstimate | null;
  /** The replay estimate, for learning policies. */
  replay: ReplayResult | null;
  diagnostics: EvaluationDiagnostics;
  warnings: string[];
}

/**
 * Estimates a policy's SLO attainment from logged decisions. A fixed policy gets IPS, SNIPS,
 * the direct method and doubly robust estimates (only DM without propensities), a learning
 * policy the replay estimate.
 *
 * @param data the logged decisions (see `loggedData`, `readLoggedData`)
 * @param options the policy, interval method, seed
 * @returns the estimates with 95 % intervals, diagnostics and warnings
 * @throws {OpeInputError} for an unknown policy, or when the policy takes none of the logged
 *   backends (no row says anything about it)
 * @example evaluateLogged(data, { policy: "rule-based" }).dr // { value, lo, hi, se }
 */
export function evaluateLogged(data: LoggedData, options: EvaluateOptions): EvaluationReport {
  const policy = parsePolicy(options.policy);
  const seed = options.seed ?? 42;
  const interval = options.interval ?? "sandwich";
  let loggedValue = 0;
  for (let i = 0; i < data.n; i++) loggedValue += data.reward[i];
  const base = {
    trace: data.source,
    policy: policy.name,
    interval,
    decisions: data.n,
    secondaryRows: data.secondaryRows,
    reward: data.judged ? ("thresholds" as const) : ("slo_met" as const),
  };
  const warnings: string[] = [];
  if (!data.hasAvailable) {
    warnings.push(
      `the trace has no available column: every backend it mentions (${data.backends.join(", ")}) is taken as available at every decision`,
    );
  }
  if (data.judged && data.multiCall) {
    warnings.push(
      "decisions are judged by the thresholds on their own request, but the trace has further requests per query (a multi-call pattern), so a query's answer may differ; without thresholds slo_met is used",
    );
  }
  if (policy.kind === "learning") {
    const result = evaluateReplay(data, policy, seed, warnings);
    return {
      ...base,
      method: "replay",
      interval: "sandwich",
      ips: null,
      snips: null,
      dm: null,
      dr: null,
      replay: result,
      diagnostics: {
        effectiveSampleSize: null,
        maxWeight: null,
        clippedShare: null,
        neverTakenShare: null,
        unsupportedShare: null,
        loggedValue: loggedValue / data.n,
      },
      warnings,
    };
  }
  const estimates = evaluateFixed(data, policy, { ...options, interval, seed }, warnings);
  return {
    ...base,
    method: "estimators",
    ...estimates.values,
    replay: null,
    diagnostics: { ...estimates.diagnostics, loggedValue: loggedValue / data.n },
    warnings,
  };
}

/** IPS, SNIPS, DM and DR of a fixed policy, with diagnostics. */
function evaluateFixed(
  data: LoggedData,
  policy: FixedPolicy,
  options: EvaluateOptions & { interval: IntervalMethod; seed: number },
  warnings: string[],
): {
  values: Record<EstimatorName, OpeEstimate | null>;
  diagnostics: Omit<EvaluationDiagnostics, "loggedValue">;
} {
  const nB = data.backends.length;
  // As simulate's check: always:<backend> would silently mean "the first available" here.
  if (policy.backend !== undefined && !data.backends.includes(policy.backend)) {
    throw new OpeInputError(
      `--policy ${policy.name}: ${JSON.stringify(policy.backend)} is not a backend of ${data.source} (${data.backends.join(", ")})`,
    );
  }
  const target = targetTable(data, policy);
  let agreeing = 0;
  let never = 0;
  for (let i = 0; i < data.n; i++) {
    const p = target.pi[target.ctx[i] * nB + data.action[i]];
    agreeing += p;
    if (p === 0) never++;
  }
  if (agreeing === 0) {
    throw new OpeInputError(
      `${data.source}: no rows ${policy.name} can be judged on: on none of the ${data.n} logged decisions would it take the logged backend`,
    );
  }
  const model = fitRewardModel(data, target);
  const clip = options.clip ?? Number.POSITIVE_INFINITY;
  if (!(clip > 0)) throw new OpeInputError(`--clip must be a weight > 0, got ${options.clip}`);
  const sample = opeSample(data, target, model, clip);
  const weighted = sample.weight !== undefined;
  if (!weighted) {
    warnings.push(
      `${data.missingPropensity} of ${data.n} decisions have no propensity: only the direct method (DM) is given; IPS, SNIPS and DR need every decision's propensity`,
    );
  }
  const active = ESTIMATORS.filter((e) => weighted || !e.needsPropensity);
  const values: Record<EstimatorName, OpeEstimate | null> = {
    ips: null,
    snips: null,
    dm: null,
    dr: null,
  };
  for (const e of active) values[e.name] = e.estimate(sample);
  if (options.interval === "bootstrap") {
    const rng = createStream(options.seed, "ope", "bootstrap");
    const summaries = bootstrap({ n: data.n, replicates: options.replicates, rng }, (m) => {
      const s = { ...sample, model: fitRewardModel(data, target, m) };
      return active.map((e) => e.value(s, m));
    });
    active.forEach((e, k) => {
      const point = values[e.name] as OpeEstimate;
      values[e.name] = { value: point.value, ...summaries[k] };
    });
  }
  let ess: number | null = null;
  let maxWeight: number | null = null;
  let clippedShare: number | null = null;
  if (sample.weight !== undefined) {
    ess = effectiveSampleSize(sample.weight);
    maxWeight = sample.weight.reduce((a, b) => Math.max(a, b), 0);
    if (options.clip !== undefined) {
      let clipped = 0;
      for (let i = 0; i < data.n; i++) {
        const w = target.pi[target.ctx[i] * nB + data.action[i]] / data.propensity[i];
        if (w > clip) clipped++;
      }
      clippedShare = clipped / data.n;
    }
    const min = options.minEffectiveSampleSize ?? 100;
    if (ess < min) {
      warnings.push(
        `the effective sample size is ${ess.toFixed(1)} (of ${data.n} decisions), below ${min}: a few heavily weighted rows carry IPS, SNIPS and DR, and their intervals may be too narrow`,
      );
    }
  }
  if (model.unsupportedShare > 0) {
    warnings.push(
      `${pct(model.unsupportedShare)} of ${policy.name}'s choices fall in (query type, backend) cells the trace never logged: IPS cannot see them and DM and DR extrapolate there`,
    );
  }
  return {
    values,
    diagnostics: {
      effectiveSampleSize: ess,
      maxWeight,
      clippedShare,
      neverTakenShare: never / data.n,
      unsupportedShare: model.unsupportedShare,
    },
  };
}

/** Replay of a learning policy, with its warnings. */
function evaluateReplay(
  data: LoggedData,
  policy: LearningPolicy,
  seed: number,
  warnings: string[],
): ReplayResult {
  const result = replay(data, policy, {
    rng: createStream(seed, "ope", "replay", policy.name),
    rejection: createStream(seed, "ope", "rejection"),
  });
  if (result.steps === 0) {
    throw new OpeInputError(
      `${data.source}: no rows ${policy.name} can be judged on: replaying ${result.offered} decisions, it never chose the logged backend`,
    );
  }
  if (data.missingPropensity > 0) {
    warnings.push(
      `${data.missingPropensity} of ${data.n} decisions have no propensity: replay assumes the log chose uniformly among the available backends, and is biased if it did not`,
    );
  } else if (result.rejectionSampling) {
    warnings.push(
      `logging was not uniform: rejection sampling kept ${result.offered} of ${data.n} decisions, and the learner agreed with ${result.steps} of them`,
    );
  }
  warnings.push(
    `replay evaluates ${policy.name} over the ${result.steps} decisions where it agreed with the log (about 1/K of those offered, K the backends available): a learner that has seen that many outcomes, not ${data.n}`,
  );
  return result;
}

/**
 * Reads a trace file and evaluates a policy on it (streamed: rows are not held in memory,
 * only the decisions' columns).
 *
 * @param path the trace CSV (format: `data/traces/README.md`)
 * @param options the policy, thresholds, interval method and seed
 * @returns the report
 * @throws {TraceFormatError} for a trace that does not parse, naming the line
 * @throws {OpeInputError} for a missing column, an unknown policy, no usable rows
 * @example await evaluateTrace("trace.csv", { policy: "rule-based" })
 */
export async function evaluateTrace(
  path: string,
  options: EvaluateOptions,
): Promise<EvaluationReport> {
  // Before reading: an unknown policy fails in milliseconds.
  parsePolicy(options.policy);
  const data = await readLoggedData(path, options.slo);
  return evaluateLogged(data, options);
}

/**
 * Reads a trace file's decisions into columns.
 *
 * @param path the trace CSV
 * @param slo thresholds to judge decisions by instead of `slo_met`
 * @returns the decisions
 * @throws {TraceFormatError} for a trace that does not parse
 * @throws {OpeInputError} when decisions cannot be judged, or there are none
 */
export async function readLoggedData(path: string, slo?: SloThresholds): Promise<LoggedData> {
  const builder = new LoggedDataBuilder({ source: path, slo });
  const summary = await visitTrace(path, (row) => builder.push(row));
  return builder.finish(summary.columns);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
