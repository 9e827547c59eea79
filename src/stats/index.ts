export { type BandSeries, bandSeries } from "./band-series.js";
export { type Estimate, hasInterval, meanInterval } from "./estimate.js";
export { fixedPlusLinearFit } from "./fixed-plus-linear-fit.js";
export { type LogLogFit, logLogFit } from "./log-log-fit.js";
export { median } from "./median.js";
export { orderStatistic, quantileSorted } from "./quantile.js";
export { type Spread, spreadOf } from "./spread.js";
export { wilsonInterval } from "./wilson-interval.js";
