import { toStandaloneSvg } from "../save.js";

/** Options for {@link panelGrid}. */
export interface PanelGridOptions {
  /** The whole figure's title, drawn above the panels. */
  title: string;
  /** Panels per row (default 3). */
  columns?: number;
}

const size = (svg: string, attribute: "width" | "height", fallback: number): number =>
  Number(new RegExp(`^<svg[^>]*\\s${attribute}="([\\d.]+)"`).exec(svg)?.[1] ?? fallback);

/**
 * Lays out several rendered plots as one SVG, row by row, under a common title. Plot's facets
 * share their scales; panels do not, which suits data whose ranges differ by orders of
 * magnitude (e.g. one latency panel per backend, from microseconds to milliseconds).
 *
 * @param panels the output of `renderPlot` for each panel (each keeps its own title)
 * @param options the figure's title and the number of columns
 * @returns a standalone SVG document
 * @throws {RangeError} when there is no panel
 * @example panelGrid(backends.map((b) => renderPlot({ title: b, marks })), { title: "QQ plots" })
 */
export function panelGrid(panels: readonly string[], options: PanelGridOptions): string {
  if (panels.length === 0) throw new RangeError("panelGrid needs at least one panel");
  const columns = Math.max(1, Math.min(options.columns ?? 3, panels.length));
  const svgs = panels.map((p) => toStandaloneSvg(p));
  const cellW = Math.max(...svgs.map((s) => size(s, "width", 640)));
  const cellH = Math.max(...svgs.map((s) => size(s, "height", 400)));
  const band = 34;
  const rows = Math.ceil(svgs.length / columns);
  const width = columns * cellW;
  const height = band + rows * cellH;
  const body = svgs
    .map((s, i) => {
      const x = (i % columns) * cellW;
      const y = band + Math.floor(i / columns) * cellH;
      return s.replace(/^<svg/, `<svg x="${x}" y="${y}"`);
    })
    .join("");
  const title = options.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">` +
    `<title>${title}</title><rect width="100%" height="100%" fill="white"/>` +
    `<text x="4" y="22" font-size="17" font-weight="bold">${title}</text>${body}</svg>`
  );
}
