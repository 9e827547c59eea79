import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildPerformanceSummary,
  type Provenance,
  ReportBuilder,
  readSummarySources,
} from "../../src/report/index.js";
import { recommendationsSection } from "../../src/report/recommendations-section.js";
import {
  COMMITTED_RESULTS,
  committedResultsInCurrentShape,
  PROFILER_FILE,
} from "../support/committed-results.js";

// The committed results of the last full report run: a real, complete set of sources.
const committed = committedResultsInCurrentShape();
afterAll(() => committed.remove());

/** A markdown report without its `## heading` section. */
function withoutSection(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  if (start < 0) return md;
  const next = md.slice(start + 1).search(/\n## /);
  return next < 0 ? md.slice(0, start) : md.slice(0, start) + md.slice(start + 1 + next);
}

/** The `### heading` section of a markdown report, up to the next heading. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n### ${heading}\n`);
  if (start < 0) return "";
  const next = md.slice(start + 1).search(/\n##+ /);
  return next < 0 ? md.slice(start) : md.slice(start, start + 1 + next);
}

const estimate = (mean: number, lo: number, hi: number) => ({ mean, lo, hi, sd: 0.01, n: 5 });
const effectOf = (slo: [number, number, number, number, number], calls: [number, number]) => ({
  sloAttainment: { before: slo[0], after: slo[1], diff: estimate(slo[2], slo[3], slo[4]) },
  callsPerQuery: {
    before: calls[0],
    after: calls[1],
    diff: estimate(calls[1] - calls[0], calls[1] - calls[0], calls[1] - calls[0]),
  },
  successRate: { before: 0.9, after: 0.9, diff: estimate(0, 0, 0) },
  p99: { before: 400, after: 300, diff: estimate(-100, -110, -90) },
});

describe("buildPerformanceSummary", () => {
  it("advises an advised recommendation under its horizon, and lists a rejected one only under Considered and rejected, with its numbers", () => {
    const sources = readSummarySources(committed.dir);
    const recs = sources.profiler.data.recommendations;
    expect(recs.length).toBeGreaterThanOrEqual(3);
    recs[0] = {
      ...recs[0],
      title: "ADVISED-MARKER",
      verdict: "advised",
      rejection: null,
      effect: effectOf([0.8812, 0.9034, 0.0222, 0.0191, 0.0253], [1, 1.047]),
      confidence: 0.9883,
      horizon: "immediate",
      horizonReason: "a configuration change the re-simulation verified",
    };
    recs[1] = {
      ...recs[1],
      title: "REJECTED-MARKER",
      verdict: "rejected",
      rejection: "no-gain",
      effect: effectOf([0.8766, 0.4321, -0.4444, -0.4567, -0.4321], [1, 1.234]),
      confidence: 0.99,
      // A horizon left on a rejected one must not list it as advice.
      horizon: "immediate",
      horizonReason: "stale",
    };
    recs[2] = {
      ...recs[2],
      title: "OPEN-MARKER",
      verdict: "unverified",
      effect: null,
      horizon: null,
    };
    const md = buildPerformanceSummary(sources).toMarkdown();

    const immediate = section(md, "Immediate");
    expect(immediate).toContain(
      "**ADVISED-MARKER** (" +
        `${recs[0].severity}): SLO attainment 88.1 % → 90.3 %, gain +2.2 points (98.8 % interval +1.9 to +2.5); calls/query 1.000 → 1.047. Horizon: a configuration change the re-simulation verified.`,
    );
    expect(immediate).not.toContain("REJECTED-MARKER");
    for (const h of ["Medium-term", "Long-term", "Considered and rejected", "Not verified"]) {
      expect(section(md, h)).not.toContain("ADVISED-MARKER");
    }

    const rejected = section(md, "Considered and rejected");
    expect(rejected).toContain(
      "**REJECTED-MARKER**: SLO attainment 87.7 % → 43.2 %, change −44.4 points (99.0 % interval −45.7 to −43.2); calls/query 1.000 → 1.234. Rejected: the interval of the SLO attainment change does not lie above 0.",
    );
    expect(md.split("REJECTED-MARKER")).toHaveLength(2);
    expect(section(md, "Not verified")).toContain("**OPEN-MARKER**");
    expect(md.split("OPEN-MARKER")).toHaveLength(2);
  });

  it("says so when nothing was advised, and shows no combined effect", () => {
    const sources = readSummarySources(committed.dir);
    const p = sources.profiler.data;
    p.recommendations = p.recommendations.map((rec) =>
      rec.verdict === "advised"
        ? { ...rec, verdict: "rejected", rejection: "no-gain", horizon: null, horizonReason: null }
        : rec,
    );
    p.advice.combined = null;
    const md = buildPerformanceSummary(sources).toMarkdown();
    for (const h of ["Immediate", "Medium-term", "Long-term"]) {
      expect(section(md, h)).toContain("None advised.");
    }
    expect(md).not.toContain("### All advised changes together");
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
  //
  // While results/05-profiler-bottlenecks.json is still version 1 (written before advice was
  // verified), the shim re-runs that study from its inputs (see committed-results.ts), and the
  // committed summary's Recommendations section was rendered by the old rules. Only that
  // section and its provenance entries are then left out, with a warning; everything else must
  // still match byte for byte. After the next full `npm run report`, nothing is left out.
  it("re-renders the committed summary and provenance byte for byte", () => {
    const out = mkdtempSync(join(tmpdir(), "summary-"));
    try {
      const sources = readSummarySources(committed.dir);
      buildPerformanceSummary(sources).write(out);
      const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
      const files = ["PERFORMANCE_SUMMARY.md", "PERFORMANCE_SUMMARY.provenance.json"] as const;
      if (!committed.regenerated.includes(PROFILER_FILE)) {
        for (const file of files) expect(read(out, file), file).toBe(read(COMMITTED_RESULTS, file));
        return;
      }
      console.warn(
        `results/${PROFILER_FILE} is in the old format (version 1, single-run what-ifs): the summary's Recommendations section is not compared with the committed one. Run \`npm run report\` to regenerate results/; then the whole summary is compared.`,
      );
      const [md, committedMd] = [read(out, files[0]), read(COMMITTED_RESULTS, files[0])];
      expect(withoutSection(md, "Recommendations")).toBe(
        withoutSection(committedMd, "Recommendations"),
      );
      // The provenance is the rest's, then the section's, then the rest's again: find the
      // section's entries (rendered alone) and compare what comes before and after.
      const [prov, committedProv] = [
        JSON.parse(read(out, files[1])) as Provenance[],
        JSON.parse(read(COMMITTED_RESULTS, files[1])) as Provenance[],
      ];
      const own = JSON.parse(
        JSON.stringify(
          recommendationsSection(new ReportBuilder(), sources.profiler).provenanceList(),
        ),
      ) as Provenance[];
      const at = prov.findIndex((_, i) => isDeepStrictEqual(prov.slice(i, i + own.length), own));
      expect(at, "the Recommendations section's provenance").toBeGreaterThan(0);
      const after = prov.slice(at + own.length);
      expect(prov.slice(0, at)).toEqual(committedProv.slice(0, at));
      expect(after).toEqual(committedProv.slice(committedProv.length - after.length));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
