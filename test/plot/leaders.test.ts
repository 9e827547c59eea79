import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  labelWidth,
  type PixelPoint,
  segmentsCross,
  untangleLeaders,
} from "../../src/plot/figures/label-layout.js";
import { qualityLatencyFigure } from "../../src/plot/figures/patterns.js";
import type { ExecutionPatternsResult } from "../../src/studies/execution-patterns/result.js";
import { COMMITTED_RESULTS } from "../support/committed-results.js";

const point = fc.record({
  x: fc.double({ min: 0, max: 300, noNaN: true }),
  y: fc.double({ min: 0, max: 400, noNaN: true }),
});

describe("segmentsCross", () => {
  it("tells a crossing from touching and from parallel segments", () => {
    const p = (x: number, y: number) => ({ x, y });
    expect(segmentsCross(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsCross(p(0, 0), p(10, 10), p(10, 10), p(20, 0))).toBe(false); // shared end
    expect(segmentsCross(p(0, 0), p(10, 0), p(0, 5), p(10, 5))).toBe(false);
    expect(segmentsCross(p(0, 0), p(4, 4), p(0, 10), p(10, 0))).toBe(false); // stops short
  });
});

describe("untangleLeaders", () => {
  it("gives a permutation whose leaders never cross (points left of a label column)", () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 10 }),
        fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { minLength: 10, maxLength: 10 }),
        (points, ys) => {
          const slots = points.map((_, i) => ({ x: 310, y: ys[i] }));
          const slotOf = untangleLeaders(points, slots);
          expect([...slotOf].sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
          for (let i = 0; i < points.length; i++) {
            for (let j = i + 1; j < points.length; j++) {
              expect(segmentsCross(points[i], slots[slotOf[i]], points[j], slots[slotOf[j]])).toBe(
                false,
              );
            }
          }
        },
      ),
    );
  });

  it("swaps the labels of two points whose height order would make their leaders cross", () => {
    // The right point is a little higher, so by height it takes the top slot, well above both;
    // its short steep leader then crosses the left point's long one (as in 03-quality-latency).
    const points = [
      { x: 100, y: 52 },
      { x: 290, y: 50 },
    ];
    const slots = [
      { x: 300, y: 10 },
      { x: 300, y: 30 },
    ];
    expect(segmentsCross(points[1], slots[0], points[0], slots[1])).toBe(true);
    expect(untangleLeaders(points, slots)).toEqual([0, 1]);
    expect(() => untangleLeaders(points, slots.slice(1))).toThrow(RangeError);
  });
});

describe("qualityLatencyFigure on the committed results", () => {
  const result = JSON.parse(
    readFileSync(join(COMMITTED_RESULTS, "03-execution-patterns.json"), "utf8"),
  ) as ExecutionPatternsResult;
  const svg = qualityLatencyFigure(result);
  const panels = svg.split(/<svg x="/).slice(1);

  it("has two panels, each with a leader and a label per pattern", () => {
    expect(panels).toHaveLength(2);
    for (const panel of panels) {
      expect(leaders(panel)).toHaveLength(result.order.length);
      expect(labelYs(panel)).toHaveLength(result.order.length);
    }
  });

  it("draws no two leaders crossing and no two labels overlapping (11 px text, 14 px apart)", () => {
    for (const panel of panels) {
      const lines = leaders(panel);
      for (let i = 0; i < lines.length; i++) {
        for (let j = i + 1; j < lines.length; j++) {
          expect(segmentsCross(lines[i][0], lines[i][1], lines[j][0], lines[j][1])).toBe(false);
        }
      }
      const ys = labelYs(panel).sort((a, b) => a - b);
      for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(13.99);
    }
  });

  it("keeps the x-axis label under its panel's frame, clear of the label column", () => {
    for (const panel of panels) {
      const m =
        /aria-label="x-axis label"><text transform="translate\(([\d.]+),[\d.]+\)">([^<]+)</.exec(
          panel,
        );
      expect(m).not.toBeNull();
      const [, x, text] = m as RegExpExecArray;
      const column = leaders(panel)[0][1].x;
      expect(Number(x) + labelWidth(text) / 2).toBeLessThan(column);
    }
  });
});

/** The leader lines of a panel, from Plot's link mark: `M x1,y1 L x2,y2`. */
function leaders(panel: string): [PixelPoint, PixelPoint][] {
  const g = /aria-label="link">([\s\S]*?)<\/g>/.exec(panel)?.[1] ?? "";
  return [...g.matchAll(/d="M([\d.-]+),([\d.-]+)L([\d.-]+),([\d.-]+)"/g)].map((m) => [
    { x: Number(m[1]), y: Number(m[2]) },
    { x: Number(m[3]), y: Number(m[4]) },
  ]);
}

/** The heights of the pattern labels in the column right of the frame. */
function labelYs(panel: string): number[] {
  const xs = leaders(panel).map(([, end]) => end.x);
  return [...panel.matchAll(/transform="translate\(([\d.]+),([\d.]+)\)"[^>]*>[^<]+<\/text>/g)]
    .filter((m) => xs.includes(Number(m[1])) && Math.abs(Number(m[1]) - xs[0]) < 1e-6)
    .map((m) => Number(m[2]));
}
