import { UsageError } from "../errors.js";

/** The grid's keys; `[TYPE]` makes a per-query-type dimension. */
export const GRID_SPEC_FORM =
  'KEY=V1,V2,...;KEY=... with KEY one of strength, mean, strength[TYPE], mean[TYPE], discount, window — e.g. "strength=1,2,5,10;mean=0.3,0.5,0.7;discount=1,0.99"';

/** One swept parameter: its values in the order given. */
export interface GridDimension {
  /** `strength`, `mean`, `discount`, `window`, or `strength[TYPE]` / `mean[TYPE]`. */
  key: string;
  parameter: "strength" | "mean" | "discount" | "window";
  /** The query type of a per-type dimension. */
  queryType?: string;
  values: number[];
}

/** A parsed grid: the Cartesian product of its dimensions is the set of settings swept. */
export interface GridSpec {
  dimensions: GridDimension[];
}

/** A grid specification that cannot be parsed; the message shows the expected form. */
export class GridSpecError extends UsageError {
  /**
   * @param problem what is wrong, e.g. `mean value "1.5" must be in (0, 1)`
   */
  constructor(readonly problem: string) {
    super(`--grid: ${problem}; expected ${GRID_SPEC_FORM}`);
  }
}

const KEY = /^(strength|mean|discount|window)(?:\[([^\]]+)\])?$/;

/** Checks one value of a parameter, returning a problem sentence or undefined. */
function problemWith(
  parameter: GridDimension["parameter"],
  v: number,
  text: string,
): string | undefined {
  switch (parameter) {
    case "strength":
      return v > 0 && Number.isFinite(v)
        ? undefined
        : `strength "${text}" must be a positive number (α + β)`;
    case "mean":
      return v > 0 && v < 1 ? undefined : `mean "${text}" must be in (0, 1) (α / (α + β))`;
    case "discount":
      return v > 0 && v <= 1 ? undefined : `discount "${text}" must be in (0, 1]`;
    case "window":
      return Number.isInteger(v) && v > 0
        ? undefined
        : `window "${text}" must be a positive integer`;
  }
}

/**
 * Parses a grid specification such as `strength=1,2,5,10;mean=0.3,0.5,0.7;discount=1,0.99`.
 *
 * - `strength` is the prior's α + β and `mean` its α / (α + β), for every query type;
 *   `strength[TYPE]` and `mean[TYPE]` sweep one query type's prior on its own dimension.
 * - `discount` (γ in (0, 1]) or `window` (outcomes kept) sweep forgetting; not both.
 * - Spaces are ignored; each key appears once; values are listed in sweep order.
 *
 * @param text the specification
 * @param options `queryTypes`: when given, per-type keys must name one of them
 * @returns the dimensions in the order given
 * @throws {GridSpecError} naming the problem and showing the expected form
 * @example parseGridSpec("strength=2,10;mean[similarity]=0.3,0.7").dimensions.length // 2
 */
export function parseGridSpec(
  text: string,
  options: { queryTypes?: readonly string[] } = {},
): GridSpec {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw new GridSpecError("the grid is empty");
  const dimensions: GridDimension[] = [];
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) throw new GridSpecError(`"${part}" has no "="`);
    const key = part.slice(0, eq).replace(/\s+/g, "");
    const match = KEY.exec(key);
    if (!match) throw new GridSpecError(`unknown key "${key}"`);
    const parameter = match[1] as GridDimension["parameter"];
    const queryType = match[2];
    if (queryType !== undefined) {
      if (parameter === "discount" || parameter === "window") {
        throw new GridSpecError(`${parameter} is global; "${key}" cannot name a query type`);
      }
      if (options.queryTypes !== undefined && !options.queryTypes.includes(queryType)) {
        throw new GridSpecError(
          `"${key}" names query type "${queryType}", which the scenario lacks (it has ${options.queryTypes.join(", ")})`,
        );
      }
    }
    if (dimensions.some((d) => d.key === key)) throw new GridSpecError(`"${key}" is given twice`);
    const texts = part
      .slice(eq + 1)
      .split(",")
      .map((v) => v.trim());
    if (texts.some((v) => v === "")) throw new GridSpecError(`"${key}" has an empty value`);
    const values = texts.map((v) => {
      const n = Number(v);
      const problem = problemWith(parameter, n, v);
      if (problem !== undefined) throw new GridSpecError(problem);
      return n;
    });
    if (new Set(values).size !== values.length) {
      throw new GridSpecError(`"${key}" lists a value twice`);
    }
    dimensions.push(
      queryType === undefined ? { key, parameter, values } : { key, parameter, queryType, values },
    );
  }
  const has = (p: string) => dimensions.some((d) => d.parameter === p);
  if (has("discount") && has("window")) {
    throw new GridSpecError("sweep discount or window, not both (a bandit forgets one way)");
  }
  return { dimensions };
}

/**
 * The canonical text of a grid (keys in the order given, values as numbers), used to identify
 * a sweep on resume.
 *
 * @param grid a parsed grid
 * @returns e.g. `strength=1,2;mean=0.5`
 */
export function formatGridSpec(grid: GridSpec): string {
  return grid.dimensions.map((d) => `${d.key}=${d.values.join(",")}`).join(";");
}
