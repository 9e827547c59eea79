/** How unevenly requests spread over a set of targets (backends, patterns). */
export interface LoadImbalance {
  /** Targets considered, including expected ones that got nothing. */
  targets: number;
  total: number;
  /** Each target's share of the requests, in [0, 1]. */
  shares: Record<string, number>;
  /**
   * max over targets of share / fair share (fair = 1/n, or the target's weight share): 1 means
   * perfectly even, n means everything on one target. `NaN` with no requests.
   */
  peakToFair: number;
  /** Coefficient of variation (sd / mean) of share / fair share over targets. */
  cv: number;
  busiest: string;
  /** The target with the lowest share / fair share: a starved backend shows here. */
  idlest: string;
  idlestShare: number;
}

/** Options for {@link loadImbalance}. */
export interface LoadImbalanceOptions {
  /** Targets that should get traffic even if none appears in `counts` (starvation shows). */
  expected?: readonly string[];
  /** Relative capacity per target; fair share is proportional to it. Default equal. */
  weights?: Readonly<Record<string, number>>;
}

/**
 * Measures load imbalance from request counts.
 *
 * @param counts requests per target
 * @param options expected targets and capacity weights
 * @returns shares, peak-to-fair ratio, CV, busiest and idlest targets
 * @example loadImbalance({ a: 90, b: 10 }).peakToFair // 1.8
 */
export function loadImbalance(
  counts: Readonly<Record<string, number>>,
  options: LoadImbalanceOptions = {},
): LoadImbalance {
  const names = [...new Set([...Object.keys(counts), ...(options.expected ?? [])])].sort();
  const total = names.reduce((s, n) => s + (counts[n] ?? 0), 0);
  const weightOf = (n: string) => options.weights?.[n] ?? 1;
  const weightTotal = names.reduce((s, n) => s + weightOf(n), 0);
  const shares: Record<string, number> = {};
  let peak = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  let busiest = "";
  let idlest = "";
  const ratios: number[] = [];
  for (const n of names) {
    const share = total === 0 ? 0 : (counts[n] ?? 0) / total;
    shares[n] = share;
    const ratio = share / (weightOf(n) / weightTotal);
    ratios.push(ratio);
    if (ratio > peak) {
      peak = ratio;
      busiest = n;
    }
    if (ratio < low) {
      low = ratio;
      idlest = n;
    }
  }
  const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
  const variance = ratios.reduce((s, r) => s + (r - mean) ** 2, 0) / ratios.length;
  return {
    targets: names.length,
    total,
    shares,
    peakToFair: total === 0 || names.length === 0 ? Number.NaN : peak,
    cv: total === 0 || names.length === 0 ? Number.NaN : Math.sqrt(variance) / mean,
    busiest,
    idlest,
    idlestShare: idlest === "" ? Number.NaN : shares[idlest],
  };
}
