/** Notebook 00's workload: how many Beta draws to plot, and the Beta's parameters. */
export interface QuickstartPlan {
  draws: number;
  alpha: number;
  beta: number;
}

/**
 * The smoke test's sample: enough draws for a smooth histogram in full mode, a few thousand in
 * quick mode (the notebook only checks the toolchain there).
 *
 * @param settings `quick` from `labSettings()`
 * @returns the number of draws and the Beta's parameters
 */
export function quickstartPlan(settings: { quick: boolean }): QuickstartPlan {
  return { draws: settings.quick ? 2_000 : 50_000, alpha: 3, beta: 5 };
}
