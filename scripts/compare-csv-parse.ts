/**
 * Measures the hand-written trace parser (src/traces) against csv-parse on a 1,000,000-row
 * trace built from data/traces/sample-measured.csv: `npx tsx scripts/compare-csv-parse.ts`.
 * The result is quoted in src/traces/split-csv-line.ts, which says why the parser is kept.
 */
import { createReadStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseStream } from "csv-parse";
import { parse } from "csv-parse/sync";
import { visitTrace } from "../src/traces/read-trace.js";
import { TraceParser } from "../src/traces/trace-parser.js";

const file = join(tmpdir(), "routing-lab-trace-1e6.csv");
if (!existsSync(file)) {
  const sample = readFileSync("data/traces/sample-measured.csv", "utf8")
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"));
  const header = sample[0];
  const body = sample.slice(1);
  const lines = [header];
  for (let i = 0; i < 1_000_000; i++) lines.push(body[i % body.length]);
  writeFileSync(file, `${lines.join("\n")}\n`);
}
const time = async (label: string, f: () => Promise<unknown> | unknown) => {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    await f();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${label}: median ${(runs[1] / 1000).toFixed(2)} s (${runs.map((r) => (r / 1000).toFixed(2)).join(", ")})`,
  );
};
await time("hand-written visitTrace (read + split + validate)", async () => {
  let n = 0;
  await visitTrace(file, () => {
    n++;
  });
  if (n !== 1_000_000) throw new Error(String(n));
});
await time("csv-parse/sync, fields only (no validation)", () => {
  const rows = parse(readFileSync(file, "utf8"), {
    relax_column_count: true,
    skip_empty_lines: true,
    comment: "#",
  });
  if (rows.length !== 1_000_001) throw new Error(String(rows.length));
});
await time("csv-parse stream + TraceParser rows (info.lines for line numbers)", async () => {
  const parser = new TraceParser({ source: file });
  let n = 0;
  const records = createReadStream(file).pipe(
    parseStream({ relax_column_count: true, info: true }),
  );
  for await (const { record, info } of records as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    // The parser takes lines: joining the fields back is the cheapest way to reuse its checks.
    if (parser.pushLine(record.join(","), info.lines) !== undefined) n++;
  }
  if (n !== 1_000_000) throw new Error(String(n));
});
