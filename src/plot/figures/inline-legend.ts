import { Plot } from "../render.js";

/** Options for {@link inlineLegend}. */
export interface InlineLegendOptions {
  /** Corner of the frame the legend hangs from (default `bottom-left`). */
  frameAnchor?: "top-left" | "top-right" | "bottom-left" | "bottom-right";
  /** Entries side by side (`row`, default) or one under another (`column`). */
  direction?: "row" | "column";
  /** Offset of the first entry from the anchor, px (default 0, 0); e.g. dy 40 below the x axis. */
  dx?: number;
  dy?: number;
  /** Distance between entries, px (default: each label's width in a row, 14 in a column). */
  spacing?: number;
  /** Draw it in one facet only: its fx and/or fy value. */
  fx?: unknown;
  fy?: unknown;
}

/**
 * A colour legend drawn with Plot's own marks, coloured through the plot's `color` scale.
 * Plot puts its legends in HTML beside the SVG, and a saved `.svg` keeps only the SVG (see
 * `saveFigure`), so figures that need their colours explained in the file draw this instead.
 *
 * @param labels the colour scale's values, in legend order
 * @param options where and how to lay it out
 * @returns marks to add to the plot
 * @example marks: [...lines, ...inlineLegend(["a", "b"], { dy: 40 })]
 */
export function inlineLegend(
  labels: readonly string[],
  options: InlineLegendOptions = {},
): Plot.Markish[] {
  const direction = options.direction ?? "row";
  const frameAnchor = options.frameAnchor ?? "bottom-left";
  const right = frameAnchor.endsWith("right");
  // Offsets of the entries along the row or column: fixed steps, or (in a row) each label's
  // approximate width at 11 px (about 6.5 px per character) plus a gap.
  const offsets: number[] = [];
  let at = 0;
  for (const label of labels) {
    offsets.push(at);
    at += options.spacing ?? (direction === "row" ? 6.5 * (label.length + 2) + 18 : 14);
  }
  return labels.map((label, i) =>
    Plot.text([label], {
      // The swatch sits on the anchored side, so a right-aligned column keeps its dots aligned.
      text: (d: string) => (right ? `${d} ●` : `● ${d}`),
      fill: (d: string) => d,
      frameAnchor,
      textAnchor: right ? "end" : "start",
      dx: (options.dx ?? 0) + (direction === "row" ? (right ? -offsets[i] : offsets[i]) : 0),
      dy: (options.dy ?? 0) + (direction === "column" ? offsets[i] : 0),
      fontSize: 11,
      ...(options.fx !== undefined ? { fx: () => options.fx } : {}),
      ...(options.fy !== undefined ? { fy: () => options.fy } : {}),
    }),
  );
}
