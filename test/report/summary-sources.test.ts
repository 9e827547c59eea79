import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { ResultFileError, readSummarySources, SUMMARY_FILES } from "../../src/report/index.js";
import { committedResultsInCurrentShape } from "../support/committed-results.js";

const committed = committedResultsInCurrentShape();
afterAll(() => committed.remove());

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the committed results, to break one field of. */
function resultsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "summary-"));
  dirs.push(dir);
  cpSync(committed.dir, dir, { recursive: true });
  return dir;
}

/** Edits one results file of a folder as parsed JSON (untyped: the point is to break it). */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON, edited to break its result type
function edit(dir: string, file: string, change: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(join(dir, file), "utf8"));
  change(json);
  writeFileSync(join(dir, file), JSON.stringify(json));
}

/** The error reading a folder throws. */
function errorOf(dir: string): ResultFileError {
  try {
    readSummarySources(dir);
  } catch (err) {
    if (err instanceof ResultFileError) return err;
    throw err;
  }
  throw new Error("readSummarySources did not throw");
}

describe("readSummarySources", () => {
  it("reads the committed results, each as its result type", () => {
    const s = readSummarySources(committed.dir);
    expect(s.scaling.name).toBe(SUMMARY_FILES.scaling);
    expect(s.scaling.data.format).toBe("routing-lab/scaling");
    expect(s.bench.data.sections.simulationSpeed.rows.length).toBeGreaterThan(0);
  });

  it("names the first missing results file", () => {
    const dir = mkdtempSync(join(tmpdir(), "summary-"));
    dirs.push(dir);
    expect(() => readSummarySources(dir)).toThrow(`${join(dir, SUMMARY_FILES.decisions)}: missing`);
  });

  it("names a malformed results file", () => {
    const dir = resultsCopy();
    writeFileSync(join(dir, SUMMARY_FILES.scaling), "{ not json");
    expect(() => readSummarySources(dir)).toThrow(/04-scaling\.json: not valid JSON/);
  });

  it("names the file and the path of a renamed field", () => {
    const dir = resultsCopy();
    edit(dir, SUMMARY_FILES.scaling, (json) => {
      json.time.fit.gradient = json.time.fit.slope;
      delete json.time.fit.slope;
    });
    const err = errorOf(dir);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain(`${join(dir, SUMMARY_FILES.scaling)}: does not match`);
    expect(err.message).toContain("time.fit.slope is required");
    expect(err.issues).toEqual([{ path: "time.fit.slope", message: "is required" }]);
  });

  it("names a field missing inside a keyed entry, and one of the wrong type", () => {
    const dir = resultsCopy();
    edit(dir, SUMMARY_FILES.strategies, (json) => {
      delete json.strategies.thompson.regret.mean;
      json.strategies.thompson.latency.p99 = "fast";
    });
    const err = errorOf(dir);
    expect(err.message).toContain("02-strategy-comparison.json");
    expect(err.issues.map((i) => i.path)).toEqual([
      "strategies.thompson.regret.mean",
      "strategies.thompson.latency.p99",
    ]);
    expect(err.message).toContain("strategies.thompson.latency.p99 must be a number, got string");
  });

  it("lists the first dozen mismatches and counts the rest", () => {
    const dir = resultsCopy();
    edit(dir, SUMMARY_FILES.priors, (json) => {
      for (const s of json.forgetting.settings) {
        delete s.regret.n;
        delete s.successRate.n;
      }
    });
    const err = errorOf(dir);
    const count = err.issues.length;
    expect(count).toBeGreaterThan(12);
    expect(err.message).toContain(`and ${count - 12} more`);
    expect(err.message.match(/is required/g)).toHaveLength(12);
  });

  it("reads a null interval end (NaN written by JSON) back as NaN", () => {
    const dir = resultsCopy();
    edit(dir, SUMMARY_FILES.strategies, (json) => {
      json.strategies.thompson.regret.lo = null;
    });
    const regret = readSummarySources(dir).strategies.data.strategies.thompson.regret;
    expect(regret.lo).toBeNaN();
    expect(Number.isFinite(regret.hi)).toBe(true);
  });
});
