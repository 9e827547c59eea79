/** How a measured value is printed in a report. */
export interface ValueFormat {
  /**
   * `number`: grouped digits; `ms`: milliseconds; `percent`: a fraction printed ×100 with `%`;
   * `points`: a difference of fractions printed ×100 with its sign (`+2.1`, `−0.4`), the unit
   * (percentage points) left to the text; `ratio`: `×` suffix; `mib`: bytes printed in MiB;
   * `text`: as is.
   */
  kind: "number" | "ms" | "percent" | "points" | "ratio" | "mib" | "text";
  /** Significant digits for `ms`, `ratio`; decimals for `number` and `percent`. */
  digits?: number;
}

/**
 * Formats a value for a report. The report's tests format the JSON value again with the same
 * format and compare, so this is the single place numbers become text.
 *
 * @param value a number (or, for `text`, anything printable)
 * @param format how to print it
 * @returns the printed value; `n/a` for a missing or non-finite number
 */
export function formatValue(value: unknown, format: ValueFormat): string {
  if (format.kind === "text") return value == null ? "n/a" : String(value);
  if (typeof value !== "number" || !Number.isFinite(value)) return "n/a";
  switch (format.kind) {
    case "number":
      return value.toLocaleString("en-US", {
        minimumFractionDigits: format.digits ?? 0,
        maximumFractionDigits: format.digits ?? 0,
      });
    case "percent":
      return `${(value * 100).toFixed(format.digits ?? 1)} %`;
    case "points": {
      const text = (Math.abs(value) * 100).toFixed(format.digits ?? 1);
      // A difference that rounds to zero gets no sign, so −0.0 never appears.
      if (Number(text) === 0) return text;
      return `${value > 0 ? "+" : "−"}${text}`;
    }
    case "ms":
      return `${significant(value, format.digits ?? 3)} ms`;
    case "ratio":
      return `${significant(value, format.digits ?? 3)}×`;
    case "mib":
      return `${(value / 2 ** 20).toFixed(format.digits ?? 1)} MiB`;
  }
}

/** Rounds to `digits` significant digits, without exponent notation, grouping thousands. */
function significant(value: number, digits: number): string {
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}
