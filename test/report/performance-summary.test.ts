import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPerformanceSummary, readSummarySources } from "../../src/report/index.js";

// The committed results of the last full report run: a real, complete set of sources.
const RESULTS = join(import.meta.dirname, "../../results");

describe("buildPerformanceSummary", () => {
  it("advises only recommendations the re-simulation did not refute", () => {
    const sources = readSummarySources(RESULTS);
    const recs = (sources.profiler.data as { recommendations: Record<string, unknown>[] })
      .recommendations;
    expect(recs.length).toBeGreaterThanOrEqual(2);
    recs[0] = { ...recs[0], title: "REFUTED-MARKER", recommended: false, verdict: "refuted" };
    recs[1] = { ...recs[1], title: "KEPT-MARKER", recommended: true };
    const md = buildPerformanceSummary(sources).toMarkdown();
    expect(md).not.toContain("REFUTED-MARKER");
    expect(md).toContain("KEPT-MARKER");
  });

  it("reads every number it prints from the results", () => {
    const builder = buildPerformanceSummary(readSummarySources(RESULTS));
    builder.toMarkdown();
    const missing = builder.provenanceList().filter((p) => p.text === "n/a");
    expect(missing.map((p) => `${p.source}:${p.path}`)).toEqual([]);
  });
});
