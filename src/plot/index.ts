export * from "./figures/index.js";
export { Plot, type PlotOptions, renderPlot } from "./render.js";
export { saveFigure, toStandaloneSvg } from "./save.js";
export { type ShowOptions, show } from "./show.js";
