import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Options for an Observable Plot figure; `document` is supplied by {@link renderPlot}. */
export type PlotOptions = Omit<Plot.PlotOptions, "document">;

// One server-side DOM serves every figure: linkedom costs ~140 ms to import and parse, ~6 ms
// per plot after that (jsdom is ~6x slower and its current major needs Node 22).
type PlotDocument = NonNullable<Plot.PlotOptions["document"]>;
let sharedDocument: PlotDocument | undefined;
function serverDocument(): PlotDocument {
  if (!sharedDocument) {
    sharedDocument = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
      .document as unknown as PlotDocument;
  }
  return sharedDocument;
}

/**
 * Renders an Observable Plot figure to an SVG (or, with a legend or caption, `<figure>`) string.
 * Every figure must carry a title and labelled axes, so `title` is required here.
 *
 * @param options Plot options, as for `Plot.plot`, with a required `title`
 * @returns standalone markup, suitable for `tslab.display.html` or a `.svg` file
 * @example renderPlot({ title: "Latency", marks: [Plot.dot(data, { x: "a", y: "b" })] })
 */
export function renderPlot(options: PlotOptions & { title: string }): string {
  const node = Plot.plot({ ...options, document: serverDocument() }) as unknown as {
    outerHTML: string;
  };
  const html = node.outerHTML;
  // Standalone SVG files need the namespace; browsers inline it without.
  return html.startsWith("<svg") && !html.includes('xmlns="http://www.w3.org/2000/svg"')
    ? html.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"')
    : html;
}

export { Plot };
