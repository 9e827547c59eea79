/** Strips outputs and execution counts from every notebook under notebooks/, in place. */
import { join } from "node:path";
import { writeFileAtomic } from "../src/io/atomic-write.js";
import { root } from "./jupyter-env.js";
import {
  clearOutputs,
  dirtyCells,
  formatNotebook,
  notebookPaths,
  readNotebook,
} from "./notebook-file.js";

for (const path of notebookPaths(join(root, "notebooks"))) {
  const nb = readNotebook(path);
  if (dirtyCells(nb).length > 0) {
    writeFileAtomic(path, formatNotebook(clearOutputs(nb)));
    console.log(`cleaned ${path}`);
  }
}
