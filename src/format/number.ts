/**
 * Formats milliseconds with three significant figures at most, e.g. `410 ms`, `35.2 ms`,
 * `0.52 ms`; `NaN` prints as `–`.
 *
 * @param ms a duration
 * @returns the text, with unit
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  const a = Math.abs(ms);
  if (a >= 100) return `${Math.round(ms).toLocaleString("en-US")} ms`;
  if (a >= 10) return `${ms.toFixed(1)} ms`;
  if (a >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toPrecision(2)} ms`;
}

/**
 * Formats a fraction as a percentage, e.g. `5.1 %`; `NaN` prints as `–`.
 *
 * @param fraction e.g. 0.051
 * @param digits decimals (default 1)
 * @returns the text, with unit
 */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "–";
  return `${(fraction * 100).toFixed(digits)} %`;
}

/**
 * Formats a confidence level with as many decimals as it needs, up to two, trailing zeros
 * dropped: `95 %`, `97.5 %`, `99.9 %`, `99.75 %` (two decimals only above 99.5 %).
 *
 * @param confidence a level in (0, 1)
 * @returns the text
 * @example formatLevel(1 - 0.05 / 4) // "98.8 %"
 */
export function formatLevel(confidence: number): string {
  return formatPercent(confidence, confidence > 0.995 ? 2 : 1)
    .replace(/(\.\d*?)0+ %$/, "$1 %")
    .replace(/\. %$/, " %");
}

/**
 * Formats a count with thousands separators, e.g. `1,000,000`.
 *
 * @param n a count
 * @returns the text
 */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–";
}

/**
 * Formats a ratio like `2.05×`.
 *
 * @param r a ratio
 * @returns the text
 */
export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : "–";
}
