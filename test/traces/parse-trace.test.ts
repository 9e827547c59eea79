import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseTrace,
  readTrace,
  splitCsvLine,
  TraceFormatError,
  visitTrace,
} from "../../src/traces/index.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs("all");

function errorOf(fn: () => unknown): TraceFormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TraceFormatError) return err;
    throw err;
  }
  throw new Error("expected a TraceFormatError");
}

describe("splitCsvLine", () => {
  it("splits plain and quoted fields", () => {
    expect(splitCsvLine("a,b,,c")).toEqual(["a", "b", "", "c"]);
    expect(splitCsvLine('a,"b, c",d')).toEqual(["a", "b, c", "d"]);
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', "x"]);
    expect(splitCsvLine('x,""')).toEqual(["x", ""]);
    expect(splitCsvLine('"a",')).toEqual(["a", ""]);
  });

  it("reports unterminated quotes and text after a closing quote", () => {
    expect(splitCsvLine('a,"b')).toMatch(/unterminated/);
    expect(splitCsvLine('"a"b,c')).toMatch(/after closing quote/);
  });

  it("property: quoting any fields round-trips", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: "grapheme-ascii" }).filter((s) => !s.includes("\n")),
          { minLength: 1, maxLength: 6 },
        ),
        (fields) => {
          const line = fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");
          expect(splitCsvLine(line)).toEqual(fields);
        },
      ),
    );
  });
});

describe("parseTrace", () => {
  it("reads required and optional columns in any order", () => {
    const text = [
      "# recorded 2024-05-01",
      "pattern,latency_ms,backend,query_type,timestamp,relevance,success,cache_hit,status,host",
      "feed-forward,12.5,qdrant,similarity,1000,0.9,true,0,ok,a",
      'parallel,300,"neo4j",relationship,2024-05-01T00:00:01Z,,no,yes,timeout,b',
      "",
      ",7,mem0,,,,,,,",
    ].join("\r\n");
    const { rows, summary } = parseTrace(text, { source: "t.csv" });
    expect(rows).toEqual([
      {
        backend: "qdrant",
        latencyMs: 12.5,
        pattern: "feed-forward",
        queryType: "similarity",
        timestamp: 1000,
        relevance: 0.9,
        success: true,
        cacheHit: false,
        status: "ok",
      },
      {
        backend: "neo4j",
        latencyMs: 300,
        pattern: "parallel",
        queryType: "relationship",
        timestamp: Date.parse("2024-05-01T00:00:01Z"),
        success: false,
        cacheHit: true,
        status: "timeout",
      },
      { backend: "mem0", latencyMs: 7 },
    ]);
    expect(summary.ignoredColumns).toEqual(["host"]);
    expect(summary.rows).toBe(3);
    expect(summary.skipped).toBe(0);
  });

  it("names the line of a missing column, bad or negative latency, empty file", () => {
    let e = errorOf(() => parseTrace("backend,latency\nqdrant,1\n", { source: "x.csv" }));
    expect(e.message).toBe(
      'x.csv:1: missing required column "latency_ms" (header has: backend, latency)',
    );
    expect(e.line).toBe(1);

    e = errorOf(() =>
      parseTrace("backend,latency_ms\nqdrant,1\nqdrant,abc\n", { source: "x.csv" }),
    );
    expect(e.message).toBe('x.csv:3: latency_ms "abc" is not a finite number');
    expect(e.column).toBe("latency_ms");

    e = errorOf(() => parseTrace("backend,latency_ms\nqdrant,-4\n", { source: "x.csv" }));
    expect(e.message).toBe("x.csv:2: latency_ms -4 is negative");

    e = errorOf(() => parseTrace("backend,latency_ms\nqdrant,\n"));
    expect(e.message).toMatch(/:2: latency_ms is empty/);

    e = errorOf(() => parseTrace("", { source: "empty.csv" }));
    expect(e.message).toMatch(/^empty\.csv:1: empty file/);

    e = errorOf(() => parseTrace("backend,latency_ms\n"));
    expect(e.message).toMatch(/no data rows/);
  });

  it("rejects wrong field counts, bad booleans, relevance, status and timestamps", () => {
    const head = "backend,latency_ms,relevance,success,status,timestamp";
    const cases: [string, RegExp][] = [
      ["qdrant,1,0.5,true,ok", /expected 6 fields.*found 5/],
      ["qdrant,1,1.5,true,ok,1", /relevance 1.5 is outside/],
      ["qdrant,1,0.5,maybe,ok,1", /success "maybe" is not a boolean/],
      ["qdrant,1,0.5,true,lost,1", /status "lost"/],
      ["qdrant,1,0.5,true,ok,yesterday", /timestamp "yesterday"/],
      [",1,0.5,true,ok,1", /backend is empty/],
      ["qdrant,Infinity,,,,", /not a finite number/],
    ];
    for (const [line, re] of cases) {
      expect(() => parseTrace(`${head}\n${line}\n`), line).toThrow(re);
    }
  });

  it("with skipInvalid, skips and counts bad rows, keeping their problems", () => {
    const text = "backend,latency_ms\nqdrant,1\nqdrant,x\nneo4j,-1\nmem0,3\n";
    const { rows, summary } = parseTrace(text, { skipInvalid: true });
    expect(rows.map((r) => r.backend)).toEqual(["qdrant", "mem0"]);
    expect(summary.skipped).toBe(2);
    expect(summary.issues.map((i) => i.line)).toEqual([3, 4]);
    // Structural problems still throw.
    expect(() => parseTrace("backend\nqdrant\n", { skipInvalid: true })).toThrow(/missing/);
    expect(() => parseTrace("backend,latency_ms\nq,x\n", { skipInvalid: true })).toThrow(
      /no valid rows \(1 skipped/,
    );
  });

  it("rejects duplicate columns", () => {
    expect(() => parseTrace("backend,latency_ms,backend\n")).toThrow(/duplicate column "backend"/);
  });
});

describe("visitTrace / readTrace", () => {
  const dir = tempDir("trace-test-");

  it("streams a file across chunk boundaries with the same result as parseTrace", async () => {
    const lines = ["backend,latency_ms,query_type"];
    for (let i = 0; i < 20_000; i++) lines.push(`b${i % 5},${(i * 0.37) % 900},t${i % 3}`);
    // No trailing newline: the last line must still be read.
    const text = lines.join("\n");
    const path = join(dir, "big.csv");
    writeFileSync(path, text);
    const streamed = await readTrace(path);
    const inMemory = parseTrace(text, { source: path });
    expect(streamed.rows).toEqual(inMemory.rows);
    expect(streamed.summary).toEqual(inMemory.summary);
    expect(streamed.rows.length).toBe(20_000);
  });

  it("reports the line number of a bad row deep in a file", async () => {
    const lines = ["backend,latency_ms"];
    for (let i = 0; i < 5000; i++) lines.push(i === 4321 ? "qdrant,oops" : `qdrant,${i}`);
    const path = join(dir, "bad.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    await expect(visitTrace(path, () => {})).rejects.toThrow(
      `${path}:4323: latency_ms "oops" is not a finite number`,
    );
  });

  it("reports a missing file as a TraceFormatError", async () => {
    await expect(readTrace(join(dir, "nope.csv"))).rejects.toBeInstanceOf(TraceFormatError);
  });

  it("handles multi-byte UTF-8 split across chunks", async () => {
    const lines = ["backend,latency_ms,query_type"];
    for (let i = 0; i < 30_000; i++) lines.push(`bäckend-é,${i},typ€`);
    const path = join(dir, "utf8.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const { rows } = await readTrace(path);
    expect(rows.every((r) => r.backend === "bäckend-é" && r.queryType === "typ€")).toBe(true);
  });
});
