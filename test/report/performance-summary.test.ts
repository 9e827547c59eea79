import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPerformanceSummary, readSummarySources } from "../../src/report/index.js";
import { COMMITTED_RESULTS, committedResultsInCurrentShape } from "../support/committed-results.js";

// The committed results of the last full report run: a real, complete set of sources.
const committed = committedResultsInCurrentShape();
afterAll(() => committed.remove());

describe("buildPerformanceSummary", () => {
  it("advises only recommendations the re-simulation did not refute", () => {
    const sources = readSummarySources(committed.dir);
    const recs = sources.profiler.data.recommendations;
    expect(recs.length).toBeGreaterThanOrEqual(2);
    recs[0] = { ...recs[0], title: "REFUTED-MARKER", recommended: false, verdict: "refuted" };
    recs[1] = { ...recs[1], title: "KEPT-MARKER", recommended: true };
    const md = buildPerformanceSummary(sources).toMarkdown();
    expect(md).not.toContain("REFUTED-MARKER");
    expect(md).toContain("KEPT-MARKER");
  });

  it("reads every number it prints from the results", () => {
    const builder = buildPerformanceSummary(readSummarySources(committed.dir));
    builder.toMarkdown();
    const missing = builder.provenanceList().filter((p) => p.text === "n/a");
    expect(missing.map((p) => `${p.source}:${p.path}`)).toEqual([]);
  });

  it("prints n/a for a value the run did not produce, with the path it stopped at", () => {
    const sources = readSummarySources(committed.dir);
    sources.patterns.data.tailAtScale.hedging = null;
    const builder = buildPerformanceSummary(sources);
    const hedging = builder
      .provenanceList()
      .filter((p) => p.source === "03-execution-patterns.json" && p.path.includes("hedging"));
    expect(hedging.length).toBeGreaterThan(0);
    expect(hedging.every((p) => p.text === "n/a" && p.path === "tailAtScale.hedging")).toBe(true);
  });

  // Rendering the committed results again must give the committed report and provenance, byte
  // for byte. When the report's wording changes on purpose, regenerate both from the committed
  // JSON: buildPerformanceSummary(readSummarySources("results")).write("results").
  it("re-renders the committed summary and provenance byte for byte", () => {
    const out = mkdtempSync(join(tmpdir(), "summary-"));
    try {
      buildPerformanceSummary(readSummarySources(committed.dir)).write(out);
      for (const file of ["PERFORMANCE_SUMMARY.md", "PERFORMANCE_SUMMARY.provenance.json"]) {
        const rendered = readFileSync(join(out, file), "utf8");
        expect(rendered, file).toBe(readFileSync(join(COMMITTED_RESULTS, file), "utf8"));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
