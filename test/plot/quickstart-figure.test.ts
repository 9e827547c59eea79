import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { betaHistogramFigure } from "../../src/plot/index.js";

describe("betaHistogramFigure", () => {
  it("bins the draws into bars whose heights follow the counts, with title and axis labels", () => {
    // 100 draws at 0.2 and 300 at 0.8: two non-empty bins, the second three times as tall.
    const draws = [...Array(100).fill(0.2), ...Array(300).fill(0.8)];
    const svg = betaHistogramFigure(draws, { alpha: 3, beta: 5 });
    expect(svg).toContain("Beta(3, 5) draws from a seeded stream (n = 400)");
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    const heights = [...document.querySelectorAll("rect")]
      .map((r) => Number(r.getAttribute("height")))
      .filter((h) => h > 0);
    expect(heights).toHaveLength(2);
    expect(Math.max(...heights) / Math.min(...heights)).toBeCloseTo(3, 1);
    const text = document.body.textContent ?? "";
    expect(text).toContain("draw");
    expect(text).toContain("count");
  });
});
