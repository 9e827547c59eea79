/**
 * Notebook 06: {@link tuningPriorsResult} condenses its studies into the notebook's results
 * file.
 */
import type { Estimate } from "../../stats/estimate.js";
import { BASELINE_SETTING, betaPrior, thompsonOptions } from "../../tuning/prior-setting.js";
import type { SweepSummary } from "../../tuning/summarise-sweep.js";
import type { SweepVerdict } from "../../tuning/sweep-advice.js";
import type { ForgettingKind, ForgettingSettingResult, ForgettingStudy } from "./forgetting.js";
import type { PriorHeatmapStudy } from "./heatmap.js";
import type { PosteriorTrack } from "./posterior-track.js";

/** One forgetting setting in the results file. */
export interface TuningForgettingEntry {
  id: string;
  kind: ForgettingKind;
  value: number | null;
  sloAttainment: Estimate;
  regret: Estimate;
  successRate: Estimate;
}

/**
 * A sweep's verdict against its Beta(1, 1), no-forgetting baseline, judged by SLO attainment
 * (see `sweepAdvice`): `id` is the advised setting, or the leader when none is advised.
 */
export interface TuningAdvice {
  verdict: SweepVerdict;
  id: string;
  /** Baseline, setting and paired difference (setting − baseline) of SLO attainment, fractions. */
  sloAttainment: { before: number; after: number; diff: Estimate } | null;
  /** Two-sided confidence of `diff` after the Holm correction. */
  confidence: number | null;
  /** Settings in the Holm family. */
  tested: number;
}

/**
 * `06-tuning-priors.json`. Paths the performance summary reads are stable: e.g.
 * `heatmap.best.sloAttainment.mean`, `heatmap.sensitivity.dimensions.strength.share`,
 * `heatmap.advice.sloAttainment.diff.mean`, `forgetting.advice.verdict`,
 * `recommended.prior.alpha`. Version 2: the best is the leader by SLO attainment, and a
 * setting is recommended only when `advice.verdict` is `advised`.
 */
export interface TuningPriorsResult {
  format: "routing-lab/notebook-06";
  version: 2;
  quick: boolean;
  seed: number;
  heatmap: {
    scenario: string;
    grid: string;
    reps: number;
    rounds: number;
    /** Grid cells swept. */
    settings: number;
    /** The leader: highest mean SLO attainment; advised only when `advice` says so. */
    best: {
      id: string;
      strength: number;
      mean: number;
      alpha: number;
      beta: number;
      sloAttainment: Estimate;
      regret: Estimate;
      successRate: Estimate;
      /** Bootstrap probability of being the best cell. */
      pBest: number;
      /** Cells whose paired 95 % interval of SLO attainment against the best includes 0. */
      tiedWith: number;
    };
    /** The old Beta(1, 1) prior (strength 2, mean 0.5). */
    baseline: { sloAttainment: Estimate; regret: Estimate; successRate: Estimate } | null;
    /** Whether any prior beats the baseline (Holm-corrected, paired). */
    advice: TuningAdvice;
    worst: { id: string; regret: number };
    sensitivity: {
      /** Worst minus best mean regret. */
      regretSpread: number;
      /** The same as a share of the best's regret. */
      regretSpreadRelative: number;
      /** Per swept parameter (`strength`, `mean`): η² share and regret range of its main effect. */
      dimensions: Record<string, { share: number; regretRange: number }>;
      /** 1 − Σ shares: interactions and noise. */
      interactionShare: number;
    };
  };
  forgetting: {
    scenario: string;
    reps: number;
    rounds: number;
    settings: TuningForgettingEntry[];
    /** The leader by SLO attainment. */
    best: TuningForgettingEntry & { pBest: number; tiedWith: string[] };
    /** Whether any setting beats no forgetting (Holm-corrected, paired). */
    advice: TuningAdvice;
  };
  posterior: {
    scenario: string;
    queryType: string;
    tracks: {
      label: string;
      checkpoints: {
        queries: number;
        timeS: number;
        arms: Record<string, { alpha: number; beta: number; mean: number; truth: number }>;
      }[];
    }[];
  };
  /**
   * The advised prior on the stationary scenario and forgetting under drift (measured apart);
   * each null unless its sweep's verdict is `advised`.
   */
  recommended: {
    prior: { strength: number; mean: number; alpha: number; beta: number } | null;
    forgetting: { kind: ForgettingKind; value: number | null } | null;
  };
  /** Wall-clock times, ms (not reproducible). */
  wallMs: { heatmap: number; forgetting: number };
}

const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));

/** The estimate with 6 significant digits, so the results file stays small and stable. */
function rounded(e: Estimate): Estimate {
  return { mean: round(e.mean), lo: round(e.lo), hi: round(e.hi), sd: round(e.sd), n: e.n };
}

/** A sweep's advice, rounded. */
function adviceOf(summary: SweepSummary): TuningAdvice {
  const a = summary.advice;
  const slo = a.effect?.sloAttainment;
  return {
    verdict: a.verdict,
    id: a.id,
    sloAttainment:
      slo === undefined
        ? null
        : { before: round(slo.before), after: round(slo.after), diff: rounded(slo.diff) },
    confidence: a.confidence === null ? null : round(a.confidence),
    tested: a.tested,
  };
}

/**
 * Condenses the notebook's studies into its results file: small, with stable field names.
 *
 * @param input run settings, the prior sweep, the forgetting study and the posterior tracks
 * @returns the document to write as `06-tuning-priors.json`
 * @throws {RangeError} when no posterior track is given or the tracks watch different types
 */
export function tuningPriorsResult(input: {
  settings: { quick: boolean; seed: number };
  heatmap: PriorHeatmapStudy;
  forgetting: ForgettingStudy;
  posterior: readonly PosteriorTrack[];
}): TuningPriorsResult {
  const { report } = input.heatmap;
  const s = report.summary;
  const bestCell = s.cells.find((c) => c.id === s.best.id) as (typeof s.cells)[number];
  const prior = betaPrior(bestCell.setting.strength, bestCell.setting.mean);
  const advisedCell = s.cells.find((c) => s.advice.verdict === "advised" && c.id === s.advice.id);
  const baseKey = JSON.stringify(thompsonOptions(BASELINE_SETTING));
  const baseline = s.cells.find((c) => JSON.stringify(thompsonOptions(c.setting)) === baseKey);
  const gridCellsOnly = s.cells.filter((c) => !c.baseline);
  const worst = gridCellsOnly.reduce((a, b) => (b.regret.mean > a.regret.mean ? b : a));
  const dimensions: Record<string, { share: number; regretRange: number }> = {};
  let explained = 0;
  for (const d of s.sensitivity.dimensions) {
    dimensions[d.key] = { share: round(d.share, 4), regretRange: round(d.regretRange) };
    explained += d.share;
  }

  const f = input.forgetting;
  const entry = (r: ForgettingSettingResult): TuningForgettingEntry => ({
    id: r.id,
    kind: r.kind,
    value: r.value,
    sloAttainment: rounded(r.sloAttainment),
    regret: rounded(r.regret),
    successRate: rounded(r.successRate),
  });
  const fBest = f.settings.find((x) => x.id === f.summary.best.id) as ForgettingSettingResult;
  const fAdvised =
    f.summary.advice.verdict === "advised"
      ? f.settings.find((x) => x.id === f.summary.advice.id)
      : undefined;

  if (input.posterior.length === 0) throw new RangeError("at least one posterior track is needed");
  const queryType = input.posterior[0].queryType;
  if (input.posterior.some((t) => t.queryType !== queryType)) {
    throw new RangeError("the posterior tracks must watch the same query type");
  }
  return {
    format: "routing-lab/notebook-06",
    version: 2,
    quick: input.settings.quick,
    seed: input.settings.seed,
    heatmap: {
      scenario: report.scenario,
      grid: report.grid,
      reps: report.reps,
      rounds: report.rounds,
      settings: gridCellsOnly.length,
      best: {
        id: s.best.id,
        strength: bestCell.setting.strength,
        mean: bestCell.setting.mean,
        alpha: round(prior.alpha),
        beta: round(prior.beta),
        sloAttainment: rounded(s.best.sloAttainment),
        regret: rounded(s.best.regret),
        successRate: rounded(s.best.successRate),
        pBest: s.best.pBest,
        tiedWith: s.best.indistinguishable.length,
      },
      baseline:
        baseline === undefined
          ? null
          : {
              sloAttainment: rounded(baseline.sloAttainment),
              regret: rounded(baseline.regret),
              successRate: rounded(baseline.successRate),
            },
      advice: adviceOf(s),
      worst: { id: worst.id, regret: round(worst.regret.mean) },
      sensitivity: {
        regretSpread: round(s.sensitivity.regretSpread.absolute),
        regretSpreadRelative: round(s.sensitivity.regretSpread.relative, 4),
        dimensions,
        interactionShare: round(Math.max(0, 1 - explained), 4),
      },
    },
    forgetting: {
      scenario: f.scenario,
      reps: f.reps,
      rounds: f.rounds,
      settings: f.settings.map(entry),
      best: {
        ...entry(fBest),
        pBest: f.summary.best.pBest,
        tiedWith: f.summary.best.indistinguishable,
      },
      advice: adviceOf(f.summary),
    },
    posterior: {
      scenario: input.posterior[0].scenario,
      queryType,
      tracks: input.posterior.map((t) => ({
        label: t.label,
        checkpoints: t.snapshots.map((snap) => {
          const arms: Record<string, { alpha: number; beta: number; mean: number; truth: number }> =
            {};
          for (const a of snap.arms) {
            arms[a.backend] = {
              alpha: round(a.alpha),
              beta: round(a.beta),
              mean: round(a.mean, 4),
              truth: round(a.truth, 4),
            };
          }
          return { queries: snap.queries, timeS: round(snap.timeMs / 1000, 4), arms };
        }),
      })),
    },
    recommended: {
      prior:
        advisedCell === undefined
          ? null
          : {
              strength: advisedCell.setting.strength,
              mean: advisedCell.setting.mean,
              alpha: round(betaPrior(advisedCell.setting.strength, advisedCell.setting.mean).alpha),
              beta: round(betaPrior(advisedCell.setting.strength, advisedCell.setting.mean).beta),
            },
      forgetting: fAdvised === undefined ? null : { kind: fAdvised.kind, value: fAdvised.value },
    },
    wallMs: { heatmap: Math.round(input.heatmap.wallMs), forgetting: Math.round(f.wallMs) },
  };
}
