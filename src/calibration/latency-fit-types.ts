/**
 * The types shared by the latency fit and its per-group mixture, in a file of their own so that
 * neither fit imports the other.
 */
import type { EmpiricalOptions } from "./fit-empirical.js";
import type { DistributionFit, LatencyFamily, ParametricFamily } from "./types.js";

/** A labelled part of a sample, e.g. one query type's latencies. */
export interface SampleGroup {
  label: string;
  samples: readonly number[];
}

/** A mixture fitted group by group, with each group's own report. */
export interface MixtureFit {
  fit: DistributionFit;
  components: { label: string; n: number; report: LatencyFitReport }[];
}

/** Options for {@link fitLatency}. */
export interface FitLatencyOptions {
  /** Parametric families to try (default all three). */
  families?: readonly ParametricFamily[];
  /**
   * Which candidate to choose: `"aic"` (default) picks the lowest AIC among the candidates
   * with a likelihood (the parametric fits and a parametric mixture); a family name forces
   * that family (`"empirical"` forces the quantile summary).
   */
  choose?: "aic" | LatencyFamily;
  /**
   * Fall back to the empirical summary when the AIC winner's KS p-value is below this
   * (default 0: never). The KS p-value is conservative for fitted parameters, so a value
   * below e.g. 0.001 means the chosen shape is clearly wrong.
   */
  empiricalBelowPValue?: number;
  /** Options for the empirical summary (always computed, so plots can compare). */
  empirical?: EmpiricalOptions;
  /**
   * The same values split into labelled groups (e.g. by query type). With two or more, a
   * mixture with one fitted component per group joins the AIC comparison (see `fitMixture`).
   */
  groups?: readonly SampleGroup[];
}

/** Every candidate fitted to one sample, and the one chosen. */
export interface LatencyFitReport {
  /**
   * The parametric fits in the order tried, the mixture (when `groups` was given), then the
   * empirical summary.
   */
  candidates: DistributionFit[];
  /** The chosen candidate (one of `candidates`). */
  best: DistributionFit;
  /** Why `best` was chosen, as a sentence. */
  reason: string;
  /** Akaike weight of each candidate with a likelihood, by family. */
  akaikeWeights: Partial<Record<ParametricFamily | "mixture", number>>;
  /** The per-group fits behind the mixture candidate, when `groups` was given. */
  mixture?: MixtureFit;
  /** Families that could not be fitted, with the error message. */
  failures: { family: ParametricFamily; message: string }[];
}
