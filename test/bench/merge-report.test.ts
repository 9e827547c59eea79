import { describe, expect, it } from "vitest";
import { mergeBenchReport } from "../../src/bench/merge-report.js";
import type { BenchReport } from "../../src/bench/suite.js";

const env = (commit: string) =>
  ({ commit, node: "20", cpu: "x", cores: 2, date: "d" }) as unknown as BenchReport["environment"];
const report = (commit: string, sections: Record<string, unknown>): BenchReport => ({
  environment: env(commit),
  settings: { quick: false, seed: 42, sections: Object.keys(sections) },
  elapsedSeconds: 1,
  sections,
});

describe("bench --save merging", () => {
  it("adds or replaces only the new sections and keeps the others", () => {
    const saved = report("old", { decisions: { a: 1 }, batchRouting: { old: true } });
    const fresh = report("new", { batchRouting: { new: true }, cacheSpeed: { c: 2 } });
    const merged = mergeBenchReport(saved, fresh);
    expect(merged.sections).toEqual({
      decisions: { a: 1 },
      batchRouting: { new: true },
      cacheSpeed: { c: 2 },
    });
    expect(merged.settings.sections).toEqual(["decisions", "batchRouting", "cacheSpeed"]);
    expect(merged.environment).toEqual(env("new"));
    expect(saved.sections.batchRouting).toEqual({ old: true }); // inputs untouched
  });

  it("with nothing saved, is the new report", () => {
    const fresh = report("new", { x: 1 });
    expect(mergeBenchReport(undefined, fresh)).toBe(fresh);
  });
});
