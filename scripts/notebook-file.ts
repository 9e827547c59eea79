import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of an .ipynb file that the project's checks read and write. */
export interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}
export interface NotebookFile {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export function readNotebook(path: string): NotebookFile {
  return JSON.parse(readFileSync(path, "utf8")) as NotebookFile;
}

/** The notebooks under a folder, sorted. */
export function notebookPaths(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(dir, f));
}

/** Code cells that carry outputs or an execution count: what must not be committed. */
export function dirtyCells(nb: NotebookFile): number[] {
  return nb.cells.flatMap((c, i) =>
    c.cell_type === "code" && ((c.outputs?.length ?? 0) > 0 || c.execution_count != null)
      ? [i]
      : [],
  );
}

/** Removes outputs and execution counts, keeping the kernelspec and other metadata. */
export function clearOutputs(nb: NotebookFile): NotebookFile {
  return {
    ...nb,
    cells: nb.cells.map((c) =>
      c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c,
    ),
  };
}

/** Serialises like Jupyter does (one-space indent, trailing newline) to keep diffs small. */
export function formatNotebook(nb: NotebookFile): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}
