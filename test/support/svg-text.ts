/** Reading the texts a reader sees out of a figure's markup, for the figure tests. */

/**
 * The figure's title: Plot's `<h2>`, or the `<title>` of a panel grid.
 *
 * @param svg a figure's markup
 * @returns the first title, or `undefined` when there is none
 */
export function titleOf(svg: string): string | undefined {
  return /<h2>([^<]*)<\/h2>|<title>([^<]*)<\/title>/
    .exec(svg)
    ?.slice(1)
    .find((t) => t);
}

/**
 * Every axis label, x and y, in document order (a panel grid has one pair per panel).
 *
 * @param svg a figure's markup
 * @returns the labels' texts
 */
export function axisLabels(svg: string): string[] {
  return [...svg.matchAll(/aria-label="[xy]-axis label"[^>]*>(?:<text[^>]*>)?([^<]*)</g)].map(
    (m) => m[1],
  );
}
