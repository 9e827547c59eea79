import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeJsonAtomic } from "../../src/io/index.js";
import {
  buildPerformanceSummary,
  readSummarySources,
  SUMMARY_FILES,
} from "../../src/report/index.js";
import { committedResultsInCurrentShape } from "../support/committed-results.js";
import { tinyContextualResult } from "../support/contextual-result.js";

const committed = committedResultsInCurrentShape();
let dir = "";
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "summary-09-"));
  cpSync(committed.dir, dir, { recursive: true });
  writeJsonAtomic(join(dir, SUMMARY_FILES.contextual), await tinyContextualResult());
}, 120_000);
afterAll(() => {
  committed.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe("the summary's contextual-routing sections", () => {
  it("read notebook 09's results through their schema, every number found", () => {
    const sources = readSummarySources(dir);
    expect(sources.contextual?.name).toBe(SUMMARY_FILES.contextual);
    const builder = buildPerformanceSummary(sources);
    const md = builder.toMarkdown();
    for (const h of [
      "6. Contextual routing",
      "7. Non-stationary policies",
      "8. Adaptive pattern selection",
      "9. Decision speed of every policy",
    ]) {
      expect(md).toContain(`### ${h}`);
    }
    const mine = builder.provenanceList().filter((p) => p.source === SUMMARY_FILES.contextual);
    expect(mine.length).toBeGreaterThan(50);
    expect(mine.filter((p) => p.text === "n/a").map((p) => p.path)).toEqual([]);
    expect(md).toContain("09-adaptive-patterns.svg");
  });

  it("are left out when the folder has no notebook 09 results", () => {
    rmSync(join(committed.dir, "09-contextual-routing.json"), { force: true });
    const sources = readSummarySources(committed.dir);
    expect(sources.contextual).toBeUndefined();
    expect(buildPerformanceSummary(sources).toMarkdown()).not.toContain("Contextual routing");
  });
});
