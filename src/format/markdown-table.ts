/** Options of {@link markdownTable}. */
export interface MarkdownTableOptions {
  /**
   * Alignment per column, or one for all (default `left`, markdown's own, written `---`;
   * `right` is `---:`).
   */
  align?: "left" | "right" | readonly ("left" | "right")[];
  /** Escape `|` inside cells as `\|` (default false: callers' cells hold no pipes). */
  escape?: boolean;
  /** The rule row without spaces, `|---|---|` (the performance summary's style). */
  compactRule?: boolean;
}

/**
 * A markdown (GFM) table; the first row is the header. Every markdown table of the lab is
 * written here, so they are all of one form.
 *
 * @param rows cells as markdown text; the first row is the header
 * @param options alignment, escaping and the rule's style
 * @returns the table's lines joined by `\n`, without a final newline
 * @throws {RangeError} without a header row
 * @example markdownTable([["backend", "p99"], ["qdrant", "12 ms"]], { align: ["left", "right"] })
 * // "| backend | p99 |\n| --- | ---: |\n| qdrant | 12 ms |"
 */
export function markdownTable(
  rows: readonly (readonly string[])[],
  options: MarkdownTableOptions = {},
): string {
  const [head, ...body] = rows;
  if (head === undefined) throw new RangeError("markdownTable needs a header row");
  const align = options.align ?? "left";
  const rule = head.map((_, c) =>
    (typeof align === "string" ? align : (align[c] ?? "left")) === "right" ? "---:" : "---",
  );
  const esc = options.escape ? (s: string) => s.replace(/\|/g, "\\|") : (s: string) => s;
  const line = (r: readonly string[]) => `| ${r.map(esc).join(" | ")} |`;
  const ruleLine = options.compactRule ? `|${rule.join("|")}|` : line(rule);
  return [line(head), ruleLine, ...body.map(line)].join("\n");
}
