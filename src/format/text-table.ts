import Table from "cli-table3";

/** Options of {@link textTable}. */
export interface TextTableOptions {
  /**
   * Alignment per column, or one for all. Default: the first column left (labels), the
   * others right (numbers).
   */
  align?: "left" | "right" | readonly ("left" | "right")[];
  /** A rule of dashes under the header row (default true). */
  rule?: boolean;
}

// cli-table3 without borders: columns two spaces apart, no padding; `mid` draws the rule.
const PLAIN_CHARS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "-",
  "mid-mid": "  ",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/**
 * Lays rows out as an aligned plain-text table (cli-table3, which measures the display width
 * of wide and combining characters that `String#padEnd` miscounts); the first row is the header.
 *
 * @param rows cells as text
 * @param options alignment and the header rule
 * @returns the table, one line per row
 * @example textTable([["strategy", "p99 ms"], ["thompson", "12.3"]])
 * // "strategy  p99 ms\n--------  ------\nthompson    12.3"
 */
export function textTable(
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string {
  if (rows.length === 0) return "";
  const columns = Math.max(...rows.map((r) => r.length));
  const align = options.align ?? "right";
  const colAligns = Array.from({ length: columns }, (_, c) =>
    typeof align === "string"
      ? options.align === undefined && c === 0
        ? "left"
        : align
      : (align[c] ?? "left"),
  );
  const rule = options.rule ?? true;
  const table = new Table({
    head: rule ? [...rows[0]] : [],
    chars: PLAIN_CHARS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
    colAligns,
  });
  const body = rule ? rows.slice(1) : rows;
  // cli-table3 draws the rule only above a body row: a header alone gets an empty one, dropped.
  const headerOnly = body.length === 0;
  for (const r of headerOnly ? [[]] : body) {
    table.push(Array.from({ length: columns }, (_, c) => r[c] ?? ""));
  }
  const text = table.toString();
  return headerOnly ? text.slice(0, text.lastIndexOf("\n")) : text;
}
