import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { formatValue } from "./format.js";
import type { Provenance } from "./provenance.js";
import { valueAt } from "./value-at.js";

/**
 * Checks a rendered report against the data it came from:
 * every linked figure exists, every recorded number equals its JSON value formatted again, and
 * every recorded table cell holds that text at its row and column.
 *
 * @param reportPath the markdown file; its provenance file sits beside it
 * @returns a list of problems, empty when the report is consistent
 */
export function verifyReport(reportPath: string): string[] {
  const problems: string[] = [];
  const dir = dirname(reportPath);
  const markdown = readFileSync(reportPath, "utf8");
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
    if (!existsSync(resolve(dir, m[1]))) problems.push(`missing figure ${m[1]}`);
  }
  const provenance = JSON.parse(
    readFileSync(reportPath.replace(/\.md$/, ".provenance.json"), "utf8"),
  ) as Provenance[];
  const tables = parseTables(markdown);
  const cache = new Map<string, unknown>();
  for (const p of provenance) {
    if (!cache.has(p.source))
      cache.set(p.source, JSON.parse(readFileSync(join(dir, p.source), "utf8")));
    const expected = formatValue(valueAt(cache.get(p.source), p.path), p.format);
    if (expected !== p.text)
      problems.push(`${p.source}:${p.path} is ${expected}, report says ${p.text}`);
    if (p.cell) {
      const actual = tables[p.cell.table]?.[p.cell.row]?.[p.cell.column];
      if (actual !== expected) {
        problems.push(
          `table ${p.cell.table} row ${p.cell.row} column ${p.cell.column} is "${actual}", ${p.source}:${p.path} gives "${expected}"`,
        );
      }
    } else if (!markdown.includes(expected)) {
      problems.push(`${p.source}:${p.path} (${expected}) does not appear in the report`);
    }
  }
  return problems;
}

/** The body rows of each markdown table, cells trimmed and unescaped. */
export function parseTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      current = null;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith("|") ? -1 : undefined)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, "|"));
    if (current === null) {
      current = [];
      tables.push(current);
      continue; // header row
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue; // separator row
    current.push(cells);
  }
  return tables;
}

/**
 * Verifies a rendered report and throws when anything disagrees with its data.
 *
 * @param reportPath the markdown file
 * @returns the number of values checked
 * @throws {Error} listing every problem
 */
export function assertReportConsistent(reportPath: string): number {
  const problems = verifyReport(reportPath);
  if (problems.length > 0) {
    throw new Error(`${reportPath} disagrees with its data:\n- ${problems.join("\n- ")}`);
  }
  const provenance = JSON.parse(
    readFileSync(reportPath.replace(/\.md$/, ".provenance.json"), "utf8"),
  ) as unknown[];
  return provenance.length;
}
