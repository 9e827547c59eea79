import { describe, expect, it } from "vitest";
import { Plot, renderPlot, toStandaloneSvg } from "../../src/plot/index.js";

/** Rounds every number in markup to 1 decimal so snapshots survive float noise. */
function roundNumbers(markup: string): string {
  return markup
    .replace(/-?\d+\.\d+/g, (m) => Number(m).toFixed(1))
    .replace(/plot-[0-9a-f]+/g, "plot");
}

describe("renderPlot", () => {
  const options = {
    title: "Latency by backend",
    x: { label: "backend" },
    y: { label: "p99 latency (ms)" },
    marks: [
      Plot.barY(
        [
          { backend: "neo4j", p99: 310.4 },
          { backend: "qdrant", p99: 42.25 },
        ],
        { x: "backend", y: "p99" },
      ),
    ],
  };

  it("renders a titled figure with labelled axes (snapshot)", () => {
    const markup = renderPlot(options);
    expect(markup).toContain("Latency by backend");
    expect(markup).toContain("p99 latency (ms)");
    expect(roundNumbers(toStandaloneSvg(markup))).toMatchSnapshot();
  });

  it("saves a standalone SVG that keeps the title", () => {
    const svg = toStandaloneSvg(renderPlot(options));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("<title>Latency by backend</title>");
    expect(svg.match(/<svg/g)?.length).toBe(2);
  });
});
