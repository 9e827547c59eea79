import { describe, expect, it } from "vitest";
import {
  curveBandsFigure,
  curveFigure,
  fromExperiment,
  regretFigure,
  totalsFigure,
  trafficFigure,
} from "../../src/plot/figures/experiment.js";
import { runExperiment } from "../../src/sim/run/run-experiment.js";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";

// A small experiment run here, as a notebook user would: the figures take its result as is.
const result = await runExperiment({
  scenario: bernoulliScenario,
  strategies: ["random", "thompson", "oracle"],
  rounds: 2_000,
  reps: 3,
  seed: 7,
  points: 20,
  workers: 0,
});

describe("figures of a runExperiment result", () => {
  it("fromExperiment keeps every strategy's curves and totals, ranked by regret, oracle last", () => {
    const d = fromExperiment(result);
    expect(d.order).toEqual(["random", "thompson", "oracle"]);
    // Thompson learns the best backends, random never does: lower regret.
    expect(d.ranked).toEqual(["thompson", "random", "oracle"]);
    expect(d.queries).toEqual(result.strategies[0].curves.queries);
    const thompson = result.strategies[1];
    expect(d.strategies.thompson.curves.regret).toBe(thompson.curves.regret);
    expect(d.strategies.thompson.regret).toBe(thompson.totals.regret);
    expect(d.strategies.thompson.trafficShare.a).toBe(thompson.totals.trafficShare.a.mean);
  });

  it("draws regret, any curve, totals and traffic, naming every strategy", () => {
    const figures = [
      regretFigure(result),
      curveFigure(result, { metric: "sloAttainment" }),
      curveFigure(result, { metric: "latencyP99" }),
      totalsFigure(result),
      trafficFigure(result),
    ];
    for (const svg of figures) {
      expect(svg).toMatch(/^<(svg|figure)/);
      for (const name of ["random", "thompson"]) expect(svg).toContain(`>${name}<`);
    }
    expect(figures[0]).toContain("over 3 repetitions (sweep-test scenario)");
    expect(figures[1]).toContain("SLO attainment (%)");
    expect(figures[2]).toContain("p99 latency (ms)");
  });

  it("is a pure function of the result: the same result, the same markup", () => {
    expect(regretFigure(result)).toBe(regretFigure(result));
  });

  it("names the strategy and metric when a curve is missing", () => {
    const d = fromExperiment(result);
    const partial = {
      ...d,
      strategies: { ...d.strategies, random: { ...d.strategies.random, curves: {} } },
    };
    expect(() => curveBandsFigure(partial, { metric: "regret" })).toThrow(
      "the random strategy has no regret curve",
    );
  });
});
