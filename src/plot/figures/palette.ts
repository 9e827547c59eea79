/** The colour of every limit drawn on a figure (an SLO, a target, a machine's ceiling), so a reader learns it once. */
export const LIMIT_COLOR = "#d62728";
