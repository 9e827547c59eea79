/**
 * Every colour a figure draws data with (lines, dots, bars, labels), in one place, so a test
 * can check each against white: WCAG's non-text contrast asks 3:1 for graphics a reader must
 * see (`test/plot/palette.test.ts`). Light tints (frames, grid, shaded bands, a bar's track)
 * are decoration, not data, and sequential fills of heatmaps encode values including
 * near-white on purpose: neither is listed here.
 */

/** The colour of every limit drawn on a figure (an SLO, a target, a machine's ceiling), so a reader learns it once. */
export const LIMIT_COLOR = "#d62728";

/**
 * Categories without a colour of their own (models, fitted families, backends): Tableau 10's
 * hues, darkened where Tableau's are too light on white (orange, teal, olive, pink, grey). The
 * orange is a yellow-orange (hue 36°) and there is no red, so no two neighbours are hard to
 * tell apart and none reads as the limit colour.
 */
export const CATEGORY_COLORS: readonly string[] = [
  "#4e79a7", // blue
  "#c87800", // orange
  "#3b8a3e", // green
  "#9467bd", // purple
  "#8c564b", // brown
  "#c03d6e", // magenta
  "#17847a", // teal
  "#7a7a00", // olive
  "#666666", // grey
];

/**
 * The first n category colours, cycling when there are more categories than colours.
 *
 * @param n how many
 * @returns n colours
 * @example categoryColors(3) // ["#4e79a7", "#c87800", "#3b8a3e"]
 */
export function categoryColors(n: number): string[] {
  return Array.from({ length: n }, (_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length]);
}

/** Latency percentiles, low to high: dark blue through teal and green to ochre and brown. */
export const PERCENTILE_COLORS: Readonly<Record<string, string>> = {
  p50: "#31688e",
  p90: "#21918c",
  p95: "#3b8a3e",
  p99: "#a65f00",
  "p99.9": "#6b3d00",
  p999: "#6b3d00",
};

/** What a reference drawn for comparison looks like (an old system, a "before", a fit). */
export const REFERENCE_COLOR = "#767676";

/** Text and points of the emphasised series in two-series figures (ours, "after", measured). */
export const EMPHASIS_COLOR = "#2c7fb8";

/** One colour per strategy in every figure (notebook 02 and elsewhere). */
export const STRATEGY_COLORS: Readonly<Record<string, string>> = {
  thompson: "#4e79a7",
  ucb1: "#c87800",
  "rule-based": "#d64e5c",
  "epsilon-greedy": "#3b8a3e",
  random: "#8c564b",
  "peak-ewma": "#9467bd",
  oracle: "#222222",
};

/** Strategies without a colour of their own, in turn. */
export const SPARE_STRATEGY_COLORS: readonly string[] = [
  "#17847a",
  "#7a7a00",
  "#c03d6e",
  "#666666",
];

/** Execution patterns, in the study's order (feed-forward first, in near-black). */
export const PATTERN_COLORS: readonly string[] = [
  "#222222",
  "#c87800",
  "#4e79a7",
  "#9467bd",
  "#3b8a3e",
  "#8c564b",
  "#d64e5c",
  "#17847a",
  "#7a7a00",
  "#c03d6e",
];

/** Scaling figures: a measurement, the fit through it, a model's prediction. */
export const MEASURED_COLOR = "#2c7fb8";
export const FIT_COLOR = "#d45500";
export const MODEL_COLOR = "#2e8b3a";

/** The label of an incident window (its band is a light tint, {@link DECORATION_COLORS}). */
export const INCIDENT_COLOR = "#b2182b";

/**
 * Colours figures may use that are not data: frames, grid-like tracks, shaded bands (drawn
 * with low opacity) and the ends of heatmap colour ramps. A test checks that every other
 * colour literal in a figure comes from this file's palettes.
 */
export const DECORATION_COLORS: readonly string[] = [
  "#ddd",
  "#ccc",
  "#eee",
  "#000", // a shaded band at 6 % opacity
  "#f4a582", // an incident band at 30 % opacity
  "#f7f7f7", // the white end of the oracle-gap heatmap
];

/** Plot colour schemes allowed: only for heatmap cells, whose ramps encode values. */
export const HEATMAP_SCHEMES: readonly string[] = ["blues", "ylorrd"];

/** Every palette of data colours, by name, for the contrast test. */
export const DATA_PALETTES: Readonly<Record<string, readonly string[]>> = {
  LIMIT_COLOR: [LIMIT_COLOR],
  CATEGORY_COLORS,
  PERCENTILE_COLORS: Object.values(PERCENTILE_COLORS),
  REFERENCE_COLOR: [REFERENCE_COLOR],
  EMPHASIS_COLOR: [EMPHASIS_COLOR],
  STRATEGY_COLORS: Object.values(STRATEGY_COLORS),
  SPARE_STRATEGY_COLORS,
  PATTERN_COLORS,
  SCALING: [MEASURED_COLOR, FIT_COLOR, MODEL_COLOR],
  INCIDENT_COLOR: [INCIDENT_COLOR],
};
