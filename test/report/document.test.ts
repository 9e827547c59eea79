import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  formatValue,
  parseTables,
  ReportBuilder,
  sourced,
  verifyReport,
} from "../../src/report/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "report-"));
  dirs.push(dir);
  return dir;
}

function sampleReport(dir: string): string {
  const bench = { name: "bench.json", data: { rule: { perSecond: 2_512_345.6 }, p99: 0.01234 } };
  writeFileSync(join(dir, "bench.json"), JSON.stringify(bench.data));
  writeFileSync(join(dir, "fig.svg"), "<svg/>");
  const perSecond = sourced(bench, (b) => b.rule.perSecond, { kind: "number" });
  const p99 = sourced(bench, (b) => b.p99, { kind: "ms" });
  const r = new ReportBuilder();
  r.heading(1, "Summary")
    .paragraph("Rule-based: ", perSecond, " /s.")
    .table(["strategy", "decisions/s", "p99"], [["rule-based", perSecond, p99]])
    .checklist([
      {
        label: "rule-based speed",
        measured: perSecond,
        target: { op: ">=", value: 2_000_000, text: "≥ 2,000,000 /s" },
      },
      {
        label: "p99",
        measured: p99,
        target: { op: "<=", value: 0.001, text: "≤ 0.001 ms" },
      },
    ])
    .figure("a figure", "fig.svg");
  return r.write(dir);
}

describe("ReportBuilder + verifyReport", () => {
  it("writes a report whose numbers all match their JSON", () => {
    const dir = tempDir();
    const path = sampleReport(dir);
    const md = readFileSync(path, "utf8");
    expect(md).toContain("Rule-based: 2,512,346 /s.");
    const tables = parseTables(md);
    expect(tables[0][0]).toEqual(["rule-based", "2,512,346", "0.0123 ms"]);
    // The checklist's ticks are computed: one target met, one missed.
    expect(tables[1].map((row) => row[0])).toEqual(["✅", "❌"]);
    expect(verifyReport(path)).toEqual([]);
    // The provenance holds the paths the accessors followed.
    const provenance = JSON.parse(
      readFileSync(join(dir, "PERFORMANCE_SUMMARY.provenance.json"), "utf8"),
    );
    expect(provenance.map((p: { path: string }) => p.path)).toEqual([
      "rule.perSecond",
      "rule.perSecond",
      "p99",
      "rule.perSecond",
      "p99",
    ]);
  });

  it("flags a number edited by hand and a missing figure", () => {
    const dir = tempDir();
    const path = sampleReport(dir);
    const md = readFileSync(path, "utf8")
      .replace("| 2,512,346 |", "| 3,000,000 |")
      .replace("fig.svg", "gone.svg");
    writeFileSync(path, md);
    const problems = verifyReport(path);
    expect(problems.some((p) => p.includes("table 0 row 0 column 1"))).toBe(true);
    expect(problems.some((p) => p.includes("missing figure gone.svg"))).toBe(true);
  });

  it("flags a JSON value that changed after rendering", () => {
    const dir = tempDir();
    const path = sampleReport(dir);
    writeFileSync(
      join(dir, "bench.json"),
      JSON.stringify({ rule: { perSecond: 1 }, p99: 0.01234 }),
    );
    expect(verifyReport(path).length).toBeGreaterThan(0);
  });
});

describe("formatValue", () => {
  it("formats each kind", () => {
    expect(formatValue(1234.5, { kind: "number" })).toBe("1,235");
    expect(formatValue(0.0512, { kind: "percent" })).toBe("5.1 %");
    expect(formatValue(409.7, { kind: "ms" })).toBe("410 ms");
    expect(formatValue(0.0004567, { kind: "ms", digits: 2 })).toBe("0.00046 ms");
    expect(formatValue(51.23, { kind: "ratio" })).toBe("51.2×");
    expect(formatValue(Number.NaN, { kind: "ms" })).toBe("n/a");
    expect(formatValue(undefined, { kind: "text" })).toBe("n/a");
  });

  it("signs percentage points, and leaves a difference that rounds to 0 unsigned", () => {
    expect(formatValue(0.0213, { kind: "points" })).toBe("+2.1");
    expect(formatValue(-0.5091, { kind: "points" })).toBe("−50.9");
    expect(formatValue(-0.0004, { kind: "points" })).toBe("0.0");
    expect(formatValue(0.00004, { kind: "points", digits: 2 })).toBe("0.00");
    expect(formatValue(Number.NaN, { kind: "points" })).toBe("n/a");
  });
});
