import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benchReportProblem, mergeBenchReports } from "../../src/bench/merge-report.js";
import type { BenchReport } from "../../src/bench/suite.js";

const ORDER = ["decisions", "executionOverhead", "simulationSpeed", "oldSystem"];

function report(commit: string, sections: Record<string, unknown>, seed = 42): BenchReport {
  return {
    environment: {
      cpu: "cpu",
      cores: 2,
      memoryGiB: 1,
      os: "linux",
      node: "v20",
      commit,
      date: `date-${commit}`,
    },
    settings: { quick: false, seed, sections: Object.keys(sections) },
    elapsedSeconds: 1,
    sections,
  };
}

describe("mergeBenchReports", () => {
  it("replaces the sections run, keeps the others, each with the run it came from", () => {
    const saved = report("aaa", { decisions: { v: 1 }, oldSystem: { v: 2 } });
    const run = report("bbb", { simulationSpeed: { v: 3 }, decisions: { v: 4 } }, 7);
    const merged = mergeBenchReports(saved, run, ORDER);
    expect(merged.sections).toEqual({
      decisions: { v: 4 },
      simulationSpeed: { v: 3 },
      oldSystem: { v: 2 },
    });
    expect(Object.keys(merged.sections)).toEqual(["decisions", "simulationSpeed", "oldSystem"]);
    expect(merged.settings.sections).toEqual(["decisions", "simulationSpeed", "oldSystem"]);
    expect(merged.environment.commit).toBe("bbb");
    expect(merged.sectionRuns).toEqual({
      decisions: { commit: "bbb", date: "date-bbb", quick: false, seed: 7 },
      simulationSpeed: { commit: "bbb", date: "date-bbb", quick: false, seed: 7 },
      oldSystem: { commit: "aaa", date: "date-aaa", quick: false, seed: 42 },
    });
    // A later merge keeps the recorded runs of the sections it does not touch.
    const again = mergeBenchReports(merged, report("ccc", { oldSystem: { v: 5 } }), ORDER);
    expect(again.sectionRuns?.decisions.commit).toBe("bbb");
    expect(again.sectionRuns?.oldSystem.commit).toBe("ccc");
    expect(saved.sections.decisions).toEqual({ v: 1 }); // inputs untouched
  });

  it("with nothing saved is the run itself, sections in suite order, unknown ids last", () => {
    const run = report("bbb", { zeta: 1, oldSystem: 2, decisions: 3 });
    const merged = mergeBenchReports(undefined, run, ORDER);
    expect(Object.keys(merged.sections)).toEqual(["decisions", "oldSystem", "zeta"]);
    expect(merged.sections).toEqual(run.sections);
  });

  it("is deterministic and idempotent: merging the same run twice equals merging it once", () => {
    const ids = fc.subarray([...ORDER, "extra"]);
    fc.assert(
      fc.property(ids, ids, (savedIds, runIds) => {
        const saved = report("aaa", Object.fromEntries(savedIds.map((id) => [id, `old-${id}`])));
        const run = report("bbb", Object.fromEntries(runIds.map((id) => [id, `new-${id}`])));
        const once = mergeBenchReports(saved, run, ORDER);
        expect(JSON.stringify(mergeBenchReports(saved, run, ORDER))).toBe(JSON.stringify(once));
        expect(mergeBenchReports(once, run, ORDER)).toEqual(once);
        for (const id of savedIds)
          if (!runIds.includes(id)) expect(once.sections[id]).toBe(`old-${id}`);
        for (const id of runIds) expect(once.sections[id]).toBe(`new-${id}`);
      }),
    );
  });
});

describe("benchReportProblem", () => {
  it("accepts a report and names what a non-report lacks", () => {
    expect(benchReportProblem(report("a", {}))).toBeUndefined();
    expect(benchReportProblem([])).toBe("expected a JSON object");
    expect(benchReportProblem({ sections: {} })).toMatch(/environment/);
    expect(benchReportProblem({ environment: { commit: "a", date: "d" } })).toMatch(/sections/);
    expect(
      benchReportProblem({ sections: {}, environment: { commit: "a", date: "d" }, settings: {} }),
    ).toMatch(/settings/);
  });
});
