import { join } from "node:path";
import { markdownTable } from "../format/markdown-table.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { formatValue } from "./format.js";
import type { Provenance } from "./provenance.js";
import type { SourcedValue } from "./sourced.js";

/** A table cell: literal text or a sourced value. */
export type Cell = string | SourcedValue;

/** A checklist item whose tick is computed from a measured value against a stated target. */
export interface ChecklistItem {
  label: string;
  measured: SourcedValue;
  /** The target, stated in the report next to the measurement. */
  target: { op: ">=" | "<="; value: number; text: string };
}

/**
 * Builds a markdown report in which every number is read from a results file. Alongside the
 * markdown it keeps a provenance list, written next to the report, that tests replay: each
 * printed number must equal its JSON value formatted again.
 */
export class ReportBuilder {
  private readonly parts: string[] = [];
  private readonly provenance: Provenance[] = [];
  private tables = 0;

  /** Formats a sourced value, recording where it came from. */
  value(v: SourcedValue, cell?: Provenance["cell"]): string {
    const text = formatValue(v.value, v.format);
    this.provenance.push({ source: v.source, path: v.path, format: v.format, text, cell });
    return text;
  }

  heading(level: number, text: string): this {
    this.parts.push(`${"#".repeat(level)} ${text}`);
    return this;
  }

  /** A paragraph of literal text and sourced values. */
  paragraph(...pieces: Cell[]): this {
    this.parts.push(pieces.map((p) => (typeof p === "string" ? p : this.value(p))).join(""));
    return this;
  }

  /** A bulleted list; each item is a list of pieces. */
  bullets(items: Cell[][]): this {
    this.parts.push(
      items
        .map(
          (pieces) =>
            `- ${pieces.map((p) => (typeof p === "string" ? p : this.value(p))).join("")}`,
        )
        .join("\n"),
    );
    return this;
  }

  /** A markdown table whose sourced cells are recorded with their position. */
  table(header: string[], rows: Cell[][]): this {
    const table = this.tables++;
    const cells = rows.map((row, r) =>
      row.map((c, column) =>
        typeof c === "string" ? c : this.value(c, { table, row: r, column }),
      ),
    );
    this.parts.push(markdownTable([header, ...cells], { escape: true, compactRule: true }));
    return this;
  }

  /** A checklist whose ticks are computed here from measured values against targets. */
  checklist(items: ChecklistItem[]): this {
    const rows = items.map((item) => {
      const measured = item.measured.value;
      const ok =
        typeof measured === "number" &&
        (item.target.op === ">=" ? measured >= item.target.value : measured <= item.target.value);
      return [ok ? "✅" : "❌", item.label, item.measured, item.target.text];
    });
    return this.table(["", "check", "measured", "target"], rows);
  }

  /** An image link to a figure, relative to the report's folder. */
  figure(alt: string, relativePath: string): this {
    this.parts.push(`![${alt}](${relativePath})`);
    return this;
  }

  /** Literal markdown (no numbers from data may be typed into it). */
  markdown(text: string): this {
    this.parts.push(text);
    return this;
  }

  toMarkdown(): string {
    return `${this.parts.join("\n\n")}\n`;
  }

  provenanceList(): readonly Provenance[] {
    return this.provenance;
  }

  /**
   * Writes `NAME.md` and `NAME.provenance.json` into the results folder, atomically.
   *
   * @returns the markdown's path
   */
  write(resultsDir: string, name = "PERFORMANCE_SUMMARY"): string {
    const path = join(resultsDir, `${name}.md`);
    writeJsonAtomic(join(resultsDir, `${name}.provenance.json`), this.provenance);
    writeFileAtomic(path, this.toMarkdown());
    return path;
  }
}
