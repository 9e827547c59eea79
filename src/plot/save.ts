import { writeFileAtomic } from "../io/atomic-write.js";

/**
 * Saves rendered figure markup as an `.svg` file. A `<figure>` (Plot adds one for a title,
 * legend or caption) is reduced to its main `<svg>` so the file renders as an image in
 * markdown viewers; the title travels in the SVG's `<title>` and the surrounding report text.
 *
 * @param markup the output of {@link renderPlot}
 * @param path where to write, e.g. `results/figures/regret.svg`
 * @returns the path written
 */
export function saveFigure(markup: string, path: string): string {
  writeFileAtomic(path, toStandaloneSvg(markup));
  return path;
}

/** Extracts a standalone SVG document from Plot's markup, keeping the figure's title. */
export function toStandaloneSvg(markup: string): string {
  if (markup.startsWith("<svg")) return ensureNamespace(markup);
  const title = /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(markup)?.[1] ?? "";
  const svgs: string[] = markup.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  // The plot is the largest <svg>; legends are small swatch svgs.
  const main = svgs.reduce((a, b) => (b.length > a.length ? b : a), "");
  if (!main) throw new Error("saveFigure: the markup holds no <svg>");
  return title ? withTitleBand(main, title) : ensureNamespace(main);
}

/** Wraps an SVG in a taller one with the title drawn above it, so the file shows its title. */
function withTitleBand(svg: string, title: string): string {
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 640);
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  const band = 28;
  const inner = svg.replace(/^<svg/, `<svg y="${band}"`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + band}" ` +
    `viewBox="0 0 ${width} ${height + band}" font-family="system-ui, sans-serif">` +
    `<title>${title}</title><rect width="100%" height="100%" fill="white"/>` +
    `<text x="4" y="19" font-size="15" font-weight="bold">${title}</text>${inner}</svg>`
  );
}

function ensureNamespace(svg: string): string {
  return svg.includes('xmlns="http://www.w3.org/2000/svg"')
    ? svg
    : svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
}
