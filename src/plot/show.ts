import { createRequire } from "node:module";
import { join } from "node:path";
import { type LabSettings, labSettings } from "../lab/settings.js";
import { saveFigure } from "./save.js";

/** Options of {@link show}. */
export interface ShowOptions {
  /** The run's settings, whose `figuresDir` gets the file (default `labSettings()`). */
  settings?: Pick<LabSettings, "figuresDir">;
  /** Shows markup (default tslab's `display.html`, a no-op outside a notebook kernel). */
  display?: (markup: string) => void;
}

/**
 * Shows a figure in the notebook and, given a name, saves it as `<name>.svg` in the run's
 * figures folder (`results/figures/` only in `npm run report`; `.cache/…` otherwise, see
 * `labSettings`). It returns nothing, so a cell ending with it prints no value.
 *
 * @param figure markup from a figure function (`<svg>` or `<figure>`)
 * @param name the file's base name, e.g. `02-regret-curves`; none: display only
 * @param options where to save, how to display
 * @throws {RangeError} for a name with a folder separator or an extension
 * @throws {FileWriteError} when the file cannot be written
 * @example lab.show(lab.regretFigure(result), "02-regret");
 */
export function show(figure: string, name?: string, options: ShowOptions = {}): void {
  if (name !== undefined && !/^[\w.-]+$/.test(name)) {
    throw new RangeError(
      `show: a figure name is a file's base name (letters, digits, . _ -), got "${name}"`,
    );
  }
  if (name?.endsWith(".svg")) {
    throw new RangeError(`show: give the name without ".svg", got "${name}"`);
  }
  (options.display ?? notebookDisplay)(figure);
  if (name !== undefined) {
    const dir = (options.settings ?? labSettings()).figuresDir;
    saveFigure(figure, join(dir, `${name}.svg`));
  }
}

/**
 * tslab's display, loaded on first use: tslab brings a TypeScript compiler, which a command
 * that never shows a figure should not load. Outside a kernel tslab says "Not ready": a script
 * calling `show` then only saves.
 */
function notebookDisplay(markup: string): void {
  let tslab: { display: { html(s: string): void } };
  try {
    tslab = createRequire(import.meta.url)("tslab") as typeof tslab;
  } catch {
    return;
  }
  try {
    tslab.display.html(markup);
  } catch (err) {
    if (!(err instanceof Error && err.message === "Not ready")) throw err;
  }
}
