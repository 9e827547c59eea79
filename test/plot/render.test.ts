import { DOMParser } from "linkedom";
import { describe, expect, it } from "vitest";
import { Plot, renderPlot, toStandaloneSvg } from "../../src/plot/index.js";

/** Pairs of (label, bar) in the rendered figure, matched left to right by position. */
function barsByLabel(svg: string): { label: string; y: number; height: number }[] {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const labels = [...doc.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => ({
    label: t.textContent ?? "",
    x: Number(/translate\(([-\d.]+)/.exec(t.getAttribute("transform") ?? "")?.[1]),
  }));
  const bars = [...doc.querySelectorAll('[aria-label="bar"] rect')].map((r) => ({
    x: Number(r.getAttribute("x")),
    y: Number(r.getAttribute("y")),
    height: Number(r.getAttribute("height")),
  }));
  expect(bars).toHaveLength(labels.length);
  labels.sort((a, b) => a.x - b.x);
  bars.sort((a, b) => a.x - b.x);
  return labels.map((l, i) => ({ label: l.label, y: bars[i].y, height: bars[i].height }));
}

describe("renderPlot", () => {
  const data = [
    { backend: "neo4j", p99: 310.4 },
    { backend: "qdrant", p99: 42.25 },
  ];
  const options = {
    title: "Latency by backend",
    x: { label: "backend" },
    y: { label: "p99 latency (ms)" },
    marks: [Plot.barY(data, { x: "backend", y: "p99" })],
  };

  it("renders a titled figure with labelled axes and bars to scale", () => {
    const markup = renderPlot(options);
    expect(markup).toContain("Latency by backend");
    expect(markup).toContain("p99 latency (ms)");
    const bars = barsByLabel(toStandaloneSvg(markup));
    expect(bars.map((b) => b.label)).toEqual(["neo4j", "qdrant"]);
    // A linear y scale from zero: every bar stands on the same baseline and its height is
    // proportional to its value. Plot rounds positions to sub-pixels, so ±1 px.
    expect(bars[1].y + bars[1].height).toBeCloseTo(bars[0].y + bars[0].height, 6);
    const pxPerMs = bars[0].height / data[0].p99;
    expect(Math.abs(bars[1].height - pxPerMs * data[1].p99)).toBeLessThanOrEqual(1);
  });

  it("saves a standalone SVG that keeps the title", () => {
    const svg = toStandaloneSvg(renderPlot(options));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("<title>Latency by backend</title>");
    expect(svg.match(/<svg/g)?.length).toBe(2);
  });
});
