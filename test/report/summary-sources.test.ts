import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSummarySources, SUMMARY_FILES } from "../../src/report/index.js";

describe("readSummarySources", () => {
  it("names the first missing results file", () => {
    const dir = mkdtempSync(join(tmpdir(), "summary-"));
    expect(() => readSummarySources(dir)).toThrow(`${join(dir, SUMMARY_FILES.decisions)}: missing`);
  });

  it("names a malformed results file", () => {
    const dir = mkdtempSync(join(tmpdir(), "summary-"));
    for (const name of Object.values(SUMMARY_FILES)) writeFileSync(join(dir, name), "{}");
    writeFileSync(join(dir, SUMMARY_FILES.scaling), "{ not json");
    expect(() => readSummarySources(dir)).toThrow(/04-scaling\.json: not valid JSON/);
  });
});
