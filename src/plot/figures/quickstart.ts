/** The figure of notebook 00, the quickstart. */
import { Plot, renderPlot } from "../render.js";

/**
 * A histogram of Beta draws (40 bins), titled with the distribution and the sample size.
 *
 * @param draws the draws, each in [0, 1]
 * @param params the Beta's α and β, for the title
 * @returns SVG markup from `renderPlot`
 * @example betaHistogramFigure(draws, { alpha: 3, beta: 5 })
 */
export function betaHistogramFigure(
  draws: readonly number[],
  params: { alpha: number; beta: number },
): string {
  return renderPlot({
    title: `Beta(${params.alpha}, ${params.beta}) draws from a seeded stream (n = ${draws.length.toLocaleString("en-US")})`,
    x: { label: "draw" },
    y: { label: "count", grid: true },
    marks: [
      Plot.rectY(draws as number[], Plot.binX({ y: "count" }, { thresholds: 40 })),
      Plot.ruleY([0]),
    ],
  });
}
